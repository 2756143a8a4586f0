"""A race condition: several processes increment one shared counter WITHOUT a lock.

Each increment is a read-modify-write: read the value, add 1, write it back.
If another process writes between our read and our write, one of the two
increments is overwritten: an update is LOST.

The gap between read and write is tiny in real code, so losses there depend on
luck and on the number of cores. Here we widen it with a short sleep, which lets
the other processes run inside the gap (even on one core), so the bug shows
up on every run. The sleep does not create the bug; it only makes it visible.
"""
import argparse
import os
import time
from multiprocessing import Barrier, Process, Value

GAP = 0.001  # seconds between the read and the write


# region: race
def work(counter, increments, start_line):
    start_line.wait()                    # all workers start at the same time
    for _ in range(increments):
        current = counter.value          # 1. read
        time.sleep(GAP)                  #    (others run here)
        counter.value = current + 1      # 2. write: may overwrite their work


def main(workers, increments):
    counter = Value("i", 0, lock=False)  # shared int, no lock at all
    start_line = Barrier(workers)
    procs = [Process(target=work, args=(counter, increments, start_line))
             for _ in range(workers)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    expected = workers * increments
    lost = expected - counter.value
    print(f"expected: {expected}")
    print(f"final: {counter.value}",
          f"({lost} updates lost)" if lost else "(no update lost)")
    if not lost and workers > 1:
        print("the race did not show this time: try more --workers or --increments")
# endregion


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--increments", type=int, default=25, help="per worker")
    parser.add_argument("--one-core", action="store_true",
                        help="pin this program, and so every worker, to one core (Linux)")
    args = parser.parse_args()
    if args.one_core and hasattr(os, "sched_setaffinity"):
        core = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {core})  # children inherit it: all run on this core
        print(f"pinned to one core (core {core}): the workers can only take turns")
    elif args.one_core:
        print("(this system cannot pin processes to one core)")
    main(args.workers, args.increments)
