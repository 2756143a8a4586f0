"""multiprocessing.shared_memory.ShareableList: a fixed list of small values in shared memory.

ShareableList([...]) packs int, float, bool, None, str and bytes values into a
SharedMemory block; another process attaches to it by its name, ShareableList(name=...),
and reads and writes the same slots. It is not a list: its length is fixed, and each
str or bytes slot keeps the room it was created with (rounded up to 8 bytes).

    python shareable_list.py
    python shareable_list.py --longer "a much longer text"
"""
import argparse
from multiprocessing import Process
from multiprocessing.shared_memory import ShareableList


# region: list
def child(name, longer):
    sl = ShareableList(name=name)        # attach by name: the same slots
    sl[0], sl[1], sl[2], sl[3] = 42, 2.5, "done", True
    print(f"child wrote: {list(sl)}")
    try:
        sl[2] = longer                   # more bytes than the slot has
    except ValueError as err:
        print(f"child, a longer str in slot 2 -> ValueError: {err}")
    sl.shm.close()                       # the child is done; the block stays


def main(longer):
    sl = ShareableList([0, 0.0, "ready", False])
    print(f"parent created: {list(sl)}")
    p = Process(target=child, args=(sl.shm.name, longer))
    p.start()
    p.join()
    print(f"parent reads: {list(sl)}")
    print(f"length still {len(sl)}; append() exists: {hasattr(sl, 'append')}")
    sl.shm.close()
    sl.shm.unlink()                      # the creator destroys the block, once
# endregion


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--longer", default="finished at last",
                        help="a str the child tries to put in slot 2")
    main(parser.parse_args().longer)
