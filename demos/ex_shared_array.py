"""Exercise: workers fill in a list, and the parent finds it as it was.

Each of 4 workers computes the square of its number and writes it into its own slot
of `squares`. But `squares` is an ordinary list, and every process has its own
memory: each child writes into its own copy (a copy made by fork, or built again by
spawn), and the parent's list never changes. After join() it is still all zeros.

Make the slots shared memory with multiprocessing.Array, which lives outside every
process's private memory, so that what a child writes there the parent can read.

    python ex_shared_array.py
    python ex_shared_array.py --workers 4
"""
import argparse

# region: shared
from multiprocessing import Process


def square(i, squares):
    squares[i] = i * i                   # writes into THIS process's list


def run(workers):
    """Start one worker per slot, wait for them all, return the slots' values."""
    squares = [0] * workers              # an ordinary list: each process has its own
    procs = [Process(target=square, args=(i, squares)) for i in range(workers)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    return list(squares)
# endregion


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Results in shared memory.")
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    print("squares:", *run(args.workers))
