"""Giving a Value to a Pool's workers: when each worker starts, not with every task.

A Value is shared memory plus a lock. Process(target, args=(v,)) hands it to the child
as the child is created, and that works with every start method. A Pool's workers are
created once, before any task: map() pickles every task and sends it down a pipe, and
multiprocessing refuses to pickle a Value that way (the copy that arrived would no
longer be shared). The fix is to hand the Value to each worker as the pool creates it,
with initializer= and initargs=.
"""
import argparse
from multiprocessing import Pool, Value


# region: initializer
def add_one(v):                      # the wrong way: the Value travels with each task
    with v.get_lock():
        v.value += 1


counter = None                       # in each worker, set once by init_worker()


def init_worker(shared):
    global counter
    counter = shared                 # runs in every worker, as the pool creates it


def count_one(_):                    # the right way: the task uses the worker's global
    with counter.get_lock():         # += is read-then-write: hold the lock
        counter.value += 1


def main(tasks, workers):
    v = Value("i", 0)
    with Pool(workers) as pool:
        try:
            pool.map(add_one, [v] * tasks)
        except RuntimeError as err:  # raised while pickling the tasks, in the parent
            print(f"Value as a task argument -> RuntimeError: {err}")
    print(f"after that map: counter = {v.value}")
    with Pool(workers, initializer=init_worker, initargs=(v,)) as pool:
        pool.map(count_one, range(tasks))
    print(f"with initializer: counter = {v.value} after {tasks} tasks")
# endregion


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tasks", type=int, default=8, help="tasks to run")
    parser.add_argument("--workers", type=int, default=2, help="worker processes")
    args = parser.parse_args()
    main(args.tasks, args.workers)
