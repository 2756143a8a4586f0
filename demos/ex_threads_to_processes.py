"""Exercise: CPU-bound work in two threads, and only one core at work.

Two threads each sum the squares of a range of numbers: pure-Python arithmetic
that never waits for anything. Threads share one interpreter, and (in a Python with
a GIL, as usual) only one of them runs Python code at a time: they take turns, so two
threads take about as long as one thread doing both halves.

Do the same with two processes instead. Each process has its own interpreter and its
own GIL, so both halves can run on two cores at once. Processes do not share the
list `sums`: send each result back to the parent instead.

    python ex_threads_to_processes.py
    python ex_threads_to_processes.py --size 10000000
"""
import argparse
import threading


def partial_sum(start, stop):
    total = 0
    for i in range(start, stop):
        total += i * i
    return total


def half(part, start, stop, sums):
    sums[part] = partial_sum(start, stop)  # a thread's write: the others see it


def main(size):
    mid = size // 2
    sums = [0, 0]                          # one slot per thread, shared by all of them
    threads = [threading.Thread(target=half, args=(0, 0, mid, sums)),
               threading.Thread(target=half, args=(1, mid, size, sums))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(f"first half: {sums[0]}")
    print(f"second half: {sums[1]}")
    print(f"sum of squares below {size}: {sums[0] + sums[1]}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="CPU-bound work: threads or processes?")
    parser.add_argument("--size", type=int, default=32_000_000,
                        help="sum the squares of 0 .. size-1")
    args = parser.parse_args()
    main(args.size)
