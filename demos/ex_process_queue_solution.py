"""Final exercise, step 2, solved: the tasks shared out by hand, with Process and Queue.

There is no Pool to do the bookkeeping, so the program does it: it deals the tasks
out to a few worker processes, each worker puts (index, result) pairs on one shared
Queue, and the parent puts every result back in its task's place. Results arrive in
whatever order the workers finish; the index is what keeps them in order.

    python ex_process_queue_solution.py
    python ex_process_queue_solution.py --tasks 8 --size 2000000 --workers 2
"""
import argparse
import os
from multiprocessing import Process, Queue


def work(n):
    total = 0
    for i in range(n):
        total += i * i
    return total


def worker(jobs, results):
    # jobs: this worker's share, a list of (index, n). The result travels back with
    # its index, because the parent cannot tell from the arrival order whose it is.
    for index, n in jobs:
        results.put((index, work(n)))


def main(n_tasks, size, workers):
    tasks = [size + i for i in range(n_tasks)]
    jobs = list(enumerate(tasks))
    results = Queue()
    # Deal the jobs out like cards: worker w gets jobs w, w + workers, w + 2*workers...
    procs = [Process(target=worker, args=(jobs[w::workers], results))
             for w in range(workers)]
    for p in procs:
        p.start()
    ordered = [None] * n_tasks
    for _ in tasks:                        # exactly one result per task...
        index, result = results.get()      # ...taken BEFORE join(): a child that has
        ordered[index] = result            # put data on a queue waits until it is read
    for p in procs:
        p.join()
    for n, result in zip(tasks, ordered, strict=True):
        print(f"work({n}) = {result}")
    print(f"total: {sum(ordered)}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="CPU-bound tasks on Process objects.")
    parser.add_argument("--tasks", type=int, default=8, help="how many tasks")
    parser.add_argument("--size", type=int, default=4_000_000, help="steps per task")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2,
                        help="worker processes (default: the machine's CPUs)")
    args = parser.parse_args()
    main(args.tasks, args.size, args.workers)
