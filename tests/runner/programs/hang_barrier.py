"""Hangs: a Barrier for three parties that only two processes ever reach."""

import multiprocessing


def meet(barrier):
    barrier.wait()  # BLOCK child


if __name__ == "__main__":
    barrier = multiprocessing.Barrier(3)
    child = multiprocessing.Process(target=meet, args=(barrier,))
    child.start()
    barrier.wait()  # BLOCK main
    child.join()
