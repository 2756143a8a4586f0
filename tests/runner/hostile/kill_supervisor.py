"""Hostile demo: SIGKILLs the tree supervisor that runs it (its parent, on Linux), after
forking two children that ignore SIGTERM: one in its process group, one in a session of
its own. Each prints its pid. A parent that is not the supervisor is left alone.
"""

import os
import signal
import time


def stubborn(label: str) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    print(f"{label} pid {os.getpid()}", flush=True)
    while True:
        time.sleep(1)


if os.fork() == 0:
    stubborn("child")
if os.fork() == 0:
    os.setsid()
    stubborn("escaped")
time.sleep(0.2)
print(f"main pid {os.getpid()}", flush=True)
with open(f"/proc/{os.getppid()}/cmdline", "rb") as cmdline:
    if b"tree_supervisor" in cmdline.read():
        os.kill(os.getppid(), signal.SIGKILL)
time.sleep(60)
