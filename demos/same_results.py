"""Checking that the parallel version gives the same results as the sequential one.

Two things can make a right parallel program look wrong when its results are compared
with ==: the order (imap_unordered, as_completed and a Queue give results as they
finish) and floating point (splitting a sum into chunks adds the same numbers in
another grouping, and the last digit can change; the demo adds with a plain loop,
since sum() adds floats more carefully from Python 3.12 and would hide this case).
Compare in input order, or sorted, or by key; compare floats with math.isclose.

    python same_results.py                 # both
    python same_results.py --part order    # map and imap_unordered against the loop
    python same_results.py --part floats   # a float sum split in two chunks
"""

import argparse
import math
import time
from multiprocessing import Pool


# region: order
def square(task):
    n, step, tasks = task
    time.sleep((tasks - n) * step)  # the first task takes longest: later ones finish first
    return n * n


def compare_order(step):
    tasks = [(n, step, 4) for n in range(4)]
    sequential = [square(t) for t in tasks]
    print(f"sequential results: {sequential}")
    with Pool(processes=4) as pool:
        in_order = pool.map(square, tasks)  # input order, whoever finishes first
        print(f"map: same as sequential: {in_order == sequential}")
        finished = list(pool.imap_unordered(square, tasks))  # finishing order
    print(f"imap_unordered: same: {finished == sequential}, "
          f"same once sorted: {sorted(finished) == sorted(sequential)}")


# endregion


# region: floats
def add_up(numbers):
    total = 0.0
    for x in numbers:  # a running total, as a sequential program adds them
        total += x
    return total


def compare_floats():
    tenths = [0.1] * 10
    with Pool(processes=2) as pool:
        chunk_sums = pool.map(add_up, [tenths[:5], tenths[5:]])  # two halves, apart
    one_by_one, by_chunks = add_up(tenths), add_up(chunk_sums)
    print(f"ten times 0.1 added one by one: {one_by_one!r}")
    print(f"the same from two chunk sums: {by_chunks!r}")
    print(f"equal with ==: {by_chunks == one_by_one}, "
          f"with math.isclose: {math.isclose(by_chunks, one_by_one)}")


# endregion


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Comparing parallel results with sequential ones.")
    parser.add_argument("--part", choices=["order", "floats", "both"], default="both")
    parser.add_argument("--step", type=float, default=0.05, help="seconds between task durations")
    args = parser.parse_args()
    if args.part in ("order", "both"):
        compare_order(args.step)
    if args.part in ("floats", "both"):
        compare_floats()
