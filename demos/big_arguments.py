"""What a big argument costs: every Pool task's arguments are pickled and sent to a worker.

The same 8 tasks sum slices of one list of numbers, twice. First every task carries
the whole list, so the list is pickled and sent 8 times. Then each worker gets the
list once, as it starts (initializer=), and each task carries only (start, stop).
The results are the same; the messages are not.

    python big_arguments.py
    python big_arguments.py --numbers 2000000 --tasks 16
"""

import argparse
import pickle
import time
from multiprocessing import Pool


def size(nbytes):
    return f"{nbytes / 1e6:.1f} MB" if nbytes >= 1e5 else f"{nbytes} bytes"


# region: arguments
def sum_slice_of(numbers, start, stop):
    return sum(numbers[start:stop])


DATA = None  # each worker's own copy, set once by the initializer


def keep(numbers):
    global DATA
    DATA = numbers


def sum_slice(start, stop):
    return sum(DATA[start:stop])


def main(count, tasks, workers):
    numbers = list(range(count))
    step = count // tasks
    bounds = [(i * step, (i + 1) * step) for i in range(tasks)]
    print(f"a list of {count} numbers, {tasks} tasks, {workers} worker processes")

    whole = [(numbers, start, stop) for start, stop in bounds]
    start_time = time.perf_counter()
    with Pool(workers) as pool:
        total = sum(pool.starmap(sum_slice_of, whole, chunksize=1))
    took_whole = time.perf_counter() - start_time
    message = size(len(pickle.dumps(whole[0])))  # what one task's arguments pickle to
    print(f"the whole list in every task: {tasks} messages of {message}")
    print(f"  total: {total}, {took_whole:.2f} s")

    start_time = time.perf_counter()
    with Pool(workers, initializer=keep, initargs=(numbers,)) as pool:
        total = sum(pool.starmap(sum_slice, bounds, chunksize=1))
    took = time.perf_counter() - start_time
    message = size(len(pickle.dumps(bounds[0])))
    print(f"the list once per worker, then {tasks} messages of {message}")
    print(f"  total: {total}, {took:.2f} s")
    print(f"the whole list every time took {took_whole / took:.1f}x as long")


# endregion


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="The cost of big arguments to Pool tasks.")
    parser.add_argument("--numbers", type=int, default=1_000_000, help="length of the list")
    parser.add_argument("--tasks", type=int, default=8, help="how many tasks")
    parser.add_argument("--workers", type=int, default=2, help="worker processes")
    args = parser.parse_args()
    main(args.numbers, args.tasks, args.workers)
