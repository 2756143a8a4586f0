"""Exercise: apply_async() with a callback, and results that never arrive.

Each apply_async() call hands one task to the pool and returns at once; when the
task is done, the pool's result thread in the parent calls `callback` with its
value, here results.append. The loop below is over in a millisecond, long before any
task has finished, and leaving `with Pool(...)` calls pool.terminate(): the workers
are stopped with their tasks half done, and no callback ever runs.

    python ex_apply_async_callback.py
    python ex_apply_async_callback.py --items 10
"""
import argparse
import time
from multiprocessing import Pool

PAUSE = 0.05   # seconds each task "works"


def slow_square(x):
    time.sleep(PAUSE)                  # stands in for real work
    return x * x


# region: collect
def collect(items):
    """Return the squares of 0 .. items-1, in the order the callbacks received them."""
    results = []
    with Pool(processes=2) as pool:
        for x in range(items):
            pool.apply_async(slow_square, (x,), callback=results.append)
        pool.close()                   # no more tasks will come...
        pool.join()                    # ...wait until every task is done and every
                                       # callback has run, still inside the with block
    return results
# endregion


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="apply_async() with a callback.")
    parser.add_argument("--items", type=int, default=10)
    args = parser.parse_args()
    results = collect(args.items)
    print(f"received: {len(results)} of {args.items}")
    print("results:", *sorted(results))
