"""Barrier(n): nobody gets past wait() until n processes have called it.

Each worker arrives at the barrier at its own time (worker i after i x --stagger
seconds), counts itself in a shared Value, and calls wait(). The first ones block there;
when the n-th one arrives, all n are released together, and each says how many had
arrived when it passed. Which of them prints its "passes" line first is up to the
operating system: that order changes from run to run.

If fewer than n ever arrive, wait() would block for ever; with a timeout, the barrier
breaks instead and every wait() raises threading.BrokenBarrierError.

    python barrier_wait.py
    python barrier_wait.py --parties 4 --timeout 0.3   # 3 workers for a Barrier(4)
"""
import argparse
import time
from multiprocessing import Barrier, Process, Value
from threading import BrokenBarrierError


# region: barrier
def worker(i, barrier, arrived, workers, stagger, timeout):
    time.sleep(i * stagger)              # the workers arrive one after another
    with arrived.get_lock():
        arrived.value += 1
    print(f"worker {i} arrives")
    try:
        barrier.wait(timeout)            # blocks until `parties` processes are here
    except BrokenBarrierError:
        print(f"worker {i}: BrokenBarrierError, {arrived.value} of {barrier.parties} arrived")
        return
    print(f"worker {i} passes: {arrived.value} of {workers} had arrived")


def main(workers, parties, stagger, timeout):
    barrier = Barrier(parties)           # ONE barrier, shared by all the workers
    arrived = Value("i", 0)
    procs = [Process(target=worker, args=(i, barrier, arrived, workers, stagger, timeout))
             for i in range(workers)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
# endregion


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--parties", type=int, default=None,
                        help="the n of Barrier(n) (default: as many as the workers)")
    parser.add_argument("--stagger", type=float, default=0.1,
                        help="seconds between one worker's arrival and the next one's")
    parser.add_argument("--timeout", type=float, default=1.0,
                        help="seconds a worker waits at the barrier before it breaks")
    args = parser.parse_args()
    main(args.workers, args.parties or args.workers, args.stagger, args.timeout)
