"""A task whose return value cannot be pickled: what the parent gets back, and where.

A worker sends each result to the parent pickled. A lambda cannot be pickled (pickle
sends a function as its module and name, and "<lambda>" is no name it can look up),
nor can a Lock (it can only reach another process by inheritance). The task itself
ran fine; sending its result fails, in the worker. multiprocessing.Pool catches that
failure and sends back a MaybeEncodingError instead, which get() raises in the parent;
the worker carries on. ProcessPoolExecutor sends back the pickling error itself, which
result() raises.
"""
import argparse
import os
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import Lock, Pool
from multiprocessing.pool import MaybeEncodingError

# region: results
ONE = lambda: 1                        # a lambda: only this variable names it


def give_lambda():
    return ONE


def give_lock():
    return Lock()


def give_pid():
    return os.getpid()


def name_of(exc):
    """The exception's class; for a MaybeEncodingError, also the error it holds as text."""
    if isinstance(exc, MaybeEncodingError):
        return f"MaybeEncodingError (reason: {exc.exc.split('(')[0]})"  # exc.exc: repr(error)
    return type(exc).__name__


def with_pool():
    with Pool(processes=1) as pool:
        before = pool.apply(give_pid)
        for label, task in [("a lambda", give_lambda), ("a Lock", give_lock)]:
            pending = pool.apply_async(task)   # returns at once: nothing has failed yet
            try:
                pending.get(timeout=5)
            except Exception as exc:
                print(f"Pool, {label}: get() raised {name_of(exc)}")
        print("Pool: the same worker goes on:", pool.apply(give_pid) == before)


def with_executor():
    with ProcessPoolExecutor(max_workers=1) as ex:
        for label, task in [("a lambda", give_lambda), ("a Lock", give_lock)]:
            future = ex.submit(task)           # returns at once: nothing has failed yet
            try:
                future.result(timeout=5)
            except Exception as exc:
                print(f"Executor, {label}: result() raised {name_of(exc)}")
# endregion


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", choices=["pool", "executor"], help="run one part only")
    only = parser.parse_args().only
    if only in (None, "pool"):
        with_pool()
    if only in (None, "executor"):
        with_executor()
