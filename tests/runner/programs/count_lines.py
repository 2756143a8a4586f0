"""Prints argv[1] numbered lines (default 50), pausing a little every 10."""

import sys
import time

count = int(sys.argv[1]) if len(sys.argv) > 1 else 50
for number in range(count):
    print(f"line {number}")
    if number % 10 == 9:
        time.sleep(0.02)
