"""Hangs: the main process joins a child that is still putting a large result on a Queue
(the child cannot exit before its feeder thread has flushed it, and nobody gets it)."""

import multiprocessing


def produce(results):
    results.put(b"x" * 1_000_000)  # more than a pipe holds


if __name__ == "__main__":
    results = multiprocessing.Queue()
    child = multiprocessing.Process(target=produce, args=(results,))
    child.start()
    child.join()  # BLOCK main
    print(len(results.get()))
