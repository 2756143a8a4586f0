"""Value and Array: memory that parent and children really share.

Each process has its own memory, so a child that changes an ordinary list
only changes ITS copy. Value (one number) and Array (a fixed-size row of
numbers) live in shared memory instead: what a child writes, the parent reads.
The typecode says what they hold: 'i' = C int, 'd' = C double (a float).

    python value_array.py                  # children write, the parent reads
    python value_array.py --types          # ... and what the typecodes really hold
    python value_array.py --two-values     # ... and two values kept in step by one Lock
"""
import argparse
import ctypes
import time
from multiprocessing import Array, Lock, Process, Value


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


def show_typecodes():
    whole = Value("i", 2**31 - 1)      # the largest 32-bit C int
    whole.value += 1                   # no error: a C int wraps around
    real = Value("d", 0.1)
    real.value += 0.2                  # binary floating point, like a Python float
    for code, v, sum_shown in (("i", whole, "2147483647 + 1"), ("d", real, "0.1 + 0.2")):
        c_type = type(v.get_obj())     # the ctypes object inside the Value
        print(f"typecode {code!r}: {c_type.__name__}, {ctypes.sizeof(c_type)} bytes; "
              f"{sum_shown} is stored as {v.value!r}")


# region: two-values
GAP = 0.02  # seconds between the two updates: where a reader can look


def write_both(i, results, count, lock, one_lock):
    if one_lock:
        with lock:                     # ONE lock around both updates
            results[i] = 1
            time.sleep(GAP)
            count.value += 1
    else:
        with results.get_lock():       # each update under its own lock
            results[i] = 1
        time.sleep(GAP)
        with count.get_lock():
            count.value += 1


def read_both(results, count, lock, one_lock):
    if one_lock:
        with lock:
            return sum(results[:]), count.value
    with results.get_lock(), count.get_lock():  # even holding both locks at once
        return sum(results[:]), count.value


def out_of_step(n, one_lock):
    """How often a reader saw a result written but not yet counted (or the reverse)."""
    results, count, lock = Array("i", n), Value("i", 0), Lock()
    procs = [Process(target=write_both, args=(i, results, count, lock, one_lock))
             for i in range(n)]
    for p in procs:
        p.start()
    looks = seen = 0
    while any(p.is_alive() for p in procs):
        written, counted = read_both(results, count, lock, one_lock)
        looks += 1
        seen += written != counted
    for p in procs:
        p.join()
    return seen, looks
# endregion


def show_two_values(n):
    for one_lock, label in ((True, "one Lock around both updates"),
                            (False, "each update under its own get_lock()")):
        seen, looks = out_of_step(n, one_lock)
        print(f"{label}: a reader saw them out of step {seen} times in {looks} looks")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=4, help="number of children")
    parser.add_argument("--types", action="store_true", help="also show what 'i' and 'd' hold")
    parser.add_argument("--two-values", action="store_true",
                        help="also keep an Array and a Value in step, with one lock and two")
    args = parser.parse_args()
    main(args.n)
    if args.types:
        show_typecodes()
    if args.two_values:
        show_two_values(args.n)
