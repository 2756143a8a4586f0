"""Semaphore(n): at most n processes inside a section at once, the rest wait their turn.

A Semaphore holds a counter, n at the start. acquire() takes one (and waits while it is
0), release() gives one back, and `with sem:` does both. So at most n processes are
between acquire() and release() at any moment: a Lock lets in one, a Semaphore(n) n.

Each worker counts itself in and out of the section in a shared Value, and the largest
count ever seen is kept: the peak. All the workers start together and stay inside for
--hold seconds, so they are there at the same time as much as the Semaphore allows.

    python semaphore_peak.py
    python semaphore_peak.py --limit 1 --workers 4   # a Semaphore(1) is a lock
    python semaphore_peak.py --extra-release         # one release() too many
"""
import argparse
import time
from multiprocessing import Barrier, BoundedSemaphore, Process, Semaphore, Value


# region: semaphore
def worker(sem, inside, peak, hold, start_line):
    start_line.wait()                    # every worker tries to get in at once
    with sem:                            # acquire(): waits while `limit` are inside
        with inside.get_lock():
            inside.value += 1            # one more inside
            peak.value = max(peak.value, inside.value)
        time.sleep(hold)                 # the work, done by at most `limit` at once
        with inside.get_lock():
            inside.value -= 1            # leaving; release() lets the next one in


def main(limit, workers, hold):
    sem = Semaphore(limit)               # ONE semaphore, shared by all the workers
    print(f"Semaphore({limit}), {workers} workers, each inside for {hold} s")
    peak, took = run(sem, workers, hold)
    print(f"most workers inside at once: {peak}")
    turns = -(-workers // limit)         # workers / limit, rounded up
    print(f"took {took:.2f} s (at least {turns} turns x {hold} s = {turns * hold:.2f} s)")
    if peak < min(limit, workers):
        print("the limit was not reached this time: the workers were slow to start")


def run(sem, workers, hold):
    """Start the workers together; return (most inside at once, seconds they took)."""
    inside, peak = Value("i", 0), Value("i", 0)
    start_line = Barrier(workers + 1)    # the workers and this parent
    procs = [Process(target=worker, args=(sem, inside, peak, hold, start_line))
             for _ in range(workers)]
    for p in procs:
        p.start()
    start_line.wait()
    start = time.perf_counter()
    for p in procs:
        p.join()
    return peak.value, time.perf_counter() - start
# endregion


# region: extra-release
def show_extra_release(workers, hold):
    sem = Semaphore(2)
    sem.release()                        # one release() too many: nothing complains...
    peak, _ = run(sem, workers, hold)    # ...and now 3 get in at once
    print(f"Semaphore(2) after one release() too many: most workers inside at once: {peak}")
    bounded = BoundedSemaphore(2)        # the same, but it remembers its n
    try:
        bounded.release()
    except ValueError as err:
        print(f"BoundedSemaphore(2), one release() too many -> ValueError: {err}")
# endregion


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=2, help="the n of Semaphore(n)")
    parser.add_argument("--workers", type=int, default=6)
    parser.add_argument("--hold", type=float, default=0.1,
                        help="seconds each worker stays inside")
    parser.add_argument("--extra-release", action="store_true",
                        help="also release a Semaphore(2) once too often, and a BoundedSemaphore")
    args = parser.parse_args()
    main(args.limit, args.workers, args.hold)
    if args.extra_release:
        show_extra_release(args.workers, args.hold)
