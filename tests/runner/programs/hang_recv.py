"""Hangs: both ends of a Pipe wait in recv() for a message the other never sends."""

import multiprocessing


def answer(conn):
    print("child waits", flush=True)
    conn.recv()  # BLOCK child


if __name__ == "__main__":
    here, there = multiprocessing.Pipe()
    child = multiprocessing.Process(target=answer, args=(there,))
    child.start()
    print("main waits", flush=True)
    print(here.recv())  # BLOCK main
    child.join()
