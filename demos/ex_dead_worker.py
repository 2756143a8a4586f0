"""Exercise: a worker process dies in the middle of a task, and the parent waits forever.

A Pool of 2 workers squares the numbers 0 to 5. Task 3 ends its worker with
os._exit(1), as a crash in C code or the out-of-memory killer would: no exception, no
result, nothing sent back. The Pool starts a new worker and does the other tasks, but
nobody will ever send task 3's result, and get() without a time limit waits for it
forever.

Wait for each result at most `patience` seconds (get(timeout=...)), print
"task N: lost" for one that does not come, and go on with the others. Only collect()
needs to change.

    python ex_dead_worker.py
"""
import argparse
import multiprocessing                 # multiprocessing.TimeoutError is there
import os
import time
from multiprocessing import Pool


def square(x):
    if x == 3:
        os._exit(1)                    # the worker process ends here, at once
    time.sleep(0.05)                   # stands in for real work
    return x * x


# region: collect
def collect(pool, numbers, patience):
    """Send each number to the pool; print each square as it comes and return them all."""
    pending = {x: pool.apply_async(square, (x,)) for x in numbers}
    results = {}
    for x, result in pending.items():
        results[x] = result.get()      # no time limit: task 3's result never comes
        print(f"task {x}: {results[x]}")
    return results
# endregion


def main(count, patience):
    with Pool(processes=2) as pool:
        results = collect(pool, range(count), patience)
    print(f"results: {len(results)} of {count}, total: {sum(results.values())}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="A Pool worker that dies mid-task.")
    parser.add_argument("--count", type=int, default=6, help="numbers to square")
    parser.add_argument("--patience", type=float, default=0.5,
                        help="seconds to wait for each result")
    args = parser.parse_args()
    main(args.count, args.patience)
