"""Ending a Pool by hand: close() versus terminate(), and join() after either.

close() says no more tasks will come: the workers finish every task already queued,
then exit. terminate() stops the workers at once: tasks running or still queued never
finish. join() waits for the workers to exit, so it needs one of the two first: on a
pool still running it raises ValueError.
"""
import argparse
import time
from multiprocessing import Barrier, Pool


def task(job):
    x, pause = job
    time.sleep(pause)                  # stands in for real work
    return x


def ready(start_line):
    start_line.wait()                  # in each worker, as the pool starts it


def started_pool(workers):
    """A pool whose workers are all up (they wait at a start line with the parent)."""
    start_line = Barrier(workers + 1)
    pool = Pool(processes=workers, initializer=ready, initargs=(start_line,))
    start_line.wait()
    return pool


def finished(pending):
    done = [x for x, result in enumerate(pending) if result.ready()]
    lost = [x for x, result in enumerate(pending) if not result.ready()]
    return f"finished {' '.join(map(str, done)) or 'none'}, lost {' '.join(map(str, lost)) or 'none'}"


# region: join
def show_join(workers, pause):
    pool = started_pool(workers)
    pool.apply_async(task, ((0, pause),))
    try:
        pool.join()                    # neither close() nor terminate() yet
    except ValueError as exc:
        print("join() on a running pool raised ValueError:", exc)
    pool.close()
    pool.join()                        # now it waits for the queued task, then returns
    print("close() then join(): returned")
# endregion


# region: stop
def show_stop(workers, tasks, pause):
    # 2 workers, 4 tasks of `pause` seconds: tasks 0 and 1 run first, 2 and 3 wait.
    pool = started_pool(workers)
    pending = [pool.apply_async(task, ((x, pause),)) for x in range(tasks)]
    pool.close()                       # no more tasks; the queued ones still run
    pool.join()
    print("close(), join():", finished(pending))
    try:
        pool.apply_async(task, ((9, pause),))
    except ValueError as exc:
        print("apply_async() after close() raised ValueError:", exc)

    pool = started_pool(workers)
    pending = [pool.apply_async(task, ((x, pause),)) for x in range(tasks)]
    time.sleep(1.5 * pause)            # tasks 0 and 1 are done, 2 and 3 half-way
    pool.terminate()                   # stops the workers now
    pool.join()
    print(f"terminate() after {1.5 * pause:.2f} s, join():", finished(pending))
# endregion


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, default=2, help="processes in the pool")
    parser.add_argument("--tasks", type=int, default=4, help="tasks given to the pool")
    parser.add_argument("--pause", type=float, default=0.2, help="seconds each task works")
    parser.add_argument("--only", choices=["join", "stop"], help="run one part only")
    args = parser.parse_args()
    if args.only in (None, "join"):
        show_join(args.workers, args.pause)
    if args.only in (None, "stop"):
        show_stop(args.workers, args.tasks, args.pause)
