"""Four processes print 200 short lines each, all at the same time, under the start method
given in argv[1] (default: the platform's)."""

import multiprocessing as mp
import sys


def chatter(worker: int) -> None:
    for number in range(200):
        print(f"worker {worker} line {number}")


if __name__ == "__main__":
    context = mp.get_context(sys.argv[1] if len(sys.argv) > 1 else None)
    workers = [context.Process(target=chatter, args=(worker,)) for worker in range(4)]
    for process in workers:
        process.start()
    for process in workers:
        process.join()
