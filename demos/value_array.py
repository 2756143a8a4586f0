"""Value and Array: memory that parent and children really share.

Each process has its own memory, so a child that changes an ordinary list
only changes ITS copy. Value (one number) and Array (a fixed-size row of
numbers) live in shared memory instead: what a child writes, the parent reads.
The typecode says what they hold: 'i' = C int, 'd' = C double (a float).
"""
import argparse
from multiprocessing import Array, Process, Value


# region: shared
def child(i, squares, halves, total, plain):
    squares[i] = i * i                 # each child writes its own slot
    halves[i] = i / 2
    with total.get_lock():             # += is read-then-write: lock it
        total.value += i / 2
    plain[i] = 99                      # changes this child's copy only


def main(n):
    squares = Array("i", n)            # n ints, zero-filled
    halves = Array("d", n)             # n doubles, zero-filled
    total = Value("d", 0.0)            # one double
    plain = [0] * n                    # an ordinary list, NOT shared
    print(f"before: squares={squares[:]} halves={halves[:]}")
    procs = [Process(target=child, args=(i, squares, halves, total, plain))
             for i in range(n)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    print(f"after: squares={squares[:]} halves={halves[:]}")
    print(f"total: {total.value}")
    print(f"plain list: {plain}")
# endregion


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=4, help="number of children")
    main(parser.parse_args().n)
