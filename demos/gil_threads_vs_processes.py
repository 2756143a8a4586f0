"""The same CPU-bound work in N threads and in N processes: who uses the cores?

Threads share one interpreter and, in a Python with a GIL, take turns running Python
code. Each process has its own interpreter (and its own GIL), so processes can run on
several cores at the same time.

"busy cores" is the CPU time the workers got divided by the time from the start of their
work (together, once all have started) to the last one's end: 1.0 means one core worked at a time, 2.0 means two worked
side by side. A busy machine makes a run slower, but it cannot make one core look like
two, so this is what proves parallelism; the times show what it is worth.

    python gil_threads_vs_processes.py
    python gil_threads_vs_processes.py --workers 4 --size 1500000
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
def burn(n, reports, ready):
    ready.wait()  # every worker starts its work at once, however long it took to start
    # Pure-Python arithmetic: it needs the GIL all the time and never waits for I/O.
    began, cpu = time.time(), time.thread_time()
    total = 0
    for i in range(n):
        total += i * i
    # When it ran (time.time() is the same clock in every process) and the CPU it got.
    reports.put((began, time.time(), time.thread_time() - cpu))


def timed(worker_class, workers, size):
    # threading.Thread and multiprocessing.Process have the same start()/join() API.
    reports = mp.Queue()  # multiprocessing's Queue and Barrier work between threads too
    ready = mp.Barrier(workers + 1)  # the workers and this one
    start = time.perf_counter()
    team = [worker_class(target=burn, args=(size, reports, ready)) for _ in range(workers)]
    for w in team:
        w.start()
    ready.wait()
    starting = time.perf_counter() - start  # until the last worker was ready
    runs = [reports.get() for _ in team]  # take what they put before join()
    for w in team:
        w.join()
    seconds = time.perf_counter() - start
    began, ended = min(r[0] for r in runs), max(r[1] for r in runs)
    busy = sum(r[2] for r in runs) / (ended - began)  # cores at work side by side
    return seconds, starting, busy


# endregion


PARALLEL = 1.5  # busy cores from which the workers clearly ran side by side


def main(workers, size):
    cores = available_cores()
    gil = gil_enabled()
    print(f"cores available: {cores}")
    print(f"GIL enabled: {'yes' if gil else 'no (free-threaded build)'}")
    print(f"workers: {workers}, each doing {size} steps")
    t_threads, _, busy_threads = timed(threading.Thread, workers, size)
    t_processes, starting, busy_processes = timed(mp.Process, workers, size)
    # Judged as printed: a verdict never disagrees with the figures on the lines above.
    ratio = round(t_threads / t_processes, 2)
    busy_threads, busy_processes = round(busy_threads, 1), round(busy_processes, 1)
    print(f"threads: {t_threads:.2f} s, busy cores {busy_threads:.1f}")
    print(f"processes: {t_processes:.2f} s ({starting:.2f} s of it starting them), "
          f"busy cores {busy_processes:.1f}")
    print(f"ratio threads/processes: {ratio:.2f}")
    parallel = busy_processes >= PARALLEL
    if parallel and ratio >= 1.2 and cores >= 2 and workers >= 2:
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
    elif parallel and starting >= 0.25 * t_processes:
        reason = (f"the processes ran side by side, but starting them took {starting:.2f} "
                  f"of the {t_processes:.2f} s: too little work to repay it")
    elif parallel:
        reason = "the processes ran side by side, but each ran slower: a busy machine"
    else:
        reason = "the machine was busy: the processes could not run side by side"
    print(f"verdict: no real parallel speed-up in this run: {reason}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="CPU-bound work: threads vs processes.")
    parser.add_argument("--workers", type=int, default=2, help="threads, then processes")
    parser.add_argument("--size", type=int, default=16_000_000, help="steps per worker")
    args = parser.parse_args()
    main(args.workers, args.size)
