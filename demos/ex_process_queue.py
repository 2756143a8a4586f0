"""Final exercise, step 2: the sequential loop again, for Process objects and a Queue.

Each task is CPU-bound pure-Python arithmetic and needs nothing from the others, so
several processes could do them at the same time. This version still does them one
after another, in one process: it is also the reference that mpquiz compares your
parallel version with (the same lines, in less time).

It prints only results, never times: the output must be the same however the work is
shared out, and mpquiz measures the time itself.

    python ex_process_queue.py
    python ex_process_queue.py --tasks 8 --size 2000000
"""
import argparse


def work(n):
    # One task: pure-Python arithmetic, no I/O. It is defined at the top level of the
    # module, so that worker processes could find it by name.
    total = 0
    for i in range(n):
        total += i * i
    return total


def main(n_tasks, size):
    # Slightly different sizes give different results: comparing the lines also
    # checks that each result is printed next to its own task.
    tasks = [size + i for i in range(n_tasks)]
    results = [work(n) for n in tasks]     # one task after another, on one core
    for n, result in zip(tasks, results, strict=True):
        print(f"work({n}) = {result}")
    print(f"total: {sum(results)}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="CPU-bound tasks, one after another.")
    parser.add_argument("--tasks", type=int, default=8, help="how many tasks")
    parser.add_argument("--size", type=int, default=4_000_000, help="steps per task")
    args = parser.parse_args()
    main(args.tasks, args.size)
