"""A worker process dies in the middle of a task: what Pool and ProcessPoolExecutor do.

Task 1 ends its worker with os._exit(1), as a crash or a kill would: no exception, no
result, nothing sent back. multiprocessing.Pool starts a new worker in its place and
carries on with the other tasks, but the lost task's result never comes: get() without
a timeout would wait forever. concurrent.futures.ProcessPoolExecutor notices the death
instead: every future not yet done raises BrokenProcessPool, and so does any new submit.
"""
import argparse
import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import Pool


# region: pool
def task(x):
    if x == 1:
        os._exit(1)                    # the worker process ends here, at once
    time.sleep(0.05)                   # stands in for real work
    return x * x, os.getpid()


def with_pool(tasks, wait):
    with Pool(processes=1) as pool:
        pending = [pool.apply_async(task, (x,)) for x in range(tasks)]
        pids = {}
        for x, result in enumerate(pending):
            try:
                value, pids[x] = result.get(timeout=wait)
                print(f"Pool: task {x} -> {value}")
            except multiprocessing.TimeoutError:   # the result never came
                print(f"Pool: task {x} -> no result after {wait} s (TimeoutError)")
        print("Pool: worker processes that returned results:", len(set(pids.values())))
# endregion


# region: executor
def with_executor(tasks):
    with ProcessPoolExecutor(max_workers=1) as ex:
        futures = [ex.submit(task, x) for x in range(tasks)]
        for x, future in enumerate(futures):
            try:
                value, _ = future.result(timeout=5)
                print(f"Executor: task {x} -> {value}")
            except BrokenProcessPool:
                print(f"Executor: task {x} -> BrokenProcessPool")
        try:
            ex.submit(task, 0)
        except BrokenProcessPool:
            print("Executor: a new submit() -> BrokenProcessPool")
# endregion


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tasks", type=int, default=4, help="tasks; task 1 kills its worker")
    parser.add_argument("--wait", type=float, default=0.5,
                        help="seconds get() waits for each Pool result")
    parser.add_argument("--only", choices=["pool", "executor"], help="run one part only")
    args = parser.parse_args()
    if args.only in (None, "pool"):
        with_pool(args.tasks, args.wait)
    if args.only in (None, "executor"):
        with_executor(args.tasks)
