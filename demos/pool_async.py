"""map_async and apply_async: hand work to the pool and get an AsyncResult back at once.

The parent is free while the workers compute; it checks on the work with .ready(),
collects the value with .get(timeout), and .get() re-raises a worker's exception.
apply(), for contrast, blocks until the value is there. get(timeout) raises
multiprocessing.TimeoutError, a class of its own: `except TimeoutError:` (the built-in
one) does not catch it.
"""
import argparse
import concurrent.futures
import multiprocessing
import time
from multiprocessing import Barrier, Pool

PAUSE = 0.3    # seconds each call "works"; a constant, so spawned workers see it too


def slow_square(x):
    if x < 0:
        raise ValueError(f"negative input {x}")
    time.sleep(PAUSE)                  # stands in for real work
    return x * x


# region: map_async
def show_map_async(pool, items):
    start = time.perf_counter()
    pending = pool.map_async(slow_square, range(items))    # does not wait
    took = time.perf_counter() - start
    print(f"map_async returned a {type(pending).__name__} after {took:.2f} s")
    print("ready at once?", pending.ready())
    try:
        pending.get(timeout=0.05)      # too short: the workers are still sleeping
    except multiprocessing.TimeoutError:   # not the built-in TimeoutError
        print("get(timeout=0.05) raised TimeoutError: not done yet")
    print("the parent is free to do other work meanwhile")
    values = pending.get(timeout=5)    # waits, at most 5 s
    print(f"get() -> {values} after {time.perf_counter() - start:.1f} s")
    print("ready now?", pending.ready())
# endregion


# region: apply
def show_apply(pool):
    start = time.perf_counter()
    later = pool.apply_async(slow_square, (7,))            # does not wait
    took = time.perf_counter() - start
    print(f"apply_async returned an {type(later).__name__} after {took:.2f} s")
    start = time.perf_counter()
    value = pool.apply(slow_square, (8,))                  # waits for the value
    print(f"apply returned {value} after {time.perf_counter() - start:.2f} s")
    print("apply_async get() ->", later.get(timeout=5))
# endregion


# region: error
def show_error(pool):
    failing = pool.apply_async(slow_square, (-1,))
    try:
        failing.get(timeout=5)         # the worker's exception travels back here
    except ValueError as exc:
        print(f"get() re-raised the worker's ValueError: {exc}")
    print("successful()?", failing.successful())
# endregion


# region: except
def show_except(pool):
    pending = pool.apply_async(slow_square, (3,))
    clauses = [
        ("TimeoutError", TimeoutError),     # the built-in one: a subclass of OSError
        ("concurrent.futures.TimeoutError", concurrent.futures.TimeoutError),
        ("OSError", OSError),
        ("multiprocessing.TimeoutError", multiprocessing.TimeoutError),
        ("multiprocessing.ProcessError", multiprocessing.ProcessError),
    ]
    for name, kind in clauses:
        try:
            try:
                pending.get(timeout=0.01)  # not done: raises multiprocessing.TimeoutError
            except kind:
                print(f"except {name}: caught it")
        except Exception as exc:
            print(f"except {name}: missed it,",
                  f"{type(exc).__module__}.{type(exc).__name__} went past")
    print("the built-in TimeoutError is concurrent.futures.TimeoutError:",
          TimeoutError is concurrent.futures.TimeoutError)
# endregion


def ready(start_line):
    start_line.wait()                  # in each worker, as the pool starts it


def main(items, only):
    # Pool() returns before its workers are up (spawn takes a while): they wait at a start
    # line with the parent, so that the times below measure only the work.
    start_line = Barrier(3)
    with Pool(processes=2, initializer=ready, initargs=(start_line,)) as pool:
        start_line.wait()
        if only in (None, "map_async"):
            show_map_async(pool, items)
        if only in (None, "apply"):
            show_apply(pool)
        if only in (None, "error"):
            show_error(pool)
        if only in (None, "except"):
            show_except(pool)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=4, help="items for map_async")
    parser.add_argument("--only", choices=["map_async", "apply", "error", "except"],
                        help="run one part only")
    args = parser.parse_args()
    main(args.items, args.only)
