"""join() makes the parent wait for its children; without it, the parent goes on.

Each child sleeps briefly before it prints, so that it is always slower than the
parent's next print: this makes the order of the lines the same on every run.

    python join_vs_no_join.py                          # both cases, one after the other
    python join_vs_no_join.py --mode join              # the parent waits with join()
    python join_vs_no_join.py --mode nojoin            # the parent does not wait
    python join_vs_no_join.py --mode nojoin --daemon   # ... and the children are daemons
"""

import argparse
import multiprocessing as mp
import time


# region: join
def child(seconds):
    time.sleep(seconds)  # the child's "work"
    print("child: done")


def run(children, seconds, join, daemon):
    print("== with join ==" if join else "== without join ==")
    procs = [mp.Process(target=child, args=(seconds,), daemon=daemon) for _ in range(children)]
    for p in procs:
        p.start()  # start() returns at once: it does not wait for the child
    print(f"parent: started {children} children")
    if join:
        for p in procs:
            p.join()  # block until this child has finished
        print("parent: after join, all children have finished")
    else:
        alive = sum(p.is_alive() for p in procs)
        print(f"parent: reached the end of its code, {alive} children still alive")
    # When the program ends, multiprocessing still waits for non-daemon children,
    # but it terminates daemon children.


# endregion


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="What the parent does with and without join().")
    parser.add_argument("--mode", choices=["join", "nojoin", "both"], default="both")
    parser.add_argument("--children", type=int, default=2, help="children per case")
    parser.add_argument("--seconds", type=float, default=0.3, help="how long each child works")
    parser.add_argument("--daemon", action="store_true", help="make the children daemons")
    args = parser.parse_args()
    if args.mode in ("join", "both"):
        run(args.children, args.seconds, join=True, daemon=args.daemon)
    if args.mode in ("nojoin", "both"):
        run(args.children, args.seconds, join=False, daemon=args.daemon)
