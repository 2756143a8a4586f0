"""Each process has its own memory: what a child changes, the parent never sees.

The children run one after another (start, then join), so each child starts only
after the previous one has finished: even so, no child sees another's changes.
With --threads the same function runs in threads instead: threads live inside the
parent's process and share its memory, so every change is seen by everyone.

    python separate_memory.py                           # one child process
    python separate_memory.py --children 3              # three, one after another
    python separate_memory.py --threads --children 2    # two threads instead
    python separate_memory.py --both                    # a process, then a thread
"""

import argparse
import multiprocessing as mp
import threading

# region: memory
counter = 0  # a global variable; the parent itself never changes it


def work(name, items):
    global counter
    counter += 1  # changes the global of the process this runs in
    items.append(name)  # changes the list of the process this runs in
    print(f"{name}: counter={counter} items={items}")


def main(children, threads):
    worker, label = (threading.Thread, "thread") if threads else (mp.Process, "child")
    items = ["parent"]
    print(f"parent before: counter={counter} items={items}")
    for number in range(1, children + 1):
        w = worker(target=work, args=(f"{label} {number}", items))
        w.start()
        w.join()  # one at a time, so the output order is fixed
    print(f"parent after: counter={counter} items={items}")


# endregion


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="A child's changes stay in the child.")
    parser.add_argument("--children", type=int, default=1, help="how many workers to run")
    parser.add_argument("--threads", action="store_true", help="use threads, not processes")
    parser.add_argument("--both", action="store_true", help="processes first, then threads")
    args = parser.parse_args()
    if args.both:
        print("== processes ==")
        main(args.children, threads=False)
        print("== threads ==")
        main(args.children, threads=True)
    else:
        main(args.children, args.threads)
