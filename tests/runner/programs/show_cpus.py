"""Prints how many CPUs it may run on: the main process, a multiprocessing child (of the
start method given) and a Python program it runs."""

import multiprocessing
import os
import subprocess
import sys


def report():
    print("child", len(os.sched_getaffinity(0)), flush=True)


if __name__ == "__main__":
    print("main", len(os.sched_getaffinity(0)), flush=True)
    child = multiprocessing.get_context(sys.argv[1]).Process(target=report)
    child.start()
    child.join()
    code = "import os; print('exec', len(os.sched_getaffinity(0)))"
    subprocess.run([sys.executable, "-c", code], check=True)
