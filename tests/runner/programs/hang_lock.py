"""Hangs: the main process holds a Lock while it joins a child that needs it."""

import multiprocessing


def work(lock):
    with lock:  # BLOCK child
        print("never")


if __name__ == "__main__":
    lock = multiprocessing.Lock()
    lock.acquire()
    child = multiprocessing.Process(target=work, args=(lock,))
    child.start()
    child.join()  # BLOCK main
    lock.release()
