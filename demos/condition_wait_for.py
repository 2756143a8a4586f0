"""Condition: wait until a predicate holds, re-checking it after every notify.

A Condition is a lock plus a waiting room. Under `with cond:` a consumer checks the
shared state; if it is not what it needs, cond.wait() releases the lock and sleeps until
another process calls notify() or notify_all() (with the lock held), then takes the lock
back. A wake-up only means "something changed": the consumer must check again.

Here the consumer needs 3 items and the producer (the parent) adds them one at a time,
calling notify_all() after each. With `if ...: cond.wait()` the consumer checks once and
goes on after the first wake-up, with 1 item. cond.wait_for(predicate) checks, waits and
checks again after every wake-up, and returns only once the predicate is true.

The producer adds the next item only after the consumer has checked again (or left), so
every run prints the same counts.

    python condition_wait_for.py
    python condition_wait_for.py --notify     # notify() wakes one, notify_all() all
"""
import argparse
import time
from multiprocessing import Condition, Process, Value

WANTED = 3  # items the consumer needs before it goes on


def produce(cond, items, checks, seen):
    """Add WANTED items, one at a time, each once the consumer has checked again."""
    for added in range(WANTED):
        while True:                      # poll under the lock: the consumer is either
            with cond:                   # asleep in wait() or gone, never in between
                if checks.value > added or seen.value >= 0:
                    break
            time.sleep(0.005)
        with cond:
            items.value += 1
            cond.notify_all()            # must hold the lock: wakes every waiter


# region: consumers
def consumer_if(cond, items, checks, seen):
    with cond:
        checks.value += 1
        if items.value < WANTED:         # MISTAKE: checked only once
            cond.wait()                  # releases the lock, sleeps, takes it back
        seen.value = items.value         # goes on after ANY wake-up


def consumer_wait_for(cond, items, checks, seen):
    def enough():
        checks.value += 1                # count every check
        return items.value >= WANTED
    with cond:
        cond.wait_for(enough)            # check; wait; check again after each wake-up
        seen.value = items.value


def run(consumer, label):
    cond = Condition()
    items, checks, seen = Value("i", 0), Value("i", 0), Value("i", -1)
    p = Process(target=consumer, args=(cond, items, checks, seen))
    p.start()
    produce(cond, items, checks, seen)
    p.join()
    times = "time" if checks.value == 1 else "times"
    print(f"{label}: went on with items = {seen.value} (wanted {WANTED}), "
          f"after checking {checks.value} {times}")
# endregion


# region: notify
def sleeper(cond, asleep, woken):
    with cond:
        asleep.value += 1                # counted under the lock, just before wait()
        cond.wait()
        woken.value += 1


def show_notify(sleepers, pause):
    cond = Condition()
    asleep, woken = Value("i", 0), Value("i", 0)
    procs = [Process(target=sleeper, args=(cond, asleep, woken)) for _ in range(sleepers)]
    for p in procs:
        p.start()
    while True:                          # holding the lock, asleep == sleepers means
        with cond:                       # they are all inside wait()
            if asleep.value == sleepers:
                break
        time.sleep(0.01)
    try:
        cond.notify()                    # without the lock
    except AssertionError as err:
        print(f"notify() without holding the lock -> AssertionError: {err}")
    with cond:
        cond.notify()                    # wakes ONE waiter
    time.sleep(pause)
    print(f"after notify(): {woken.value} of {sleepers} woken")
    with cond:
        cond.notify_all()                # wakes all the others
    for p in procs:
        p.join()
    print(f"after notify_all(): {woken.value} of {sleepers} woken")
# endregion


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--notify", action="store_true",
                        help="also show notify() against notify_all()")
    parser.add_argument("--sleepers", type=int, default=3)
    parser.add_argument("--pause", type=float, default=0.2,
                        help="seconds given to the woken ones after notify()")
    args = parser.parse_args()
    run(consumer_if, "if + wait()")
    run(consumer_wait_for, "wait_for(enough)")
    if args.notify:
        show_notify(args.sleepers, args.pause)
