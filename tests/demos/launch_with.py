"""Run a demo as `__main__` under a chosen start method, optionally pinned to one core.

    python launch_with.py METHOD ONE_CORE DEMO [ARGS...]

METHOD is fork, spawn, forkserver or "default" (leave it as it is); ONE_CORE is 1 to pin
this process, and so every child it starts, to a single core (Linux only), or 0. The demo
then runs exactly as if started directly: `sys.argv` is its own and `__name__` is
"__main__". The tests start this script through mpquiz's runner (see demo_support.run).
"""

import multiprocessing
import os
import runpy
import sys

if __name__ == "__main__":
    method, one_core, demo, *args = sys.argv[1:]
    if one_core == "1":
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    if method != "default":
        multiprocessing.set_start_method(method)
    sys.argv = [demo, *args]
    runpy.run_path(demo, run_name="__main__")
