"""Hostile demo: a child that leaves the process group with setsid(), ignores SIGTERM and
sleeps forever.

argv[1]: "sleep" (the main process sleeps too) or "exit" (it exits 0 at once).
argv[2]: "keep" (the child keeps the output pipe) or "close" (it points its stdout and
stderr at /dev/null, so only its environment gives it away).
"""

import os
import signal
import sys
import time

main_mode = sys.argv[1] if len(sys.argv) > 1 else "sleep"
child_output = sys.argv[2] if len(sys.argv) > 2 else "keep"

if os.fork() == 0:
    os.setsid()
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    print(f"escaped pid {os.getpid()}", flush=True)
    if child_output == "close":
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
    while True:
        time.sleep(1)

time.sleep(0.2)  # let the child print first
print(f"main pid {os.getpid()}", flush=True)
if main_mode == "sleep":
    while True:
        time.sleep(1)
