"""chunksize: how many task messages Pool.map sends, and what that costs with tiny tasks.

Each message to a worker is pickled, sent through a pipe, unpickled and answered, and the
parent does that bookkeeping alone. With chunksize=1 every item is a message of its own;
with chunksize=k, k items travel together. Without a chunksize, map() picks one (about
four chunks per worker); imap() and imap_unordered() take 1.

The demo counts the messages instead of guessing them: the pool pickles the task function
once per message it sends, so a function object that counts its own pickling counts them.
"""
import argparse
import time
from multiprocessing import Barrier, Pool


class Square:
    """x -> x * x, as an object that counts how often the pool pickles it."""

    pickled = 0                        # in the parent: the pool's thread that sends tasks

    def __call__(self, x):
        return x * x

    def __reduce__(self):
        Square.pickled += 1            # once per task message
        return (Square, ())


def ready(start_line):
    start_line.wait()                  # in each worker, as the pool starts it


def measure(label, run):
    Square.pickled = 0
    start = time.perf_counter()
    results = run()
    took = time.perf_counter() - start
    print(f"{label}: {Square.pickled} task messages, {took:.3f} s")
    return results, took


# region: chunks
def main(items, workers, chunksize):
    data = range(items)
    start_line = Barrier(workers + 1)  # every worker up before the clock starts
    with Pool(processes=workers, initializer=ready, initargs=(start_line,)) as pool:
        start_line.wait()
        print(f"{items} tiny tasks on {workers} workers")
        one, slow = measure("map, chunksize=1", lambda: pool.map(Square(), data, chunksize=1))
        big, fast = measure(f"map, chunksize={chunksize}",
                            lambda: pool.map(Square(), data, chunksize=chunksize))
        auto, _ = measure("map, no chunksize", lambda: pool.map(Square(), data))
        lazy, _ = measure("imap, no chunksize", lambda: list(pool.imap(Square(), data)))
    print("same results every time:", one == big == auto == lazy)
    print(f"chunksize=1 took {slow / fast:.0f} times as long as chunksize={chunksize}")
    if slow / fast < 2:
        print("(less than 2 times here: a machine this fast needs more --items)")
# endregion


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=10_000, help="tiny tasks")
    parser.add_argument("--workers", type=int, default=2, help="processes in the pool")
    parser.add_argument("--chunksize", type=int, default=500, help="the larger chunksize")
    args = parser.parse_args()
    main(args.items, args.workers, args.chunksize)
