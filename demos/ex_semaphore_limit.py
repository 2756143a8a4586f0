"""Exercise: 6 downloads, and the server accepts at most 2 connections at a time.

Each worker runs download(), which holds a "connection" for HOLD seconds and counts,
in two shared Values, how many downloads are in progress and the most there ever were.
As written, all 6 connect at once.

Let at most 2 downloads be in progress at any moment, with a multiprocessing.Semaphore
created once in the parent and passed to every worker. (A Lock would let in only one.)

    python ex_semaphore_limit.py
"""
import argparse
import time

# region: limit
from multiprocessing import Process, Value


def work(i, in_progress, most):
    download(i, in_progress, most)       # all of them at once: too many


def run(workers):
    """Run the downloads in `workers` processes; return the most at once."""
    in_progress, most = Value("i", 0), Value("i", 0)
    procs = [Process(target=work, args=(i, in_progress, most))
             for i in range(workers)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    return most.value
# endregion


LIMIT = 2    # connections the server accepts at a time
HOLD = 0.2   # seconds each download keeps its connection


def download(i, in_progress, most):
    """One download: counted in while it runs. (Do not change this function.)"""
    with in_progress.get_lock():
        in_progress.value += 1
        most.value = max(most.value, in_progress.value)
    time.sleep(HOLD)
    with in_progress.get_lock():
        in_progress.value -= 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Downloads limited to LIMIT at a time.")
    parser.add_argument("--workers", type=int, default=6)
    args = parser.parse_args()
    most = run(args.workers)
    print(f"most downloads at once: {most} (the server allows {LIMIT})")
