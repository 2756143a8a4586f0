"""Changing an object right after Queue.put(): does the change travel or not?

put() does not pickle the object. It appends it to a buffer and returns; the queue's
feeder thread pickles it later, when its turn comes, and writes the bytes into the
pipe. A change made after put() travels if the feeder has not pickled the object yet,
and does not if it already has. Which one happens depends on timing, so the rule is:
never change an object after put() (put a copy, or build a new object).

This demo makes both cases certain. Free feeder: the producer waits (close() and
join_thread()) until the feeder has written everything, then changes the order.
Busy feeder: the feeder is stuck writing a big item into a full pipe that nobody reads
yet, so the order waits unpickled in the buffer while it is changed. An Event makes
the parent read only after the change.
"""
import argparse
from multiprocessing import Event, Process, Queue


# region: producer
def producer(q, changed, busy, copy, big):
    if busy:
        q.put(b"x" * big)         # too big for the pipe: the feeder is stuck on it
    order = {"qty": 1}
    q.put(dict(order) if copy else order)   # returns at once, nothing pickled yet
    if not busy:
        q.close()
        q.join_thread()           # wait until the feeder has pickled and written all
    order["qty"] = 2              # the change, right after put()
    changed.set()                 # now the parent may read


def run(label, busy, copy, big):
    q, changed = Queue(), Event()
    child = Process(target=producer, args=(q, changed, busy, copy, big))
    child.start()
    changed.wait()
    if busy:
        q.get()                   # the big item first: now the feeder goes on
    got = q.get()
    print(f"{label}: the parent got {got}")
    child.join()                  # after get(): the child has nothing left to write
    return got


def main(big):
    run("free feeder", busy=False, copy=False, big=big)
    if run("busy feeder", busy=True, copy=False, big=big)["qty"] == 1:
        print(f"(the feeder was not kept busy: this system's pipe held {big} bytes;"
              " try a larger --big)")
    run("busy feeder, a copy put", busy=True, copy=True, big=big)
# endregion


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--big", type=int, default=1_000_000,
                        help="bytes of the item that keeps the feeder busy (more than "
                             "the pipe holds)")
    main(parser.parse_args().big)
