"""concurrent.futures.ProcessPoolExecutor next to multiprocessing.Pool.

The same idea, with the Future interface that thread pools share:
    ex.submit(f, x)  ~ pool.apply_async(f, (x,))   -> Future, result()
    ex.map(f, xs)    ~ pool.map(f, xs)             -> results in input order
    as_completed(fs) ~ pool.imap_unordered(f, xs)  -> in finishing order
One difference bites: leaving `with Pool()` calls terminate() and kills unfinished
work; leaving `with ProcessPoolExecutor()` calls shutdown(wait=True) and waits for it.
"""
import argparse
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from multiprocessing import Barrier, Pool, TimeoutError


def work(job):
    x, pause = job
    time.sleep(pause)                  # stands in for real work
    return x * x


def ready(start_line):
    start_line.wait()                  # in each worker, as the executor starts it


# region: executor
def show_executor(items, step):
    # Item 0 sleeps longest and the last item shortest: later items finish first.
    jobs = [(x, (items - x) * step) for x in range(items)]
    start_line = Barrier(items + 1)    # the workers wait there until all are up
    with ProcessPoolExecutor(max_workers=items, initializer=ready,
                             initargs=(start_line,)) as ex:
        futures = {ex.submit(work, job): job[0] for job in jobs}   # Futures, at once
        start_line.wait()              # so a slow start cannot change the finishing order
        finished = [futures[f] for f in as_completed(futures)]
        print("as_completed order:", *finished)           # finishing order
        print("map result:", list(ex.map(work, jobs)))    # input order
        future = ex.submit(work, (7, 0))
        print(f"submit returned a {type(future).__name__}, result() -> {future.result()}")
# endregion


# region: exit
def show_exit(pause):
    with Pool(processes=1) as pool:
        pending = pool.apply_async(work, ((1, pause),))
    # Pool.__exit__ called terminate(): the worker was killed mid-task.
    print("Pool: task done after the with block?", pending.ready())
    try:
        pending.get(timeout=2 * pause)  # it would be done by now, had it been left to run
    except TimeoutError:
        print(f"Pool: still no result {2 * pause:.2f} s later: the task was lost")
    with ProcessPoolExecutor(max_workers=1) as ex:
        future = ex.submit(work, (1, pause))
    # ProcessPoolExecutor.__exit__ called shutdown(wait=True): it waited.
    print("Executor: task done after the with block?", future.done())
# endregion


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=4, help="items (and workers)")
    parser.add_argument("--step", type=float, default=0.12,
                        help="seconds of sleep per place from the end of the list")
    parser.add_argument("--only", choices=["executor", "exit"], help="run one part only")
    args = parser.parse_args()
    if args.only in (None, "executor"):
        show_executor(args.items, args.step)
    if args.only in (None, "exit"):
        show_exit(args.step)
