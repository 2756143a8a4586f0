"""How many worker processes? One per core: more only take turns on the same cores.

The same CPU-bound tasks run in a Pool of 1 worker, of one worker per core and of two
per core. Going from 1 worker to one per core divides the time by up to the number of
cores; going beyond gives nothing more, because the extra processes share the same
cores (and each one costs its start-up).

    python worker_count.py
    python worker_count.py --tasks 16 --size 500000
"""

import argparse
import os
import time
from multiprocessing import Pool


def available_cores():
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def work(n):
    total = 0
    for i in range(n):
        total += i * i
    return total


# region: count
def timed(sizes, tasks, rounds=3):
    """Each pool size's best time, the sizes taking turns for `rounds` rounds: a moment
    when another program takes the CPU slows one run, not one pool size."""
    best = {}
    for _ in range(rounds):
        for workers in sizes:
            start = time.perf_counter()
            with Pool(processes=workers) as pool:
                pool.map(work, tasks)
            seconds = time.perf_counter() - start
            best[workers] = min(seconds, best.get(workers, seconds))
    return best


def main(n_tasks, size):
    cores = available_cores()
    tasks = [size] * n_tasks
    print(f"cores available: {cores}, tasks: {n_tasks}")
    work(size)  # a first run of the loop is slower: warm up before timing
    best = timed([1, cores, 2 * cores], tasks)
    one, per_core, twice = best[1], best[cores], best[2 * cores]
    print(f"1 worker: {one:.2f} s")
    workers = f"{cores} worker" + ("s" if cores > 1 else "")
    print(f"{workers} (one per core): {per_core:.2f} s, {one / per_core:.2f}x")
    print(f"{2 * cores} workers (two per core): {twice:.2f} s, {one / twice:.2f}x")
    gain = round(per_core / twice, 2)  # judged as printed, so the verdict agrees with it
    print(f"two per core against one per core: {gain:.2f}x")
    if cores < 2:
        print("verdict: only 1 core: no number of workers can run two tasks at once")
    elif gain < 1.15:
        print("verdict: more workers than cores did not help: they took turns on the cores")
    else:
        print("verdict: more workers than cores helped in this run: cores were freed meanwhile")


# endregion


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Pool sizes against the number of cores.")
    parser.add_argument("--tasks", type=int, default=8, help="how many tasks")
    parser.add_argument("--size", type=int, default=1_000_000, help="steps per task")
    args = parser.parse_args()
    main(args.tasks, args.size)
