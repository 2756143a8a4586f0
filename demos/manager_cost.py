"""What a Manager proxy costs next to a Value: increments per second, measured.

A Value is a few bytes of shared memory: v.value += 1 under get_lock() is a lock and two
memory accesses in this process. A Manager's dict lives in its server process: every
d["n"] read and every d["n"] = ... write is a message (pickled, sent through a socket,
answered) to that process and back, so d["n"] += 1 costs two round trips.

Each way counts up for --seconds and reports how many increments it did per second.

    python manager_cost.py
    python manager_cost.py --seconds 0.5
"""
import argparse
import time
from multiprocessing import Manager, Value


# region: cost
def rate(increment, seconds):
    """Increments per second that `increment` manages during `seconds`."""
    done, start = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - start) < seconds:
        for _ in range(100):             # check the clock every 100 increments
            increment()
        done += 100
    return done / elapsed


def main(seconds):
    v = Value("i", 0)

    def value_increment():
        with v.get_lock():
            v.value += 1

    with Manager() as manager:
        d = manager.dict(n=0)

        def proxy_increment():
            d["n"] += 1                  # two messages: read d["n"], then write it

        value_rate = rate(value_increment, seconds)
        proxy_rate = rate(proxy_increment, seconds)
    print(f"Value with get_lock(): {value_rate:,.0f} increments/s")
    print(f"Manager dict proxy: {proxy_rate:,.0f} increments/s")
    print(f"the Value did {value_rate / proxy_rate:.0f} times as many")
# endregion


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=0.2, help="for each way")
    main(parser.parse_args().seconds)
