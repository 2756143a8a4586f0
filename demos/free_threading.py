"""Free-threaded Python (PEP 703): is the GIL on in this interpreter, and what follows?

A normal CPython build has a Global Interpreter Lock: only one thread at a time runs
Python bytecode, so threads cannot speed up CPU-bound Python code; processes can,
because each one has its own interpreter and its own GIL. Since 3.13 CPython also
ships an optional free-threaded build ("python3.13t") where the GIL can be off and
threads run Python code in parallel. This demo asks the interpreter which one it is,
then runs the same CPU-bound work serially, in threads and in processes.

"busy cores" is CPU time divided by wall time: 1.0 means one core worked at a time,
2.0 means two worked side by side. A busy machine makes runs slower, but it cannot
make one core look like two, so this is a fairer proof of parallelism than timing.
"""
import argparse
import os
import sys
import sysconfig
import threading
import time
from multiprocessing import Pool


def count(n):
    """Pure-Python CPU work; returns the CPU seconds this thread spent on it."""
    start = time.thread_time()
    total = 0
    for i in range(n):
        total += i
    return time.thread_time() - start


# region: detect
def gil_status():
    # 1 on a free-threaded build, 0 or None on a normal one.
    free_build = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))
    # sys._is_gil_enabled() exists since 3.13; before that the GIL is always on.
    gil_on = sys._is_gil_enabled() if hasattr(sys, "_is_gil_enabled") else True
    return free_build, gil_on
# endregion


def in_threads(n, workers):
    cpu = []                           # list.append is safe from several threads
    threads = [threading.Thread(target=lambda: cpu.append(count(n)))
               for _ in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(cpu)


def measure(label, work, serial_wall=None):
    """Run `work` (which returns CPU seconds); print wall time, busy cores, speed-up."""
    start = time.perf_counter()
    cpu = work()
    wall = time.perf_counter() - start
    speed = f", speed-up {serial_wall / wall:.2f}" if serial_wall else ""
    print(f"{label:<12} {wall:.2f} s, busy cores {cpu / wall:.1f}{speed}")
    return wall, cpu / wall


def main(n, workers):
    free_build, gil_on = gil_status()
    print("python", sys.version.split()[0])
    print("free-threaded build:", free_build)
    print("GIL enabled now:", gil_on)
    # The cores this process may use (taskset and containers can allow fewer).
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print("cores:", cores)
    count(n // 4)                      # warm up, so the first timing is fair
    serial, _ = measure("serial", lambda: sum(count(n) for _ in range(workers)))
    _, threads_busy = measure(f"{workers} threads", lambda: in_threads(n, workers), serial)
    with Pool(workers) as pool:
        pool.map(count, [1] * workers)     # start the workers before timing
        wall, procs_busy = measure(f"{workers} processes",
                                   lambda: sum(pool.map(count, [n] * workers)), serial)
    print("threads ran in parallel:", threads_busy >= 1.5)
    print("processes ran in parallel:", procs_busy >= 1.5)
    if gil_on:
        print("the GIL is on: one thread at a time runs Python code; use processes")
    else:
        print("the GIL is off: threads can run Python code on several cores at once")
    if procs_busy < 1.5 or serial / wall < 1.2:
        print("(processes did not run in parallel this time: one core, or a busy machine)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=2_000_000, help="loop steps per task")
    parser.add_argument("--workers", type=int, default=2, help="threads and processes")
    args = parser.parse_args()
    main(args.n, args.workers)
