"""Hostile demo: children and grandchildren (os.fork and multiprocessing) that ignore
SIGTERM and sleep forever, each printing its pid; the main process ignores SIGTERM too."""

import multiprocessing
import os
import signal
import time


def stubborn(label: str) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    print(f"{label} pid {os.getpid()}", flush=True)
    while True:
        time.sleep(1)


def mp_child() -> None:
    if os.fork() == 0:
        stubborn("mp grandchild")
    stubborn("mp child")


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    multiprocessing.Process(target=mp_child).start()
    if os.fork() == 0:
        if os.fork() == 0:
            stubborn("fork grandchild")
        stubborn("fork child")
    stubborn("main")
