"""Free-threaded Python (PEP 703): is the GIL on in this interpreter, and what follows?

A normal CPython build has a Global Interpreter Lock: only one thread at a time runs
Python bytecode, so threads cannot speed up CPU-bound Python code; processes can,
because each one has its own interpreter and its own GIL. Since 3.13 CPython also
ships an optional free-threaded build ("python3.13t") where the GIL can be off and
threads run Python code in parallel. This demo asks the interpreter which one it is,
then runs the same CPU-bound work serially, in threads and in processes.

"busy cores" is the tasks' CPU time divided by the time from the first one's start to
the last one's end: 1.0 means one core worked at a time, 2.0 means two worked side by
side. A busy machine makes runs slower, but it cannot make one core look like two, so
this is a fairer proof of parallelism than timing, and the one every verdict below uses.
"""
import argparse
import os
import sys
import sysconfig
import threading
import time
from multiprocessing import Barrier, Pool


def count(n):
    """Pure-Python CPU work; returns when it ran (time.time() is the same clock in every
    process) and the CPU seconds this thread spent on it."""
    began, cpu = time.time(), time.thread_time()
    total = 0
    for i in range(n):
        total += i
    return began, time.time(), time.thread_time() - cpu


# region: detect
def gil_status():
    # 1 on a free-threaded build, 0 or None on a normal one.
    free_build = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))
    # sys._is_gil_enabled() exists since 3.13; before that the GIL is always on.
    gil_on = sys._is_gil_enabled() if hasattr(sys, "_is_gil_enabled") else True
    return free_build, gil_on
# endregion


def in_threads(n, workers):
    runs = []                          # list.append is safe from several threads
    threads = [threading.Thread(target=lambda: runs.append(count(n)))
               for _ in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return runs


def measure(label, work, serial_wall=None):
    """Run `work` (a list of count() results); print wall time, busy cores, speed-up.

    Busy cores: the CPU time of all the tasks over the time from the first one's start
    to the last one's end."""
    start = time.perf_counter()
    runs = work()
    wall = time.perf_counter() - start
    span = max(end for _, end, _ in runs) - min(began for began, _, _ in runs)
    busy = round(sum(cpu for _, _, cpu in runs) / span, 1)  # judged as printed
    speed = f", speed-up {serial_wall / wall:.2f}" if serial_wall else ""
    print(f"{label:<12} {wall:.2f} s, busy cores {busy:.1f}{speed}")
    return wall, busy


def ready(start_line):
    start_line.wait()                  # in each worker as the pool starts it


PARALLEL = 1.5  # busy cores from which the workers clearly ran side by side


def main(n, workers):
    free_build, gil_on = gil_status()
    print("python", sys.version.split()[0])
    print("free-threaded build:", free_build,
          f"(sysconfig Py_GIL_DISABLED: {sysconfig.get_config_var('Py_GIL_DISABLED')})")
    asked = "sys._is_gil_enabled()" if hasattr(sys, "_is_gil_enabled") else \
        "no sys._is_gil_enabled() before 3.13: always on"
    print("GIL enabled now:", gil_on, f"({asked})")
    # The cores this process may use (taskset and containers can allow fewer).
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print("cores:", cores)
    count(n // 4)                      # warm up, so the first timing is fair
    serial, _ = measure("serial", lambda: [count(n) for _ in range(workers)])
    _, threads_busy = measure(f"{workers} threads", lambda: in_threads(n, workers), serial)
    start_line = Barrier(workers + 1)  # the workers and this process
    with Pool(workers, initializer=ready, initargs=(start_line,)) as pool:
        start_line.wait()              # every worker is up: start-up stays out of the timing
        wall, procs_busy = measure(f"{workers} processes",
                                   lambda: pool.map(count, [n] * workers), serial)
    # One measure decides each verdict, busy cores, so the lines below never disagree.
    threads_parallel, procs_parallel = threads_busy >= PARALLEL, procs_busy >= PARALLEL
    if gil_on:
        why = "the GIL is on: one thread at a time" if not threads_parallel else \
            "with the GIL on? unexpected"
    else:
        why = "the GIL is off: threads use several cores" if threads_parallel else \
            "the GIL is off, but not this time: one core, or a busy machine"
    print(f"threads ran in parallel: {threads_parallel} ({why})")
    print(f"processes ran in parallel: {procs_parallel}"
          + ("" if procs_parallel else " (not this time: one core, or a busy machine)"))
    if procs_parallel and serial / wall < 1.2:
        print("(the processes ran side by side, but each ran slower than alone: "
              "other programs were using the cores)")
    if gil_on:
        print("the GIL is on: one thread at a time runs Python code; use processes")
    else:
        print("the GIL is off: threads can run Python code on several cores at once")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=4_000_000, help="loop steps per task")
    parser.add_argument("--workers", type=int, default=2, help="threads and processes")
    args = parser.parse_args()
    main(args.n, args.workers)
