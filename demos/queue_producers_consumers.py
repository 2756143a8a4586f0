"""Several producers and several consumers sharing ONE multiprocessing.Queue.

A Queue is safe for many processes at once (a single Pipe end is not): it is a
pipe plus locks, with a feeder thread in each producer that sends what put()
buffered. Each consumer stops at a sentinel (None), so we put one per consumer.

With --inside the program first looks inside a Queue: the feeder thread, the copy
that get() returns, a get() that waits, and why empty() cannot tell a consumer to stop.
"""
import argparse
import queue
import random
import threading
import time
from multiprocessing import Process, Queue


# region: workers
def producer(pid, n_items, q):
    for i in range(n_items):
        time.sleep(random.random() * 0.005)  # "work": lets producers interleave
        q.put(f"p{pid}-{i}")                 # p1-2 = producer 1, its item 2


def consumer(cid, q, results):
    got = []
    while True:
        item = q.get()                       # blocks while the queue is empty
        if item is None:                     # sentinel: no more items
            break
        got.append(item)                     # in the order they arrive here
    results.put((cid, got))                  # tell the parent what we consumed
# endregion


def run(n_producers, n_consumers, n_items):
    """Start everybody; return {consumer id: items in arrival order}."""
    # region: main
    q, results = Queue(), Queue()
    producers = [Process(target=producer, args=(p, n_items, q))
                 for p in range(n_producers)]
    consumers = [Process(target=consumer, args=(c, q, results))
                 for c in range(n_consumers)]
    for proc in producers + consumers:
        proc.start()
    for proc in producers:
        proc.join()                          # every item is in the queue now
    for _ in consumers:
        q.put(None)                          # one sentinel PER consumer
    # Read the results BEFORE joining the consumers: a process that has put
    # data on a queue does not end until that data has been taken out.
    got = dict(results.get() for _ in consumers)
    for proc in consumers:
        proc.join()
    # endregion
    return got


def order_kept(items):
    """True if, in `items`, each producer's items appear in the order it put them."""
    last = {}
    for item in items:
        pid, i = item[1:].split("-")
        if int(i) < last.get(pid, -1):
            return False
        last[pid] = int(i)
    return True


def late_producer(q, n_items):
    time.sleep(0.3)                          # its items come a little later
    for i in range(n_items):
        q.put(i)
    q.put(None)


def show_inside():
    q = Queue()
    item = {"task": 1}
    q.put(item)                              # returns at once: a thread sends it
    feeder = any(t.name == "QueueFeederThread" for t in threading.enumerate())
    print(f"inside: after put(), a feeder thread (QueueFeederThread) sends the item: {feeder}")
    got = q.get()
    print(f"inside: get() returned an equal object: {got == item}, "
          f"the same object: {got is item}")
    start = time.perf_counter()
    try:
        q.get(timeout=0.2)                   # nothing left: get() waits
    except queue.Empty:
        print(f"inside: get(timeout=0.2) on an empty queue waited "
              f"{time.perf_counter() - start:.2f} s, then raised queue.Empty")
    p = Process(target=late_producer, args=(q, 3))
    p.start()
    taken = 0
    while not q.empty():                     # WRONG stop test: empty() is a snapshot
        q.get()
        taken += 1
    print(f"inside: while not q.empty() took {taken} of 3 items: empty() said the queue "
          "was empty before the producer put them")
    rest = []
    while (got := q.get()) is not None:      # RIGHT: wait for the sentinel
        rest.append(got)
    print(f"inside: waiting for the sentinel took {len(rest)} of 3 items")
    p.join()


def main(n_producers, n_consumers, n_items):
    print(f"{n_producers} producers x {n_items} items, {n_consumers} consumers")
    got = run(n_producers, n_consumers, n_items)
    produced = [f"p{p}-{i}" for p in range(n_producers) for i in range(n_items)]
    for p in range(n_producers):
        print(f"producer {p} put: {' '.join(produced[p * n_items:(p + 1) * n_items])}")
    for c in sorted(got):                    # arrival order: changes every run
        print(f"consumer {c} got {len(got[c])} items: {' '.join(got[c]) or '-'}")
    print(f"sentinels put: {n_consumers}, consumers finished: {len(got)}")
    consumed = [item for items in got.values() for item in items]
    twice = len(consumed) - len(set(consumed))
    lost = len(set(produced) - set(consumed))
    print(f"produced: {len(produced)}, consumed: {len(consumed)}, "
          f"consumed twice: {twice}, lost: {lost}")
    kept = all(order_kept(items) for items in got.values())
    print(f"per-producer order kept: {'yes' if kept else 'NO'}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--producers", type=int, default=2)
    parser.add_argument("--consumers", type=int, default=2)
    parser.add_argument("--items", type=int, default=4, help="items per producer")
    parser.add_argument("--inside", action="store_true",
                        help="first look inside a Queue (feeder thread, copies, empty())")
    args = parser.parse_args()
    if args.inside:
        show_inside()
    main(args.producers, args.consumers, args.items)
