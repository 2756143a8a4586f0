"""Starts 300 threads and then 150 forked children, one after another, so that the main
process has more to record than its timeline budget allows; prints one line."""

import multiprocessing as mp
import threading

for _ in range(300):
    thread = threading.Thread(target=int)
    thread.start()
    thread.join()
context = mp.get_context("fork")
for _ in range(150):
    child = context.Process(target=int)
    child.start()
    child.join()
print("lived")
