"""The race_counter.py program again, now with a Lock: no update is ever lost.

The read-sleep-write below is the CRITICAL SECTION. A Lock lets only one process
at a time inside it, so nobody can write between another one's read and write.
The sleep keeps the gap as wide as in race_counter.py: the lock, not luck, is
what protects the counter. The same Lock is shown in its two usual styles.

The price is printed too: inside the lock the pauses happen one after another,
so each style takes at least workers x increments x GAP seconds (the time is
counted from the moment every worker is up, so starting them does not count).

With --mistakes the program also runs the usual ways of getting a lock wrong, each
next to what it should be:

    python lock_counter.py
    python lock_counter.py --mistakes
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


# region: mistakes
def work_own_lock(counter, increments, lock, start_line):
    lock = Lock()                        # MISTAKE: a new lock, known to this worker only
    work_with(counter, increments, lock, start_line)


def work_write_only(counter, increments, lock, start_line):
    start_line.wait()
    for _ in range(increments):
        current = counter.value          # MISTAKE: read outside the lock...
        time.sleep(GAP)
        with lock:                       # ...so the lock guards only the write
            counter.value = current + 1
# endregion


def run(target, workers, increments):
    counter = Value("i", 0, lock=False)  # no built-in lock: we bring our own
    lock = Lock()                        # ONE lock shared by all the workers
    start_line = Barrier(workers + 1)    # the workers and this parent
    procs = [Process(target=target, args=(counter, increments, lock, start_line))
             for _ in range(workers)]
    for p in procs:
        p.start()
    start_line.wait()                    # every worker is up: they all start now
    start = time.perf_counter()
    for p in procs:
        p.join()
    return counter.value, time.perf_counter() - start


def report(style, target, workers, increments):
    expected = workers * increments
    final, took = run(target, workers, increments)
    lost = expected - final
    print(f"{style}: expected {expected}, final {final}",
          f"({lost} updates lost)" if lost else "(no update lost)",
          f"in {took:.2f} s")


def fail_inside(lock, use_finally):
    """Take `lock` and fail inside the critical section, with or without `finally`."""
    lock.acquire()
    if use_finally:
        try:
            raise ValueError("something failed inside the critical section")
        finally:
            lock.release()               # runs on the way out of the error
    raise ValueError("something failed inside the critical section")  # and no release()


def show_mistakes(workers, increments):
    report("mistake, a Lock() in each worker", work_own_lock, workers, increments)
    report("mistake, only the write under the lock", work_write_only, workers, increments)
    for use_finally, label in [(True, "with finally"), (False, "mistake, no finally")]:
        lock = Lock()
        try:
            fail_inside(lock, use_finally)
        except ValueError:
            pass                         # the error is handled; and the lock?
        free = lock.acquire(timeout=0.2)  # every other worker would wait here
        print(f"{label}: after an error inside the critical section, the lock is free:",
              free)
    counter = Value("i", 0, lock=False)
    try:
        counter.get_lock()
    except AttributeError as err:
        print(f"mistake, get_lock() on Value('i', 0, lock=False): AttributeError: {err}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--increments", type=int, default=25, help="per worker")
    parser.add_argument("--mistakes", action="store_true",
                        help="also run the usual mistakes, for comparison")
    args = parser.parse_args()
    for style, target in [("acquire/release", work_acquire), ("with lock", work_with)]:
        report(style, target, args.workers, args.increments)
    if args.mistakes:
        show_mistakes(args.workers, args.increments)
