"""Exercise: producers and consumers on one Queue, and a stop signal sent too soon.

2 producers put 20 items each on one multiprocessing.Queue; 2 consumers take items
until they get a sentinel (None), then report what they took. The parent puts one
sentinel per consumer, which is right, but it puts them straight away, while the
producers have hardly started: the sentinels reach the queue ahead of nearly every
item, each consumer stops at its None, and the items behind them are never consumed.

    python ex_producers_consumers.py
    python ex_producers_consumers.py --producers 2 --consumers 2 --items 20
"""
import argparse
import random
import time
from multiprocessing import Process, Queue


def producer(pid, n_items, q):
    for i in range(n_items):
        time.sleep(random.random() * 0.005)  # "work": lets the producers interleave
        q.put(f"p{pid}-{i}")                 # p1-2 = producer 1, its item 2


# region: queue
def consumer(q, results):
    got = []
    while True:
        item = q.get()                       # blocks while the queue is empty
        if item is None:                     # sentinel: no more items
            break
        got.append(item)
    results.put(got)                         # tell the parent what we consumed


def run(n_producers, n_consumers, n_items):
    """Start everybody, wait for everybody; return one list of items per consumer."""
    q, results = Queue(), Queue()
    producers = [Process(target=producer, args=(p, n_items, q))
                 for p in range(n_producers)]
    consumers = [Process(target=consumer, args=(q, results))
                 for _ in range(n_consumers)]
    for proc in producers + consumers:
        proc.start()
    for _ in consumers:
        q.put(None)                          # one sentinel per consumer... already?
    for proc in producers:
        proc.join()
    got = [results.get() for _ in consumers]  # take the reports before join()
    for proc in consumers:
        proc.join()
    return got
# endregion


def main(n_producers, n_consumers, n_items):
    got = run(n_producers, n_consumers, n_items)
    produced = {f"p{p}-{i}" for p in range(n_producers) for i in range(n_items)}
    consumed = [item for items in got for item in items]
    for c, items in enumerate(got):
        print(f"consumer {c}: {len(items)} items")
    print(f"produced: {len(produced)}, consumed: {len(consumed)}")
    print(f"consumed twice: {len(consumed) - len(set(consumed))}")
    print(f"lost: {len(produced - set(consumed))}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Producers, consumers, one Queue.")
    parser.add_argument("--producers", type=int, default=2)
    parser.add_argument("--consumers", type=int, default=2)
    parser.add_argument("--items", type=int, default=20, help="items per producer")
    args = parser.parse_args()
    main(args.producers, args.consumers, args.items)
