"""Final exercise: the same CPU-bound work, first sequential, then in parallel.

The tasks are independent of each other, so a Pool can hand them out to several
worker processes. The program checks that both versions give the same results and
reports the measured speed-up, honestly, with the number of cores it could use.

    python mp_worker.py
    python mp_worker.py --tasks 16 --size 1000000 --workers 4
"""

import argparse
import os
import time
from multiprocessing import Pool


def available_cores():
    # The cores this process may run on (a container or taskset can allow fewer than
    # the machine has); os.cpu_count() where the platform cannot tell.
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def idle_pool_cost(workers):
    """Seconds a Pool takes with next to nothing to do: starting its processes, sending
    them tasks and results, stopping them. The sequential version pays none of it."""
    start = time.perf_counter()
    with Pool(processes=workers) as pool:
        pool.map(abs, range(workers))
    return time.perf_counter() - start


# region: worker
def work(n):
    # One CPU-bound task: pure-Python arithmetic, no I/O. It is defined at the top
    # level of the module so that the worker processes can find it by name.
    total = 0
    for i in range(n):
        total += i * i
    return total


def run(tasks, workers):
    start = time.perf_counter()
    sequential = [work(n) for n in tasks]  # one task after another, in one process
    t_seq = time.perf_counter() - start

    start = time.perf_counter()
    with Pool(processes=workers) as pool:  # the workers share the tasks out
        parallel = pool.map(work, tasks)  # results come back in the order of tasks
    t_par = time.perf_counter() - start
    return sequential, parallel, t_seq, t_par


def main(n_tasks, size, workers):
    cores = available_cores()
    # Slightly different sizes give different results, so comparing the two lists
    # also checks that the parallel results come back in the right order.
    tasks = [size + i for i in range(n_tasks)]
    print(f"cores available: {cores}")
    print(f"tasks: {n_tasks}, worker processes: {workers}")
    work(size)  # a first run of the loop is slower: warm up before timing
    sequential, parallel, t_seq, t_par = run(tasks, workers)
    speedup = round(t_seq / t_par, 2)  # judged as printed, so the verdict agrees with it
    print(f"sequential: {t_seq:.2f} s")
    print(f"parallel: {t_par:.2f} s")
    task_of = {result: i for i, result in enumerate(sequential)}  # each result is unique
    print("parallel results, task by task:", *[task_of[result] for result in parallel])
    print(f"same results: {sequential == parallel}")
    print(f"speed-up: {speedup:.2f}x")
    # The best a Pool can do: the sequential time shared out evenly, with no overhead.
    ideal_cores = max(1, min(cores, workers))
    ideal = t_seq / ideal_cores
    print(f"ideal: {ideal:.2f} s (sequential / {ideal_cores}); "
          f"parallel took {t_par / ideal:.2f} times that; "
          f"a Pool with nothing to do costs {idle_pool_cost(workers) * 1000:.1f} ms")
    if cores < 2:
        print("verdict: no parallel speed-up possible: only 1 core is available")
    elif workers < 2:
        print("verdict: no parallel speed-up possible: only 1 worker process")
    elif speedup >= 1.2:
        print(f"verdict: real speed-up: the tasks ran on up to {min(cores, workers)} cores at once")
    else:
        print(
            "verdict: no real speed-up in this run (below 1.2x): "
            "the machine was busy or the tasks too small; try a larger --size"
        )


# endregion


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Sequential vs parallel CPU-bound work.")
    parser.add_argument("--tasks", type=int, default=8, help="how many tasks")
    parser.add_argument("--size", type=int, default=2_000_000, help="steps per task")
    parser.add_argument(
        "--workers", type=int, default=available_cores(), help="worker processes (default: cores)"
    )
    args = parser.parse_args()
    main(args.tasks, args.size, args.workers)
