"""Lock, Semaphore, Event and Barrier side by side: who may go on, and when.

Lock: one process at a time in a section. Semaphore(n): up to n at a time. Event: all
waiting processes go on together once someone calls set(). Barrier(n): nobody goes on
until n processes have arrived. Each part counts, in shared Values, what the processes
did, so the output is the same on every run.

    python sync_compared.py
    python sync_compared.py --workers 4 --hold 0.1
"""

import argparse
import multiprocessing as mp
import time


def count(value, step):
    with value.get_lock():
        value.value += step
        return value.value


# region: compared
def inside_section(guard, inside, peak, start_line, hold):
    start_line.wait()  # all the workers try to get in at the same moment
    with guard:  # a Lock lets one in, a Semaphore(n) lets n in
        now = count(inside, +1)
        with peak.get_lock():
            peak.value = max(peak.value, now)
        time.sleep(hold)
        count(inside, -1)


def most_inside(guard, workers, hold):
    inside, peak, start_line = mp.Value("i", 0), mp.Value("i", 0), mp.Barrier(workers)
    procs = [mp.Process(target=inside_section, args=(guard, inside, peak, start_line, hold))
             for _ in range(workers)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    return peak.value


def wait_for_event(event, arrived, passed):
    count(arrived, +1)
    event.wait()  # blocks until someone calls event.set()
    count(passed, +1)


def wait_at_barrier(barrier, arrived, seen, i, hold):
    time.sleep(i * hold)  # they arrive one after another
    count(arrived, +1)
    barrier.wait()  # blocks until every party has arrived
    count(seen, arrived.value)  # how many had arrived when this one went on


def main(workers, hold):
    print(f"Lock: at most {most_inside(mp.Lock(), workers, hold)} inside at once")
    print(f"Semaphore(2): at most {most_inside(mp.Semaphore(2), workers, hold)} inside at once")

    event, arrived, passed = mp.Event(), mp.Value("i", 0), mp.Value("i", 0)
    procs = [mp.Process(target=wait_for_event, args=(event, arrived, passed))
             for _ in range(workers)]
    for p in procs:
        p.start()
    while arrived.value < workers:  # until every waiter is about to wait
        time.sleep(0.01)
    time.sleep(hold)  # time to get past wait(), if anything let them
    before = passed.value
    event.set()
    for p in procs:
        p.join()
    print(f"Event: {before} of {workers} went on before set(), {passed.value} after")

    barrier, arrived, seen = mp.Barrier(workers), mp.Value("i", 0), mp.Value("i", 0)
    procs = [mp.Process(target=wait_at_barrier, args=(barrier, arrived, seen, i, hold))
             for i in range(workers)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    everyone = seen.value == workers * workers
    print(f"Barrier({workers}): each went on only once all {workers} had arrived: {everyone}")


# endregion


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Lock, Semaphore, Event and Barrier compared.")
    parser.add_argument("--workers", type=int, default=3, help="processes in each part")
    parser.add_argument("--hold", type=float, default=0.1, help="seconds inside or between")
    args = parser.parse_args()
    main(args.workers, args.hold)
