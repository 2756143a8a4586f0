"""Exercise: 4 processes add 25 each to one shared counter, and updates get lost.

Each increment is a read-modify-write: read the value, add 1, write it back. If
another process writes between our read and our write, one of the two increments
is overwritten. The short sleep between the read and the write only widens that
gap, so that the loss shows on every run, on any number of cores; it is not the bug.

Protect the read-sleep-write with a multiprocessing.Lock (keep the sleep).

    python ex_fix_race.py
    python ex_fix_race.py --workers 4 --increments 25
"""
import argparse
import time

# region: race
from multiprocessing import Lock, Process, Value

GAP = 0.001  # seconds between the read and the write


def work(counter, increments, lock):
    for _ in range(increments):
        with lock:                       # one process at a time from here...
            current = counter.value      # 1. read
            time.sleep(GAP)              #    the others wait at `with lock:`
            counter.value = current + 1  # 2. write: nobody wrote in between
                                         # ...to here: release() on the way out


def run(workers, increments):
    """Start the workers, wait for them all, return the counter's final value."""
    counter = Value("i", 0, lock=False)  # a shared int with no lock of its own
    lock = Lock()                        # ONE lock, created here, passed to all
    procs = [Process(target=work, args=(counter, increments, lock))
             for _ in range(workers)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    return counter.value
# endregion


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="A shared counter and its lost updates.")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--increments", type=int, default=25, help="per worker")
    args = parser.parse_args()
    final = run(args.workers, args.increments)
    expected = args.workers * args.increments
    print(f"final: {final} (expected {expected})")
    print(f"lost updates: {expected - final}")
