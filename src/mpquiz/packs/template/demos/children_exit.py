"""Children exit with different codes; the parent joins each one and reports its exitcode.

Run it: python children_exit.py [--children N]
"""

import argparse
import sys
from multiprocessing import Process


def child(code: int) -> None:
    # sys.exit() in a child ends only that child; its code becomes Process.exitcode.
    sys.exit(code)


# region: main
def main(count: int) -> None:
    children = [Process(target=child, args=(n,)) for n in range(count)]
    for p in children:
        p.start()
    for n, p in enumerate(children):
        p.join()  # until the child has ended, exitcode is None
        print(f"child {n} exitcode {p.exitcode}")
    print(f"children: {count}")


# endregion


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--children", type=int, default=3)
    main(parser.parse_args().children)
