"""Pool.map and Pool.apply: who did the work, in which order it finished, what came back.

map() splits an iterable among the pool's workers and returns a list in the order of
the INPUT, whatever order the workers finish in. apply() sends ONE call to ONE worker
and blocks the parent until that call returns.
"""
import argparse
import os
import time
from multiprocessing import Pool


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
    print(f"apply returned {result} from worker {pid}")
    print(f"apply blocked the parent for {waited:.1f} s")
# endregion


def main(items, step, only):
    with Pool(processes=items) as pool:   # one worker per item, so all start at once
        if only in (None, "map"):
            show_map(pool, items, step)
        if only in (None, "apply"):
            show_apply(pool)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=4, help="items (and workers)")
    parser.add_argument("--step", type=float, default=0.15,
                        help="seconds of sleep per place from the end of the list")
    parser.add_argument("--only", choices=["map", "apply"], help="run one part only")
    args = parser.parse_args()
    main(args.items, args.step, args.only)
