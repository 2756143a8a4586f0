"""Exercise: a JoinableQueue whose join() never returns.

The parent puts 5 texts on a JoinableQueue; 2 workers square the ones that are numbers
and answer "not a number" for the others, each answer on a results Queue. join()
returns once every item put has been marked done with task_done(). The workers do all
the work, and yet join() never returns: some items are never marked done.

JoinableQueue.join() has no timeout, so this program calls it in a helper thread and
gives up after --wait seconds instead of hanging.

    python ex_joinable_queue.py
    python ex_joinable_queue.py --wait 2
"""
import argparse
import threading
from multiprocessing import JoinableQueue, Process, Queue

TEXTS = ["1", "2", "x", "4", "y"]


# region: worker
def worker(tasks, results):
    while True:
        text = tasks.get()
        if text is None:              # the parent's "stop", sent after join()
            break
        try:
            results.put((text, int(text) ** 2))
        except ValueError:
            results.put((text, "not a number"))
        finally:
            tasks.task_done()         # every item taken is marked done, whatever happened
# endregion


def joined_within(tasks, seconds):
    """Whether tasks.join() returns within `seconds`."""
    waiter = threading.Thread(target=tasks.join, daemon=True)
    waiter.start()
    waiter.join(seconds)
    return not waiter.is_alive()


def main(wait):
    tasks, results = JoinableQueue(), Queue()
    workers = [Process(target=worker, args=(tasks, results)) for _ in range(2)]
    for w in workers:
        w.start()
    for text in TEXTS:
        tasks.put(text)
    if joined_within(tasks, wait):
        print(f"join() returned: all {len(TEXTS)} tasks done")
    else:
        print(f"join() still waiting after {wait} s: some item was never marked done")
    answers = dict(results.get() for _ in TEXTS)
    print("results: " + ", ".join(f"{t}={answers[t]}" for t in TEXTS))
    for _ in workers:
        tasks.put(None)               # one "stop" per worker
    for w in workers:
        w.join()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="A JoinableQueue and task_done().")
    parser.add_argument("--wait", type=float, default=2.0,
                        help="seconds to wait for join() before giving up")
    main(parser.parse_args().wait)
