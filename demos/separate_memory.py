"""Each process has its own memory: what a child changes, the parent never sees.

The children run one after another (start, then join), so each child starts only
after the previous one has finished: even so, no child sees another's changes.

    python separate_memory.py                 # one child
    python separate_memory.py --children 3    # three children, one after another
"""

import argparse
import multiprocessing as mp
import sys

# Print every line whole and at once, even into a pipe or under python -u, so that lines
# from different processes come out in the order they were printed and never mixed.
# This runs at import time on purpose: children started with spawn import this module
# again, so they get the same setting.
sys.stdout.reconfigure(line_buffering=True, write_through=False)

# region: memory
counter = 0  # a global variable; the parent never changes it


def child(number, items):
    global counter
    counter += 1  # changes this process's own copy of the global
    items.append(f"child {number}")  # changes this process's own copy of the list
    print(f"child {number}: counter={counter} items={items}")


def main(children):
    items = ["parent"]
    print(f"parent before: counter={counter} items={items}")
    for number in range(1, children + 1):
        p = mp.Process(target=child, args=(number, items))
        p.start()
        p.join()  # one child at a time, so the output order is fixed
    print(f"parent after: counter={counter} items={items}")


# endregion


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="A child's changes stay in the child.")
    parser.add_argument("--children", type=int, default=1, help="how many children to run")
    args = parser.parse_args()
    main(args.children)
