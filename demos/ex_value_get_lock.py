"""Exercise: the same lost updates, with a Value that already has a lock of its own.

Value("i", 0) (lock=True is the default) wraps the shared int in a synchronised
object with a lock inside, and every single read or write of counter.value takes it.
That protects each access alone, not the read-sleep-write between them: two
processes still read the same old value, and one increment overwrites the other.

Make the whole read-sleep-write hold the Value's own lock, from get_lock(). No extra
Lock object is needed.

    python ex_value_get_lock.py
"""
import argparse
import time
from multiprocessing import Process, Value

GAP = 0.001  # seconds between the read and the write


# region: work
def work(counter, increments):
    for _ in range(increments):
        current = counter.value          # takes the Value's lock, and releases it
        time.sleep(GAP)                  # no lock held here: the others read too
        counter.value = current + 1      # takes it again: too late
# endregion


def run(workers, increments):
    """Start the workers, wait for them all, return the counter's final value."""
    counter = Value("i", 0)              # lock=True by default: it has a lock inside
    procs = [Process(target=work, args=(counter, increments))
             for _ in range(workers)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    return counter.value


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="A Value's own lock, used the right way.")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--increments", type=int, default=25, help="per worker")
    args = parser.parse_args()
    final = run(args.workers, args.increments)
    expected = args.workers * args.increments
    print(f"final: {final} (expected {expected})")
    print(f"lost updates: {expected - final}")
