"""The Queue + join() deadlock: joining a child before taking what it put in a Queue.

q.put() hands the item to a background "feeder" thread that writes it into an OS
pipe, and a process does not exit until its feeder thread has written everything.
A pipe holds only a little (64 KiB on Linux), so a big item stays half-written
until someone reads the other end. If the parent calls join() before get(), each
one waits for the other: a deadlock. Here join() has a timeout, so we see it and
recover.
"""
import argparse
import time
from multiprocessing import Process, Queue


# region: deadlock
def producer(q, size):
    q.put("x" * size)             # returns at once; the feeder thread writes later


def run(size, wait):
    q = Queue()
    p = Process(target=producer, args=(q, size))
    p.start()
    start = time.perf_counter()
    p.join(timeout=wait)          # WRONG ORDER: join before get
    took = time.perf_counter() - start
    print(f"{size} chars: join(timeout={wait}) returned after {took:.1f} s, "
          f"child alive: {p.is_alive()}")
    if p.is_alive():
        print("deadlock: the child waits for us to read, we wait for it to exit")
    stuck = p.is_alive()
    data = q.get()                # RIGHT ORDER: get first, it empties the pipe...
    p.join()                      # ...so the child can finish, and join returns
    print(f"got {len(data)} chars, then join() returned: exit code {p.exitcode}")
    return stuck
# endregion


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--small", type=int, default=1_000, help="chars that fit the pipe")
    parser.add_argument("--big", type=int, default=1_000_000, help="chars that do not")
    parser.add_argument("--wait", type=float, default=1.0, help="join timeout, seconds")
    args = parser.parse_args()
    run(args.small, args.wait)    # fits in the pipe: the child exits, join works
    if not run(args.big, args.wait):  # should not fit: a plain join() would hang
        print(f"(no deadlock this time: {args.big} chars fit in this system's pipe;"
              " try a larger --big)")
