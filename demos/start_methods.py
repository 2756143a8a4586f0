"""Start methods: how multiprocessing makes a child process, and what the child gets.

fork        copies the running parent, memory included: fast, but unsafe with threads.
spawn       starts a fresh interpreter that imports the main module again: slow, clean.
forkserver  a clean server process, started once, forks each new child: clean, and
            faster than spawn once the server is up.

    python start_methods.py           # the default, what each method costs, what it copies
    python start_methods.py --rule    # which method is the default where, checked here
"""
import argparse
import multiprocessing as mp
import subprocess
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


def rule(version, platform):
    """The default start method multiprocessing documents for a Python and a system."""
    if platform == "win32":
        return "spawn"                 # Windows has no fork()
    if platform == "darwin":
        return "spawn" if version >= (3, 8) else "fork"
    return "forkserver" if version >= (3, 14) else "fork"


def fresh_default():
    """The default start method, asked of a fresh interpreter (a program may change its
    own with set_start_method(), and then this one's would not be the default)."""
    code = "import multiprocessing as mp; print(mp.get_start_method())"
    # -I: isolated, so no PYTHON* variable or user site set up for this program changes
    # the answer (mpquiz itself may run a demo under another method to check it).
    asked = subprocess.run([sys.executable, "-I", "-c", code], capture_output=True, text=True)
    return asked.stdout.strip()


def show_rule():
    default = fresh_default()
    print("python", sys.version.split()[0], "on", sys.platform)
    print("default start method:", default)
    print("the rule: linux fork up to 3.13 and forkserver from 3.14, "
          "macOS spawn from 3.8, Windows always spawn")
    version = sys.version_info[:2]
    expected = rule(version, sys.platform)
    print(f"the rule for python {version[0]}.{version[1]} on {sys.platform}: {expected}; "
          f"this python agrees: {expected == default}")


def main(repeat):
    print("python", sys.version.split()[0], "on", sys.platform)
    print("default start method:", mp.get_start_method())
    available = [m for m in METHODS if m in mp.get_all_start_methods()]
    print("available:", ", ".join(available))
    # Timed first, so forkserver's first child includes starting the server itself.
    later = {}
    for method in available:
        first, *rest = time_starts(method, repeat)
        later[method] = min(rest)
        print(f"{method}: first child {first:.1f} ms, then {later[method]:.1f} ms")
    ratios = ""
    if set(later) == set(METHODS):  # how many times dearer each is than the next cheaper
        ratios = (f" (forkserver {later['forkserver'] / later['fork']:.2f}x fork, "
                  f"spawn {later['spawn'] / later['forkserver']:.2f}x forkserver)")
    print("a later child, cheapest first:", " < ".join(sorted(later, key=later.get)) + ratios)
    # A forked child inherits the parent's memory, so it sees the change; spawn and
    # forkserver children import this module afresh, so they see the file's value.
    show_mark(available)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3,
                        help="children timed per method (2 or more)")
    parser.add_argument("--rule", action="store_true",
                        help="only say which method is the default where, and check it here")
    args = parser.parse_args()
    if args.rule:
        show_rule()
    else:
        main(max(2, args.repeat))
