"""Pool.map and Pool.apply: who did the work, in which order it finished, what came back.

map() splits an iterable among the pool's workers and returns a list in the order of
the INPUT, whatever order the workers finish in. apply() sends ONE call to ONE worker
and blocks the parent until that call returns. imap_unordered() hands the results over
as they finish, and chunksize= sends the items to the workers in batches.
"""
import argparse
import os
import time
from multiprocessing import Barrier, Pool


def square(job):
    """Square x after sleeping `pause` seconds; say which worker did it and when."""
    x, pause = job
    time.sleep(pause)                  # stands in for work of varying length
    return x * x, os.getpid(), time.monotonic()


# region: map
def show_map(pool, items, step):
    print(f"parent pid {os.getpid()}")
    # Item 0 sleeps longest and the last item shortest: later items finish first.
    jobs = [(x, (items - x) * step) for x in range(items)]
    answers = pool.map(square, jobs)   # blocks until every item is done
    for x, (result, pid, _) in enumerate(answers):
        print(f"item {x} -> {result} by worker {pid}")
    finished = sorted(range(items), key=lambda x: answers[x][2])
    print("finish order:", *finished)
    if finished == sorted(finished):
        print("(the items finished in input order this time: try a larger --step)")
    results = [result for result, _, _ in answers]
    print("map result:", results)
    print("in input order:", results == [x * x for x in range(items)])
# endregion


# region: apply
def show_apply(pool):
    start = time.perf_counter()
    result, pid, _ = pool.apply(square, ((7, 0.3),))   # one call, one worker
    waited = time.perf_counter() - start
    print(f"apply returned {result} from worker {pid}, not the parent: {pid != os.getpid()}")
    print(f"apply blocked the parent for {waited:.1f} s")
# endregion


# region: unordered
def show_unordered(pool, items, step):
    jobs = [(x, (items - x) * step) for x in range(items)]
    answers = list(pool.imap_unordered(square, jobs))  # each one as soon as it is done
    arrived = [round(result ** 0.5) for result, _, _ in answers]
    print("imap_unordered gave the items in this order:", *arrived)
    finish_times = [when for _, _, when in answers]
    print("in finishing order:", finish_times == sorted(finish_times))
    print("in input order:", arrived == sorted(arrived))
# endregion


# region: chunks
def show_chunks(pool, items, step, chunksize):
    jobs = [(x, (items - x) * step) for x in range(items)]
    answers = pool.map(square, jobs, chunksize=chunksize)  # batches of `chunksize` items
    batches = {}                       # worker pid -> the items it received, in order
    for x, (_, pid, _) in enumerate(answers):
        batches.setdefault(pid, []).append(x)
    print(f"chunksize={chunksize}: {len(batches)} workers got the items in batches:",
          *batches.values())
    results = [result for result, _, _ in answers]
    print("map result:", results)
    print("in input order:", results == [x * x for x in range(items)])
# endregion


def ready(start_line):
    start_line.wait()                  # in each worker, as the pool starts it


def main(items, step, only):
    # One worker per item, all of them up before the first item is sent (they wait at the
    # start line with the parent), so a slow start cannot change the finishing order.
    start_line = Barrier(items + 1)
    with Pool(processes=items, initializer=ready, initargs=(start_line,)) as pool:
        start_line.wait()
        if only in (None, "map"):
            show_map(pool, items, step)
        if only in (None, "apply"):
            show_apply(pool)
        if only == "unordered":
            show_unordered(pool, items, step)
        if only == "chunks":
            show_chunks(pool, items, step, chunksize=2)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=4, help="items (and workers)")
    parser.add_argument("--step", type=float, default=0.15,
                        help="seconds of sleep per place from the end of the list")
    parser.add_argument("--only", choices=["map", "apply", "unordered", "chunks"],
                        help="run one part only (unordered and chunks run only when asked)")
    args = parser.parse_args()
    main(args.items, args.step, args.only)
