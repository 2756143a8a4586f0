"""Exercise: results that could be shown as they finish, shown all at the end.

Task 0 is slow (1 s), tasks 1 to 5 are quick (0.1 s each). Pool.map waits for all
the results and returns them in the order of the tasks, so nothing can be printed
until the slow task is done, and then its line comes first. With 2 workers, one of
them finishes every quick task while the other is still on the slow one: their
results could have been printed long before.

Print each result as soon as a worker returns it, with imap_unordered().

    python ex_as_they_finish.py
"""
import time
from multiprocessing import Pool

DURATIONS = [1.0, 0.1, 0.1, 0.1, 0.1, 0.1]   # seconds of "work" for tasks 0 .. 5


def task(i):
    time.sleep(DURATIONS[i])                  # stands in for real work
    return i, i * 10


# region: results
def show_results(pool, start):
    """Print each result with the time it arrived; return the values."""
    values = []
    for i, value in pool.map(task, range(len(DURATIONS))):
        print(f"result {i}: {value} after {time.perf_counter() - start:.1f} s")
        values.append(value)
    return values
# endregion


if __name__ == "__main__":
    with Pool(processes=2) as pool:
        # Pool() returns before its workers are up (spawn takes a while): one short
        # call each first, so that the times below measure only the tasks.
        pool.map(time.sleep, [0.05, 0.05])
        start = time.perf_counter()
        values = show_results(pool, start)
        print(f"all done after {time.perf_counter() - start:.1f} s")
    print(f"results: {len(values)}, total: {sum(values)}")
