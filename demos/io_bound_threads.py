"""Where threads do help under the GIL: work that waits (I/O) rather than computes.

Each task waits, as a program waits for a network reply or a disk read; time.sleep
stands for that wait here. A thread that waits releases the GIL, so while one thread
waits the others run, and their waits overlap: N tasks in N threads take about one
wait, not N. They use almost no CPU meanwhile.

    python io_bound_threads.py                       # 4 tasks of 0.2 s
    python io_bound_threads.py --tasks 8 --wait 0.1
"""

import argparse
import threading
import time


# region: io
def fetch(wait):
    time.sleep(wait)  # waiting for I/O: the GIL is released until it is over


def one_after_another(tasks, wait):
    for _ in range(tasks):
        fetch(wait)


def in_threads(tasks, wait):
    threads = [threading.Thread(target=fetch, args=(wait,)) for _ in range(tasks)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def timed(run, tasks, wait):
    start, cpu = time.perf_counter(), time.process_time()
    run(tasks, wait)
    return time.perf_counter() - start, time.process_time() - cpu


def main(tasks, wait):
    print(f"{tasks} tasks, each waits {wait:.2f} s")
    t_seq, _ = timed(one_after_another, tasks, wait)
    print(f"one after another: {t_seq:.2f} s")
    t_thr, cpu = timed(in_threads, tasks, wait)
    print(f"{tasks} threads at once: {t_thr:.2f} s, CPU used {cpu:.2f} s")
    print(f"speed-up: {t_seq / t_thr:.1f}x")
    overlapped = t_thr < (wait + tasks * wait) / 2  # nearer one wait than one per task
    print(f"the waits overlapped: {overlapped}")


# endregion


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Threads overlap waits for I/O.")
    parser.add_argument("--tasks", type=int, default=4, help="how many tasks")
    parser.add_argument("--wait", type=float, default=0.2, help="seconds each task waits")
    args = parser.parse_args()
    main(args.tasks, args.wait)
