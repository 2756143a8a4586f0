"""Final exercise, step 1, solved: the same tasks shared out by a Pool.

Pool.map sends the tasks to the worker processes and returns the results in the
order of the tasks, so the printed lines are exactly those of the sequential
version. With 2 free cores the work takes about half the time.

    python ex_pool_speedup_solution.py
    python ex_pool_speedup_solution.py --tasks 8 --size 2000000 --workers 2
"""
import argparse
import os
from multiprocessing import Pool


def work(n):
    # Top level: a worker process finds it by name (fork, spawn and forkserver).
    total = 0
    for i in range(n):
        total += i * i
    return total


def main(n_tasks, size, workers):
    tasks = [size + i for i in range(n_tasks)]
    with Pool(processes=workers) as pool:  # the worker processes start here
        results = pool.map(work, tasks)    # waits for all; results in task order
    # Printing happens after the Pool has finished: only the parent prints.
    for n, result in zip(tasks, results, strict=True):
        print(f"work({n}) = {result}")
    print(f"total: {sum(results)}")


if __name__ == "__main__":                 # a spawned worker imports this file: no Pool there
    parser = argparse.ArgumentParser(description="CPU-bound tasks shared out by a Pool.")
    parser.add_argument("--tasks", type=int, default=8, help="how many tasks")
    parser.add_argument("--size", type=int, default=4_000_000, help="steps per task")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2,
                        help="worker processes (default: the machine's CPUs)")
    args = parser.parse_args()
    main(args.tasks, args.size, args.workers)
