"""Amdahl's law, worked out and measured: a serial part limits what more cores can give.

A program's work is a serial part, which only one process can do, and a parallel
part, which n processes can share. If the parallel part is a fraction p of the
sequential time, the best speed-up with n cores is 1 / ((1 - p) + p / n), and never
more than 1 / (1 - p), however many cores. The demo prints that bound for a few n,
then times the work sequentially and with a Pool, and compares.

    python amdahl.py                        # a serial third: p = 0.67
    python amdahl.py --serial-share 0.25    # a serial quarter: p = 0.75
    python amdahl.py --part law             # only the law's bounds, nothing timed
    python amdahl.py --workers 4
"""

import argparse
import os
import time
from multiprocessing import Pool


def available_cores():
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def work(steps):
    total = 0
    for i in range(steps):
        total += i * i
    return total


# region: law
def amdahl(p, n):
    """The best speed-up with n cores when a fraction p of the time can run in parallel."""
    return 1 / ((1 - p) + p / n)


def print_the_law(p):
    print("Amdahl's law, best speed-up with n cores: 1 / ((1 - p) + p / n)")
    for n in (1, 2, 4, 8):
        print(f"  n = {n}: {amdahl(p, n):.2f}x")
    print(f"  endless cores: {1 / (1 - p):.2f}x")


def main(size, serial_share, workers, part):
    p = 1 - serial_share
    print(f"serial share {serial_share:.2f}, parallel share p = {p:.2f}")
    if part in ("law", "both"):
        print_the_law(p)
    if part in ("measure", "both"):
        measure(size, serial_share, p, workers)


# endregion


def timed_run(serial_steps, chunks, pool):
    """Seconds for the serial part, then for the parallel part (in the pool, or here)."""
    start = time.perf_counter()
    work(serial_steps)  # e.g. reading the input and combining results: one process only
    middle = time.perf_counter()
    if pool is None:
        for chunk in chunks:
            work(chunk)
    else:
        pool.map(work, chunks, chunksize=1)
    return middle - start, time.perf_counter() - middle


def measure(size, serial_share, p, workers):
    cores = available_cores()
    n = max(1, min(cores, workers))  # the processes that can really run at once
    print(f"this machine: {cores} cores available, {workers} worker processes")
    serial_steps = int(size * serial_share)
    chunks = [(size - serial_steps) // workers] * workers
    sequential, parallel = [], []
    with Pool(workers) as pool:  # started before timing: its start-up is another cost
        pool.map(work, [serial_steps] * workers, chunksize=1)  # warm up, here and there
        work(size)
        # Taking turns, 3 times each way, and the median of each: the machine's speed
        # drifts (a first run is slower), and one run slowed by whatever else the
        # machine did, or one lucky run, does not decide the speed-up.
        for _ in range(3):
            sequential.append(timed_run(serial_steps, chunks, None))
            parallel.append(timed_run(serial_steps, chunks, pool))
    s1, p1 = sorted(sequential, key=sum)[1]
    sn, pn = sorted(parallel, key=sum)[1]
    print(f"sequential: {s1 + p1:.2f} s (serial {s1:.2f} s, parallel part {p1:.2f} s, "
          f"so p = {p1 / (s1 + p1):.2f})")
    print(f"with {workers} processes: {sn + pn:.2f} s "
          f"(serial {sn:.2f} s, parallel part {pn:.2f} s)")
    # Judged as printed, so the verdict agrees with the figures it follows.
    measured, bound = round((s1 + p1) / (sn + pn), 2), round(amdahl(p, n), 2)
    print(f"measured speed-up: {measured:.2f}x, the law's bound for n = {n}: {bound:.2f}x")
    if n < 2:
        print("verdict: no parallel speed-up possible: only 1 core or 1 worker process")
    elif measured > bound * 1.15:  # more than timing noise could explain
        print("verdict: above the bound: timing noise on a busy machine; run it again")
    elif measured < 1.1:
        print("verdict: no real speed-up in this run: the machine was busy")
    else:
        print("verdict: within the law's bound, up to timing noise: the serial part took as long")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Amdahl's law, computed and measured.")
    parser.add_argument("--size", type=int, default=9_000_000, help="steps of work in all")
    parser.add_argument("--serial-share", type=float, default=1 / 3,
                        help="fraction of the work only one process can do")
    parser.add_argument("--workers", type=int, default=2, help="worker processes")
    parser.add_argument("--part", choices=["law", "measure", "both"], default="both",
                        help="the law's bounds, the measurement, or both")
    args = parser.parse_args()
    main(args.size, args.serial_share, args.workers, args.part)
