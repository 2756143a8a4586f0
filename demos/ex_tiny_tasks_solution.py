"""Final exercise, step 3: a Pool that is SLOWER than the plain loop. Why?

60 000 tiny tasks, about ten microseconds of arithmetic each, go to a Pool one at
a time (chunksize=1). Every task is then a message of its own: the parent pickles it
and sends it to a worker, the worker sends its result back, and the parent unpickles
and files it. That bookkeeping costs more than the arithmetic itself, and the parent
does all of it alone, so 2 cores finish later than 1 core does with a plain loop
(ex_tiny_tasks_reference.py, which mpquiz times against this program).

Only run() needs to change.

    python ex_tiny_tasks.py
    python ex_tiny_tasks.py --tasks 60000 --size 500 --workers 2
"""
import argparse
import math
import os
from multiprocessing import Pool


def work(n):
    total = 0
    for i in range(n):
        total += i * i
    return total


# region: run
def run(tasks, workers):
    """Return (the results in task order, how many chunks the tasks went to the pool in)."""
    # A few big chunks instead of one message per task: 4 per worker, as map() itself
    # would choose without a chunksize. Still enough pieces to share the work evenly.
    chunksize = math.ceil(len(tasks) / (4 * workers))
    with Pool(processes=workers) as pool:
        results = pool.map(work, tasks, chunksize=chunksize)
    chunks = math.ceil(len(tasks) / chunksize)  # 8 messages with 2 workers, not 60 000
    return results, chunks
# endregion


def main(n_tasks, size, workers):
    tasks = [size + i % 10 for i in range(n_tasks)]
    results, chunks = run(tasks, workers)
    print(f"tasks: {len(results)}")
    print(f"chunks: {chunks}")
    print(f"total: {sum(results)}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Many tiny tasks on a Pool.")
    parser.add_argument("--tasks", type=int, default=60_000, help="how many tasks")
    parser.add_argument("--size", type=int, default=500, help="steps per task")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2,
                        help="worker processes (default: the machine's CPUs)")
    args = parser.parse_args()
    main(args.tasks, args.size, args.workers)
