"""Prints the default start method, whether it was set, and how a child was started; with
"set" it first calls multiprocessing.set_start_method(ARG) itself."""

import multiprocessing
import os
import sys


def child(queue):
    queue.put(("child", multiprocessing.get_start_method(), os.getpid()))


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "set":
        multiprocessing.set_start_method(sys.argv[2])
    print("set", multiprocessing.get_start_method(allow_none=True))
    print("default", multiprocessing.get_start_method())
    print("hidden", "MPQUIZ_START_METHOD" not in os.environ)
    queue = multiprocessing.Queue()
    process = multiprocessing.Process(target=child, args=(queue,))
    process.start()
    name, method, _pid = queue.get()
    process.join()
    print("started", type(process._popen).method, name, method, process.exitcode)
