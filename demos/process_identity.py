"""Who am I? Names and PIDs of processes, and the exit codes they leave behind.

Every process can ask multiprocessing who it is (current_process()) and the OS for its
PID and its parent's PID. A child's exit code tells the parent how the child ended.

    python process_identity.py                        # everything
    python process_identity.py --show identity        # names, PIDs, run() vs start()
    python process_identity.py --show exitcodes       # exit codes of three children
    python process_identity.py --show names           # the names children get by default
    python process_identity.py --start-method spawn   # choose how children are started
"""

import argparse
import multiprocessing as mp
import os
import sys


# region: identity
def child(parent_pid):
    me = mp.current_process()
    print(f"child: name={me.name} pid={os.getpid()} ppid={os.getppid()}")
    print(f"child: os.getppid() == parent pid: {os.getppid() == parent_pid}")
    if os.getppid() != parent_pid:
        # With forkserver a helper process forks the children, so it is their OS parent.
        print(f"child: parent_process().pid == parent pid: {mp.parent_process().pid == parent_pid}")


def where_am_i(label, parent_pid):
    me = mp.current_process()
    print(f"{label}: name={me.name} pid={os.getpid()} is the parent: {os.getpid() == parent_pid}")


def show_identity(ctx):
    parent_pid = os.getpid()
    print(f"parent: name={mp.current_process().name} pid={parent_pid}")
    p = ctx.Process(target=child, args=(parent_pid,), name="worker")
    p.start()  # a new process runs child()
    p.join()
    q = ctx.Process(target=where_am_i, args=("run() without start()", parent_pid))
    q.run()  # an ordinary function call: no new process is created


# endregion


# region: exitcodes
def finish_normally():
    pass  # returning from the target means success: exitcode 0


def crash():
    raise ValueError("something went wrong in the child")  # uncaught: exitcode 1


def leave_with_3():
    sys.exit(3)  # the number given to sys.exit() becomes the exitcode


def show_exitcodes(ctx):
    children = [
        ctx.Process(target=finish_normally, name="normal"),
        ctx.Process(target=crash, name="crasher"),  # its traceback goes to stderr
        ctx.Process(target=leave_with_3, name="exit3"),
    ]
    for p in children:
        p.start()
    for p in children:
        p.join()  # the exception does not reach the parent: only the exitcode does
    for p in children:
        print(f"exitcode of {p.name}: {p.exitcode}")


# endregion


# region: names
def grandchild():
    print(f"  its child: {mp.current_process().name}")


def named_child():
    print(f"child: {mp.current_process().name}")
    g = mp.Process(target=grandchild)  # no name= given: multiprocessing makes one up
    g.start()
    g.join()


def show_names():
    children = [
        mp.Process(target=named_child),
        mp.Process(target=named_child),
        mp.Process(target=named_child, name="worker"),
    ]
    for p in children:
        p.start()
        p.join()  # one at a time, so the lines always come in this order


# endregion


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Process names, PIDs and exit codes.")
    parser.add_argument("--show", choices=["identity", "exitcodes", "names", "all"], default="all")
    parser.add_argument(
        "--start-method",
        choices=mp.get_all_start_methods(),
        default=None,
        help="how children are started (default: this platform's default)",
    )
    args = parser.parse_args()
    ctx = mp.get_context(args.start_method)
    print(f"start method: {ctx.get_start_method()}")
    if args.show in ("identity", "all"):
        show_identity(ctx)
    if args.show in ("exitcodes", "all"):
        show_exitcodes(ctx)
    if args.show in ("names", "all"):
        show_names()  # mp.Process: a context's Process would be called SpawnProcess-1...
