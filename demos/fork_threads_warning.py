"""Forking a process that has other threads: Python 3.12 and later warn, 3.11 says nothing.

fork() copies only the thread that calls it. A lock another thread held at that moment
stays held in the child, with nobody left to release it. From Python 3.12, os.fork()
raises a DeprecationWarning when the process has other threads ("This process is
multi-threaded, use of fork() may lead to deadlocks in the child"); 3.11 gives none.
The warning comes from multiprocessing's own code, where the default warning filters
hide DeprecationWarning, so this demo turns every warning on to see it.

    python fork_threads_warning.py
    python fork_threads_warning.py --wait 0.5   # how long the other thread runs
"""

import argparse
import multiprocessing as mp
import sys
import threading
import time
import warnings


def child():
    pass


# region: warning
def fork_a_child(ctx, all_warnings):
    """Fork one child; return the warnings raised meanwhile."""
    with warnings.catch_warnings(record=True) as caught:
        if all_warnings:
            warnings.simplefilter("always")  # else the default filters apply
        p = ctx.Process(target=child)
        p.start()
        p.join()
    return [w for w in caught if issubclass(w.category, DeprecationWarning)]


def main(wait):
    version = sys.version_info
    print(f"python {version.major}.{version.minor}")
    ctx = mp.get_context("fork")  # fork on purpose, whatever this system's default
    alone = fork_a_child(ctx, all_warnings=True)
    print(f"fork with no other thread: warnings {len(alone)}")
    other = threading.Thread(target=time.sleep, args=(wait,))
    other.start()  # a second thread is running while we fork
    hidden = fork_a_child(ctx, all_warnings=False)
    print(f"fork with another thread, default filters: warnings shown {len(hidden)}")
    seen = fork_a_child(ctx, all_warnings=True)
    print(f"fork with another thread, every warning on: warnings {len(seen)}")
    for w in seen:
        text = str(w.message).replace(f"(pid={mp.current_process().pid}) ", "")
        print(f"  {w.category.__name__}: {text}")
    other.join()
    warns = version >= (3, 12)
    rule = "Python 3.12 and later warn" if warns else "Python before 3.12 does not warn"
    print(f"{rule}; this run agrees: {bool(seen) == warns and not alone and not hidden}")


# endregion


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="The warning about fork() and threads.")
    parser.add_argument("--wait", type=float, default=0.5, help="seconds the other thread runs")
    args = parser.parse_args()
    if "fork" not in mp.get_all_start_methods():
        print("this system has no fork start method (Windows): nothing to show")
    else:
        main(args.wait)
