"""Exercise: each child ends with its own number as its exit code."""

import sys
from multiprocessing import Process


# region: child
def child(n: int) -> None:
    print(f"child {n} running")


# endregion


def main() -> None:
    children = [Process(target=child, args=(n,)) for n in range(3)]
    for c in children:
        c.start()
    for n, c in enumerate(children):
        c.join()
        print(f"child {n} exitcode {c.exitcode}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
