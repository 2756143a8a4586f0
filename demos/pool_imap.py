"""map, imap and imap_unordered on the same four tasks: when does each result arrive?

Item 1 works longest and item 3 the shortest, one worker per item. map() hands the
whole list over once the last item is done. imap() hands each result over, in input
order, as soon as that item AND every item before it are done. imap_unordered() hands
each result over as soon as its item is done: in finishing order.
"""
import argparse
import time
from multiprocessing import Barrier, Pool

LATE = 0.1   # seconds between finishing and reaching the parent that count as "held back"


def work(job):
    x, pause = job
    time.sleep(pause)                  # stands in for work of this length
    return x, x * x, time.monotonic()  # which item, its result, when it was done


def ready(start_line):
    start_line.wait()                  # in each worker, as the pool starts it


def report(name, arrivals, pauses):
    """arrivals: (item, result, done at, reached the parent at), in the order received."""
    print(f"{name} gave:", *[f"{x}->{r}" for x, r, _, _ in arrivals])
    on_time = [x for x, _, done, got in arrivals if got - done < LATE]
    held = [x for x, _, done, got in arrivals if got - done >= LATE]
    print("handed over as soon as done:", *on_time or ["none"])
    print("held back, waiting for another item:", *held or ["none"])
    by_pause = sorted(range(len(pauses)), key=lambda x: pauses[x])
    by_done = [x for x, _, _, _ in sorted(arrivals, key=lambda a: a[2])]
    if by_done != by_pause:
        print("(the items did not finish in the order of their pauses this time:",
              "a busy machine; try longer --pauses)")


# region: imap
def show(pool, method, jobs):
    if method == "map":
        answers = pool.map(work, jobs)            # one list, once every item is done
        got = time.monotonic()
        arrivals = [(x, r, done, got) for x, r, done in answers]
    else:                                         # an iterator: one result per step
        results = getattr(pool, method)(work, jobs)   # pool.imap or pool.imap_unordered
        arrivals = [(x, r, done, time.monotonic()) for x, r, done in results]
    report(method, arrivals, [pause for _, pause in jobs])
# endregion


def main(pauses, method):
    jobs = list(enumerate(pauses))
    # One worker per item, all of them up before the first item is sent (they wait at
    # the start line with the parent), so a slow start cannot change the finishing order.
    start_line = Barrier(len(jobs) + 1)
    with Pool(processes=len(jobs), initializer=ready, initargs=(start_line,)) as pool:
        start_line.wait()
        for name in ["map", "imap", "imap_unordered"] if method == "all" else [method]:
            show(pool, name, jobs)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pauses", type=float, nargs="+", default=[0.25, 0.45, 0.15, 0.05],
                        help="seconds each item works (one worker per item)")
    parser.add_argument("--only", choices=["map", "imap", "imap_unordered", "all"],
                        default="all", help="which method to show")
    args = parser.parse_args()
    main(args.pauses, args.only)
