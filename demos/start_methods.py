"""Start methods: how multiprocessing makes a child process, and what the child gets.

fork        copies the running parent, memory included: fast, but unsafe with threads.
spawn       starts a fresh interpreter that imports the main module again: slow, clean.
forkserver  a clean server process, started once, forks each new child: clean, and
            faster than spawn once the server is up.
"""
import argparse
import multiprocessing as mp
import sys
import time

METHODS = ("fork", "spawn", "forkserver")


def quiet():
    pass


def time_starts(method, repeat):
    """Milliseconds to start and join `repeat` do-nothing children with `method`."""
    ctx = mp.get_context(method)       # one method, without changing the default
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        p = ctx.Process(target=quiet)
        p.start()
        p.join()
        times.append((time.perf_counter() - start) * 1000)
    return times


# region: mark
MARK = "as written in the file"


def child(method):
    print(f"{method}: child sees MARK = {MARK!r}", flush=True)


def show_mark(methods):
    global MARK
    MARK = "changed by the parent"     # at run time, after the module was imported
    for method in methods:
        p = mp.get_context(method).Process(target=child, args=(method,))
        p.start()
        p.join()
# endregion


def main(repeat):
    print("python", sys.version.split()[0], "on", sys.platform)
    print("default start method:", mp.get_start_method())
    available = [m for m in METHODS if m in mp.get_all_start_methods()]
    print("available:", ", ".join(available))
    # Timed first, so forkserver's first child includes starting the server itself.
    for method in available:
        first, *rest = time_starts(method, repeat)
        print(f"{method}: first child {first:.1f} ms, then {min(rest):.1f} ms")
    # A forked child inherits the parent's memory, so it sees the change; spawn and
    # forkserver children import this module afresh, so they see the file's value.
    show_mark(available)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3,
                        help="children timed per method (2 or more)")
    main(max(2, parser.parse_args().repeat))
