"""Exercise: two workers send big results on a Queue, and the program hangs.

q.put() returns at once: a background "feeder" thread of the worker writes the
pickled item into an OS pipe later. A pipe holds only a little (64 KiB on Linux) and
a process does not end until its feeder thread has written everything, so a worker
whose result is bigger than that waits for someone to read the other end. Here the
parent join()s the workers before it get()s their results: the workers wait for
the parent to read, the parent waits for them to end. Nobody moves.

    python ex_queue_join.py
    python ex_queue_join.py --workers 2 --numbers 100000
"""
import argparse
from multiprocessing import Process, Queue


def worker(wid, numbers, q):
    squares = [i * i for i in range(numbers)]  # about 600 KB pickled: no pipe holds it
    q.put((wid, squares))                      # returns at once; the feeder writes later


# region: collect
def run(workers, numbers):
    """Return ({worker id: its list}, the Process objects, every one of them joined)."""
    q = Queue()
    procs = [Process(target=worker, args=(w, numbers, q)) for w in range(workers)]
    for p in procs:
        p.start()
    results = dict(q.get() for _ in procs)     # FIRST take one result per worker:
                                               # reading empties the pipe...
    for p in procs:
        p.join()                               # ...THEN join: each feeder is done,
    return results, procs                      # so each worker could end
# endregion


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Big results on a Queue, and join().")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--numbers", type=int, default=100_000, help="per worker")
    args = parser.parse_args()
    results, procs = run(args.workers, args.numbers)
    for wid in sorted(results):
        print(f"worker {wid}: {len(results[wid])} numbers")
    print(f"results received: {len(results)}")
    print("exit codes:", *[p.exitcode for p in procs])
