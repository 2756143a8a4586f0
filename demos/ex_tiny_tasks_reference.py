"""Final exercise, step 3: the reference, the same tiny tasks in a plain loop.

No Pool, no messages, no pickling: one process does the 60 000 tasks one after
another. mpquiz times ex_tiny_tasks.py against this program.

    python ex_tiny_tasks_reference.py
"""
import argparse


def work(n):
    total = 0
    for i in range(n):
        total += i * i
    return total


def main(n_tasks, size):
    tasks = [size + i % 10 for i in range(n_tasks)]
    results = [work(n) for n in tasks]
    print(f"tasks: {len(results)}")
    print(f"total: {sum(results)}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Many tiny tasks, one after another.")
    parser.add_argument("--tasks", type=int, default=60_000, help="how many tasks")
    parser.add_argument("--size", type=int, default=500, help="steps per task")
    parser.add_argument("--workers", type=int, default=0, help="ignored: there are none")
    args = parser.parse_args()
    main(args.tasks, args.size)
