"""multiprocessing.shared_memory.SharedMemory: a named block of raw bytes.

SharedMemory(create=True, size=n) makes a new block of n bytes, zero-filled, with a name
the system chose. Any process can attach to it with SharedMemory(name=...): no pickling,
no copy, the same bytes. shm.buf is a memoryview of them: slice it, write bytes into it.

Two ways to be done with it, and they are not the same:
  close()   this process lets go of its view; the block stays for the others.
  unlink()  destroys the block's name, once, from one process (usually its creator):
            nobody can attach any more, and the memory goes when the last view closes.

    python shared_memory_block.py
    python shared_memory_block.py --text "hi there"
"""
import argparse
from multiprocessing import Process
from multiprocessing.shared_memory import SharedMemory


# region: block
def child(name, size):
    shm = SharedMemory(name=name)        # attach by name: the parent's bytes, not a copy
    print(f"child read: {bytes(shm.buf[:size])!r}")
    shm.buf[:5] = bytes(shm.buf[:5]).upper()  # write into the shared block
    shm.close()                          # the child is done; the block stays


def main(text):
    data = text.encode()
    shm = SharedMemory(create=True, size=len(data))  # (some systems round size up)
    print(f"new block of {len(data)} bytes, all zero: {not any(shm.buf[:len(data)])}")
    shm.buf[:len(data)] = data           # bytes into the block, through a memoryview
    p = Process(target=child, args=(shm.name, len(data)))  # only the NAME travels
    p.start()
    p.join()
    print(f"parent reads after the child's close(): {bytes(shm.buf[:len(data)])!r}")
    shm.unlink()                         # destroy the name: once, here
    try:
        SharedMemory(name=shm.name)      # too late to attach
    except FileNotFoundError:
        print("attach by name after unlink(): FileNotFoundError")
    print(f"the parent's own view after unlink(): {bytes(shm.buf[:len(data)])!r}")
    shm.close()                          # and now the memory is gone
    print(f"after close(), shm.buf is {shm.buf}")
# endregion


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--text", default="hello world", help="what the parent writes")
    main(parser.parse_args().text)
