"""Why Pool.map refuses a lambda: the function has to be pickled to reach the workers.

pickle does not copy a function's code. It writes a reference, "module name +
function name", and the worker imports that name to find the function again. A
module-level `def` has such a name; a lambda is called "<lambda>", a name nobody can
look up (even when it is stored in a module-level variable), so pickling it fails
before any worker sees it.
"""
import argparse
import pickle
from functools import partial
from multiprocessing import Pool


def square(x):
    return x * x


# region: pickling
# Bound to a module-level variable, but its own name is still "<lambda>".
square_lambda = lambda x: x * x  # noqa: E731


def main(items):
    with Pool(processes=2) as pool:
        try:
            pool.map(square_lambda, range(items))
        except Exception as exc:       # raised in the parent, by map() itself
            print(f"lambda failed: {type(exc).__name__}")
            print(f"message: {exc}")
        print("function works:", pool.map(square, range(items)))
    ref = pickle.dumps(square)         # what actually travels to the worker
    print(f"pickled square is {len(ref)} bytes: a reference, not the code")
    print("it holds the names __main__ and square:",
          b"__main__" in ref and b"square" in ref)
# endregion


def show_fixes(items):
    def local_square(x):               # defined inside a function: no importable name
        return x * x

    with Pool(processes=2) as pool:
        # A partial pickles as "the function pow, by name, plus the argument exp=2".
        print("functools.partial(pow, exp=2) works:", pool.map(partial(pow, exp=2), range(items)))
        try:
            pool.map(local_square, range(items))
        except Exception as exc:
            print(f"a function defined inside another failed: {type(exc).__name__}")
        try:
            pool.map(lambda x: x * x, range(items))  # written inline, inside this function
        except Exception as exc:  # its name is show_fixes.<locals>.<lambda>: local too
            print(f"an inline lambda inside a function failed: {type(exc).__name__}")
            print(f"message: {exc}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=5, help="numbers to square")
    parser.add_argument("--fixes", action="store_true",
                        help="also try functools.partial, a function defined inside another "
                             "and an inline lambda")
    args = parser.parse_args()
    main(args.items)
    if args.fixes:
        show_fixes(args.items)
