"""The same CPU-bound work in N threads and in N processes: who uses the cores?

Threads share one interpreter and, in a Python with a GIL, take turns running Python
code. Each process has its own interpreter (and its own GIL), so processes can run on
several cores at the same time.

    python gil_threads_vs_processes.py
    python gil_threads_vs_processes.py --workers 4 --size 2000000
"""

import argparse
import multiprocessing as mp
import os
import sys
import threading
import time


def available_cores():
    # The cores this process may run on (a container or taskset can allow fewer than
    # the machine has); os.cpu_count() where the platform cannot tell.
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def gil_enabled():
    # sys._is_gil_enabled() exists from Python 3.13; before that every Python had a GIL.
    checker = getattr(sys, "_is_gil_enabled", None)
    return True if checker is None else checker()


# region: work
def burn(n):
    # Pure-Python arithmetic: it needs the GIL all the time and never waits for I/O.
    total = 0
    for i in range(n):
        total += i * i
    return total


def timed(worker_class, workers, size):
    # threading.Thread and multiprocessing.Process have the same start()/join() API.
    start = time.perf_counter()
    team = [worker_class(target=burn, args=(size,)) for _ in range(workers)]
    for w in team:
        w.start()
    for w in team:
        w.join()
    return time.perf_counter() - start


# endregion


def main(workers, size):
    cores = available_cores()
    gil = gil_enabled()
    print(f"cores available: {cores}")
    print(f"GIL enabled: {'yes' if gil else 'no (free-threaded build)'}")
    print(f"workers: {workers}, each doing {size} steps")
    t_threads = timed(threading.Thread, workers, size)
    t_processes = timed(mp.Process, workers, size)
    ratio = t_threads / t_processes
    print(f"threads: {t_threads:.2f} s")
    print(f"processes: {t_processes:.2f} s")
    print(f"ratio threads/processes: {ratio:.2f}")
    if ratio >= 1.2 and cores >= 2 and workers >= 2:
        print(
            "verdict: processes were faster: they ran on several cores at once, "
            "while the threads took turns"
        )
        return
    if cores < 2:
        reason = "only 1 core is available, so the processes had to take turns too"
    elif workers < 2:
        reason = "with 1 worker there is nothing to run in parallel"
    elif not gil:
        reason = "this Python has no GIL, so the threads ran in parallel too"
    else:
        reason = "the machine was busy or the work too small; try a larger --size"
    print(f"verdict: no real parallel speed-up in this run: {reason}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="CPU-bound work: threads vs processes.")
    parser.add_argument("--workers", type=int, default=2, help="threads, then processes")
    parser.add_argument("--size", type=int, default=4_000_000, help="steps per worker")
    args = parser.parse_args()
    main(args.workers, args.size)
