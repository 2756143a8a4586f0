"""Two rules of daemon processes: no children of their own, and `daemon` is set before start().

A daemon child is terminated when its parent ends, so it may not start children of its
own: they would be left orphaned. CPython checks both rules with `assert` statements
in multiprocessing (an implementation check, gone under `python -O`), so breaking one
raises AssertionError.

    python daemon_rules.py                   # both rules
    python daemon_rules.py --part children   # a daemon child tries to start a child
    python daemon_rules.py --part late       # daemon=True set before and after start()
"""

import argparse
import multiprocessing as mp


def grandchild():
    pass  # nothing to do: what matters is whether it can be started at all


# region: children
def try_to_start_a_child(label):
    p = mp.Process(target=grandchild)
    try:
        p.start()
        p.join()
        print(f"{label} child: start() a grandchild -> it ran, exit code {p.exitcode}")
    except AssertionError as error:
        print(f"{label} child: start() a grandchild -> AssertionError: {error}")


def children():
    for daemon in (False, True):
        label = "daemon" if daemon else "normal"
        p = mp.Process(target=try_to_start_a_child, args=(label,), daemon=daemon)
        p.start()
        p.join()  # one at a time, so the lines always come in this order
        print(f"{label} child ended with exit code {p.exitcode}")


# endregion


# region: late
def late():
    early = mp.Process(target=grandchild)
    early.daemon = True  # before start(): allowed
    early.start()
    print(f"daemon set before start(): daemon={early.daemon}")
    early.join()
    started = mp.Process(target=grandchild)
    started.start()
    try:
        started.daemon = True  # after start(): too late
    except AssertionError as error:
        print(f"daemon set after start(): AssertionError: {error}")
    started.join()
    print(f"it stayed daemon={started.daemon}")


# endregion


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="What a daemon process may not do.")
    parser.add_argument("--part", choices=["children", "late", "both"], default="both")
    args = parser.parse_args()
    if args.part in ("children", "both"):
        children()
    if args.part in ("late", "both"):
        late()
