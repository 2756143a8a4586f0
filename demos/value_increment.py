"""`v.value += 1` on a shared Value is NOT atomic, even though Value has a lock.

Value("i", 0) comes with a lock, but it only protects each single access:
    v.value += 1   is   tmp = v.value      (lock taken, value read, lock freed)
                        v.value = tmp + 1  (lock taken, value written, lock freed)
Between the read and the write the lock is free, so another process can read
the same old value: both write old + 1 and one increment is LOST.
Holding v.get_lock() around the whole `+=` closes that gap.

To make the gap wide enough to see on any machine (even with one core), we add
`one_after_a_gap()`, which sleeps before returning 1. CPython evaluates
`v.value += one_after_a_gap()` as: read v.value, call one_after_a_gap()
(sleep), add, write v.value. So the sleep falls exactly between the read and
the write. It does not create the bug; it only makes it show every time.
"""
import argparse
import time
from multiprocessing import Barrier, Lock, Process, Value

GAP = 0.001  # seconds between the read and the write


def one_after_a_gap():
    time.sleep(GAP)
    return 1


# region: increments
def add_without_lock(v, increments, start_line):
    start_line.wait()                     # all workers start at the same time
    for _ in range(increments):
        v.value += one_after_a_gap()      # locked read ... gap ... locked write


def add_with_lock(v, increments, start_line):
    start_line.wait()
    for _ in range(increments):
        # The Value's own lock, held for the read AND the write. It is an RLock
        # (re-entrant), so the read and the write may take it again inside.
        with v.get_lock():
            v.value += one_after_a_gap()
# endregion


def run(target, workers, increments):
    v = Value("i", 0)                     # lock=True by default
    start_line = Barrier(workers)
    procs = [Process(target=target, args=(v, increments, start_line))
             for _ in range(workers)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    return v.value


def show_reentry():
    """Take a lock a second time from the process that already holds it."""
    v = Value("i", 0)
    for name, lock in [("v.get_lock()", v.get_lock()), ("Lock()", Lock())]:
        with lock:
            again = lock.acquire(timeout=0.2)  # without a timeout, a Lock waits forever
            if again:
                lock.release()           # an RLock counts: release as often as acquired
        print(f"{name} (class {type(lock).__name__}): taken again by the process that "
              f"holds it, within 0.2 s: {again}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--increments", type=int, default=25, help="per worker")
    parser.add_argument("--reentrant", action="store_true",
                        help="also take a lock twice: the Value's RLock, then a Lock")
    args = parser.parse_args()
    expected = args.workers * args.increments
    for label, target in [("without get_lock():", add_without_lock),
                          ("with get_lock():", add_with_lock)]:
        final = run(target, args.workers, args.increments)
        lost = expected - final
        print(f"{label} expected {expected}, final {final}",
              f"({lost} updates lost)" if lost else "(no update lost)")
        if target is add_without_lock and not lost and args.workers > 1:
            print("the race did not show this time: try more --workers or --increments")
    if args.reentrant:
        show_reentry()
