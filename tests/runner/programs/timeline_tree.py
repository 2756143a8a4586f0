"""A multiprocessing program with every kind of process the timeline must record, under
the start method in argv[1]: a Pool of 2 workers computing at the same time, a child
that forks a grandchild which leaves the session (os.setsid) and exits 7, a child that
aborts, one that exits 3, and two threads computing in the main process. It prints
only what it was told, so its output can be compared byte for byte."""

import multiprocessing as mp
import os
import sys
import threading
import time

WORK = 0.3  # CPU seconds each pool worker computes
THREAD_WORK = 0.15  # and each thread


def burn(seconds: float) -> int:
    """Compute for `seconds` of this thread's CPU time (however busy the machine)."""
    end = time.thread_time() + seconds
    count = 0
    while time.thread_time() < end:
        for _ in range(2000):
            count += 1
    return count


def meet(barrier) -> None:
    global _barrier
    _barrier = barrier


def task(seconds: float) -> str:
    _barrier.wait()  # both workers have a task: they compute at the same time
    burn(seconds)
    return mp.current_process().name[:4]


def fork_a_grandchild() -> None:
    if os.fork() == 0:
        os.setsid()
        burn(0.02)
        os._exit(7)
    # The child exits at once: the grandchild is an orphan in a session of its own.


if __name__ == "__main__":
    context = mp.get_context(sys.argv[1])
    with context.Pool(2, initializer=meet, initargs=(context.Barrier(2),)) as pool:
        print("pool", pool.map(task, [WORK, WORK], chunksize=1))
    forker = context.Process(target=fork_a_grandchild, name="forker")
    forker.start()
    forker.join()
    aborter = context.Process(target=os.abort, name="aborter")
    exiter = context.Process(target=sys.exit, args=(3,), name="exiter")
    for child in (aborter, exiter):
        child.start()
        child.join()
    print("exit codes", forker.exitcode, aborter.exitcode, exiter.exitcode)
    threads = [
        threading.Thread(target=burn, args=(THREAD_WORK,), name=f"burner-{n}") for n in (1, 2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    time.sleep(0.1)  # the grandchild is done by now
    print("threads done")
