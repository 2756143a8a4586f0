"""The race_counter.py program again, now with a Lock: no update is ever lost.

The read-sleep-write below is the CRITICAL SECTION. A Lock lets only one process
at a time inside it, so nobody can write between another one's read and write.
The sleep keeps the gap as wide as in race_counter.py: the lock, not luck, is
what protects the counter. The same Lock is shown in its two usual styles.

The price is printed too: inside the lock the pauses happen one after another,
so each style takes at least workers x increments x GAP seconds.
"""
import argparse
import time
from multiprocessing import Barrier, Lock, Process, Value

GAP = 0.001  # seconds between the read and the write, as in race_counter.py


# region: acquire-release
def work_acquire(counter, increments, lock, start_line):
    start_line.wait()
    for _ in range(increments):
        lock.acquire()                   # wait here until the lock is free
        try:
            current = counter.value
            time.sleep(GAP)              # others wait at acquire(), not here
            counter.value = current + 1
        finally:
            lock.release()               # ALWAYS release, even on an error
# endregion


# region: with-lock
def work_with(counter, increments, lock, start_line):
    start_line.wait()
    for _ in range(increments):
        with lock:                       # acquire() on entry, release() on exit
            current = counter.value
            time.sleep(GAP)
            counter.value = current + 1
# endregion


def run(target, workers, increments):
    counter = Value("i", 0, lock=False)  # no built-in lock: we bring our own
    lock = Lock()                        # ONE lock shared by all the workers
    start_line = Barrier(workers)        # all workers start at the same time
    procs = [Process(target=target, args=(counter, increments, lock, start_line))
             for _ in range(workers)]
    start = time.perf_counter()
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    return counter.value, time.perf_counter() - start


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--increments", type=int, default=25, help="per worker")
    args = parser.parse_args()
    expected = args.workers * args.increments
    for style, target in [("acquire/release", work_acquire), ("with lock", work_with)]:
        final, took = run(target, args.workers, args.increments)
        lost = expected - final
        print(f"{style}: expected {expected}, final {final}",
              f"({lost} updates lost)" if lost else "(no update lost)",
              f"in {took:.2f} s")
