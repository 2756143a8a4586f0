"""Prints a line, sleeps 0.3 s, prints another."""

import time

print("first", flush=True)
time.sleep(0.3)
print("second", flush=True)
