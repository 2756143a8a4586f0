"""JoinableQueue: join() returns once every item put has been marked done with task_done().

A JoinableQueue counts unfinished tasks: each put() adds one, each task_done() takes
one away, and join() waits until the count is zero. It does not watch whether the queue
is empty: an item a worker has taken out but not marked done still counts. A worker
that forgets task_done() leaves join() waiting forever, even after all the work is done.

JoinableQueue.join() has no timeout, so the demo calls it in a helper thread and waits
for that thread at most --wait seconds: it never hangs.
"""
import argparse
import threading
from multiprocessing import JoinableQueue, Process, Queue, Value


def joined_within(tasks, seconds):
    """Whether tasks.join() returns within `seconds` (join() itself has no timeout)."""
    waiter = threading.Thread(target=tasks.join, daemon=True)
    waiter.start()
    waiter.join(seconds)
    return not waiter.is_alive()


# region: joinable
def worker(tasks, results, marks_done, marked):
    while True:
        n = tasks.get()
        if n is None:             # the parent's "stop", sent after join()
            break
        results.put(n * n)
        if marks_done:
            with marked.get_lock():
                marked.value += 1     # counted just before it is marked
            tasks.task_done()     # "the item I took is finished"


def run(label, marks_done, items, workers, wait):
    tasks, results, marked = JoinableQueue(), Queue(), Value("i", 0)
    procs = [Process(target=worker, args=(tasks, results, marks_done, marked))
             for _ in range(workers)]
    for p in procs:
        p.start()
    for n in range(items):
        tasks.put(n)              # the count of unfinished tasks goes up by one
    squares = [results.get() for _ in range(items)]   # all the work is done now
    returned = joined_within(tasks, wait)
    print(f"{label}: {len(squares)} results, queue empty: {tasks.empty()}, "
          f"join() returned: {returned}")
    if returned:
        print(f"{label}: task_done() calls when join() returned: {marked.value}")
    else:
        print(f"{label}: join() still waiting after {wait} s: "
              f"{marked.value} of {items} items marked done")
    for _ in procs:
        tasks.put(None)           # one "stop" per worker
    for p in procs:
        p.join()
# endregion


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=5, help="tasks the parent puts")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--wait", type=float, default=0.5,
                        help="seconds to wait for join() before saying it is stuck")
    parser.add_argument("--only", choices=["done", "forgot"],
                        help="run only the worker that calls task_done() (done) or the "
                             "one that forgets it (forgot)")
    args = parser.parse_args()
    if args.only in (None, "done"):
        run("with task_done()", True, args.items, args.workers, args.wait)
    if args.only in (None, "forgot"):
        run("without task_done()", False, args.items, args.workers, args.wait)
