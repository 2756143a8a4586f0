"""Hostile demo: a process tree built to outlive mpquiz.

argv[1]: a folder. Each process of the tree, once in place, writes a file there named
after its pid, holding its role and its start time (field 22 of /proc/PID/stat, so that
a recycled pid is not mistaken for it). argv[2], optional: "exit" to have the main process exit
0 once the tree is ready, leaving the others behind. Every one ignores SIGTERM:

- main: waits until all six files exist, prints "tree ready", sleeps (or exits);
- a fork child and its own child, sleeping;
- a multiprocessing child, sleeping;
- a reader blocked on a pipe whose write end it holds itself (so it never sees EOF);
- a daemon: setsid, double fork, stdin, stdout and stderr on /dev/null, then exec of a
  fresh interpreter with an empty environment (no MPQUIZ_DEMO_TOKEN), sleeping.
"""

import multiprocessing
import os
import signal
import sys
import time

TREE_SIZE = 6
folder = sys.argv[1]
DAEMON = """
import os, signal, sys, time
signal.signal(signal.SIGTERM, signal.SIG_IGN)
with open("/proc/self/stat", "rb") as stat:
    started = stat.read().rpartition(b")")[2].split()[19].decode()
path = os.path.join(sys.argv[1], str(os.getpid()))
with open(path + ".new", "w") as f:
    f.write("daemon " + started)
os.rename(path + ".new", path)
while True:
    time.sleep(1)
"""


def settle(role: str) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    with open("/proc/self/stat", "rb") as stat:
        started = stat.read().rpartition(b")")[2].split()[19].decode()
    path = os.path.join(folder, str(os.getpid()))
    with open(path + ".new", "w") as f:
        f.write(f"{role} {started}")
    os.rename(path + ".new", path)  # whole when it appears


def sleep_forever(role: str) -> None:
    settle(role)
    while True:
        time.sleep(1)


def read_forever() -> None:
    read_end, _write_end = os.pipe()  # kept open: the read never ends
    settle("pipe reader")
    os.read(read_end, 1)


def daemonize() -> None:
    os.setsid()
    if os.fork() != 0:
        os._exit(0)
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    os.execve(sys.executable, [sys.executable, "-c", DAEMON, folder], {})


def fork_into(body, *args) -> None:  # type: ignore[no-untyped-def]
    if os.fork() == 0:
        try:
            body(*args)
        finally:
            os._exit(0)


def fork_child() -> None:
    fork_into(sleep_forever, "fork grandchild")
    sleep_forever("fork child")


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    multiprocessing.Process(target=sleep_forever, args=("mp child",)).start()
    fork_into(fork_child)
    fork_into(read_forever)
    fork_into(daemonize)
    settle("main")
    while len([name for name in os.listdir(folder) if name.isdigit()]) < TREE_SIZE:
        time.sleep(0.01)
    print("tree ready", flush=True)
    if sys.argv[2:] == ["exit"]:
        os._exit(0)  # sys.exit would wait for the multiprocessing child
    while True:
        time.sleep(1)
