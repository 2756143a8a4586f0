"""Event: processes wait() until another one calls set(); then ALL of them go on.

An Event is a flag shared by processes, "not set" when it is created. wait() blocks
while the flag is not set; set() sets it and wakes every process waiting in wait(), not
just one, and the flag stays set: a later wait() returns at once, until clear().

The parent starts the waiters, checks that they are all inside wait(), gives them time
in which nothing lets them through, and only then calls set().

    python event_wait.py
    python event_wait.py --waiters 5
    python event_wait.py --more          # wait(timeout), is_set() and clear() too
"""
import argparse
import time
from multiprocessing import Event, Process, Value


# region: event
def waiter(event, arrived, passed):
    with arrived.get_lock():
        arrived.value += 1               # "I am about to wait"
    event.wait()                         # blocks here until someone calls set()
    with passed.get_lock():
        passed.value += 1                # "I got past wait()"


def main(waiters, pause):
    event = Event()                      # a new Event is not set
    arrived, passed = Value("i", 0), Value("i", 0)
    procs = [Process(target=waiter, args=(event, arrived, passed))
             for _ in range(waiters)]
    for p in procs:
        p.start()
    while arrived.value < waiters:       # until every waiter has reached wait()
        time.sleep(0.01)
    print(f"waiters that reached wait(): {arrived.value} of {waiters}")
    time.sleep(pause)                    # time enough to pass, if anything let them
    print(f"after {pause} s without set(): {passed.value} of {waiters} passed wait()")
    print("the parent calls set()")
    event.set()                          # wakes EVERY waiter, and stays set
    for p in procs:
        p.join()
    print(f"after set(): {passed.value} of {waiters} passed wait()")
# endregion


# region: more
def show_more(timeout):
    event = Event()
    start = time.perf_counter()
    got = event.wait(timeout)            # not set: waits the whole timeout
    took = time.perf_counter() - start
    print(f"wait(timeout={timeout}) before set(): returned {got} after {took:.2f} s")
    event.set()
    start = time.perf_counter()
    got = event.wait()                   # already set: returns at once
    took = time.perf_counter() - start
    print(f"wait() after set(): returned {got} after {took:.2f} s")
    print(f"is_set() after set(): {event.is_set()}")
    event.clear()                        # back to "not set": wait() blocks again
    print(f"is_set() after clear(): {event.is_set()}")
    print(f"wait(timeout={timeout}) after clear(): returned {event.wait(timeout)}")
# endregion


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--waiters", type=int, default=3)
    parser.add_argument("--pause", type=float, default=0.2,
                        help="seconds the parent waits before set()")
    parser.add_argument("--more", action="store_true",
                        help="also show wait(timeout), is_set() and clear()")
    args = parser.parse_args()
    main(args.waiters, args.pause)
    if args.more:
        show_more(args.pause)
