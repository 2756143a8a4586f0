"""starmap() unpacks each tuple into the function's arguments; map() passes it whole.

pool.starmap(f, [(a, b), ...]) calls f(a, b) for each tuple, in the workers, and
returns the results in input order. pool.map(f, [(a, b), ...]) calls f((a, b)): one
argument, the tuple itself. A two-argument function then fails in the worker, and
map() raises that TypeError in the parent.
"""
import argparse
from multiprocessing import Pool


def power(base, exp):
    return base ** exp


# region: starmap
def main(bases, exps):
    pairs = list(zip(bases, exps))                       # one (base, exp) tuple per call
    print("pairs:", pairs)
    with Pool(processes=2) as pool:
        print("starmap:", pool.starmap(power, pairs))    # power(2, 3), power(3, 2), ...
        try:
            print("map:", pool.map(power, pairs))        # power((2, 3)), power((3, 2)), ...
        except TypeError as exc:                         # raised in a worker, re-raised here
            print("map raised TypeError:", exc)
            print("it carries the worker's traceback:", type(exc.__cause__).__name__)
# endregion


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pairs", type=int, default=3, help="how many (base, exp) pairs")
    n = parser.parse_args().pairs
    main([2 + i for i in range(n)], [3 - i % 4 for i in range(n)])
