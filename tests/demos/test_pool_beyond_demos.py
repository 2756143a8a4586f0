"""The pool and beyond demos prove what their questions claim.

Each demo runs through mpquiz's runner (see demo_support), and each also runs under spawn,
the default on macOS and Windows, since a demo must teach the same thing under every start
method. Timing claims are one-sided on purpose ("blocked at least 0.25 s", "returned
before any task could finish"), so that a busy machine cannot make them fail. Whether the
questions' keys fit the real output is checked by test_course_pack.py and by
tests/session/test_keycheck.py.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import subprocess
import sys
import sysconfig

import pytest

from tests.demos.demo_support import START_METHODS, lines, output, run, seconds, value

pytestmark = pytest.mark.slow

PAUSE = 0.3
"""Seconds each call of pool_async.py's and pool_map_apply.py's apply sleeps."""


# --- pool_map_apply.py ----------------------------------------------------------------


def test_map_returns_input_order_although_the_items_finish_in_reverse() -> None:
    out = output("pool_map_apply.py", "--only", "map")
    assert value(out, "finish order:") == "3 2 1 0"
    assert value(out, "map result:") == "[0, 1, 4, 9]"
    assert value(out, "in input order:") == "True"
    parent = value(out, "parent pid")
    workers = re.findall(r"^item \d -> \d+ by worker (\d+)$", out, re.M)
    assert len(workers) == 4 and parent not in workers


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="needs sched_setaffinity")
def test_map_keeps_input_order_on_one_core_under_spawn() -> None:
    out = output("pool_map_apply.py", "--only", "map", method="spawn", one_core=True)
    assert value(out, "finish order:") == "3 2 1 0"
    assert value(out, "map result:") == "[0, 1, 4, 9]"
    assert value(out, "in input order:") == "True"


def test_apply_blocks_the_parent_and_runs_in_a_worker() -> None:
    out = output("pool_map_apply.py")
    assert seconds(value(out, "apply blocked the parent for")) >= PAUSE - 0.05
    worker = re.search(r"^apply returned 49 from worker (\d+), not the parent: True$", out, re.M)
    assert worker and worker[1] != value(out, "parent pid")


@pytest.mark.parametrize("method", [None, "spawn"])
def test_imap_unordered_hands_the_results_over_as_they_finish(method: str | None) -> None:
    out = output("pool_map_apply.py", "--only", "unordered", method=method)
    assert lines(out) == [
        "imap_unordered gave the items in this order: 3 2 1 0",
        "in finishing order: True",
        "in input order: False",
    ]


@pytest.mark.parametrize("method", [None, "spawn"])
def test_chunksize_sends_the_items_in_batches_and_map_keeps_input_order(
    method: str | None,
) -> None:
    assert lines(output("pool_map_apply.py", "--only", "chunks", method=method)) == [
        "chunksize=2: 2 workers got the items in batches: [0, 1] [2, 3]",
        "map result: [0, 1, 4, 9]",
        "in input order: True",
    ]


# --- pool_async.py --------------------------------------------------------------------


def test_map_async_returns_at_once_and_get_with_a_timeout_does_not_wait() -> None:
    out = output("pool_async.py", "--only", "map_async")
    assert seconds(value(out, "map_async returned a MapResult")) < PAUSE  # before any task
    assert value(out, "ready at once?") == "False"
    assert "get(timeout=0.05) raised TimeoutError: not done yet" in lines(out)
    got = value(out, "get() ->")
    assert got.startswith("[0, 1, 4, 9] after")
    assert seconds(got) >= 2 * PAUSE - 0.05  # 2 workers, 4 calls: two rounds
    assert value(out, "ready now?") == "True"


def test_apply_blocks_where_apply_async_returns_at_once() -> None:
    out = output("pool_async.py", "--only", "apply")
    assert value(out, "apply_async returned").startswith("an ApplyResult after")
    assert seconds(value(out, "apply_async returned")) < PAUSE
    assert seconds(value(out, "apply returned 64")) >= PAUSE - 0.05
    assert value(out, "apply_async get() ->") == "49"


def test_get_raises_the_workers_exception_in_the_parent() -> None:
    assert lines(output("pool_async.py", "--only", "error")) == [
        "get() re-raised the worker's ValueError: negative input -1",
        "successful()? False",
    ]


# --- process_pool_executor.py ---------------------------------------------------------


def test_as_completed_follows_the_finishing_order_and_executor_map_the_input() -> None:
    out = output("process_pool_executor.py", "--only", "executor")
    assert value(out, "as_completed order:") == "3 2 1 0"
    assert value(out, "map result:") == "[0, 1, 4, 9]"
    assert value(out, "submit returned a") == "Future, result() -> 49"


def test_leaving_with_pool_terminates_while_leaving_the_executor_waits() -> None:
    out = output("process_pool_executor.py", "--only", "exit")
    assert value(out, "Pool: task done after the with block?") == "False"
    assert value(out, "Pool: still no result") == "0.24 s later: the task was lost"
    assert value(out, "Executor: task done after the with block?") == "True"


@pytest.mark.parametrize("method", [m for m in START_METHODS if m != "fork"])
def test_as_completed_order_holds_however_slowly_the_workers_start(method: str) -> None:
    # The workers wait for each other at a start line, so start-up cannot reorder them.
    out = output("process_pool_executor.py", "--only", "executor", method=method)
    assert value(out, "as_completed order:") == "3 2 1 0"


# --- start_methods.py and main_guard_spawn.py -----------------------------------------


def default_start_method() -> str:
    """This Python's default start method, asked in a fresh interpreter."""
    code = "import multiprocessing as m; print(m.get_start_method())"
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    return found.stdout.strip()


def test_start_methods_names_the_default_and_times_each_available_one() -> None:
    out = output("start_methods.py")
    assert value(out, "default start method:") == default_start_method()
    available = value(out, "available:").split(", ")
    assert set(available) == set(multiprocessing.get_all_start_methods())
    later = {}
    for method in available:
        found = re.search(rf"^{method}: first child \d+\.\d ms, then (\d+\.\d) ms$", out, re.M)
        assert found, out
        later[method] = float(found[1])
    cheapest = value(out, "a later child, cheapest first:").split(" (")[0].split(" < ")
    assert sorted(cheapest) == sorted(available), out
    assert [later[m] for m in cheapest] == sorted(later[m] for m in cheapest), out


@pytest.mark.parametrize("method", [None, *START_METHODS])
def test_the_rule_of_default_start_methods_matches_a_fresh_python(method: str | None) -> None:
    # A fresh interpreter is asked, so a program that set its own method changes nothing.
    out = output("start_methods.py", "--rule", method=method)
    assert value(out, "default start method:") == default_start_method()
    assert value(out, "the rule for python").endswith("this python agrees: True"), out


def test_a_forked_child_sees_the_parents_change_and_a_spawned_one_does_not() -> None:
    out = output("start_methods.py")
    sees = {
        "fork": "changed by the parent",
        "spawn": "as written in the file",
        "forkserver": "as written in the file",
    }
    for method in value(out, "available:").split(", "):
        assert value(out, f"{method}: child sees MARK =") == repr(sees[method])


def test_without_the_guard_the_spawned_child_fails_to_start_a_process_and_exits_1() -> None:
    out = lines(output("main_guard_spawn.py", "--no-guard"))
    assert out[:2] == [
        "top level runs in MainProcess, __name__ = __main__",
        "top level runs in Child, __name__ = __mp_main__",
    ]
    assert "RuntimeError:" in out and "work() runs in Child" not in out
    assert any("An attempt has been made to start a new process before the" in x for x in out)
    assert out[-1] == "back in MainProcess, child exit code 1"


def test_a_spawned_child_runs_the_modules_top_level_again_but_not_the_guarded_block() -> None:
    assert lines(output("main_guard_spawn.py")) == [
        "top level runs in MainProcess, __name__ = __main__",
        "top level runs in Child, __name__ = __mp_main__",
        "work() runs in Child",
        "back in MainProcess, child exit code 0",
    ]


# --- pool_lambda_pickling.py ----------------------------------------------------------


def test_a_lambda_cannot_be_pickled_for_the_workers_and_a_function_can() -> None:
    out = output("pool_lambda_pickling.py")
    assert value(out, "lambda failed:") == "PicklingError"
    assert "<lambda>" in value(out, "message:")
    assert value(out, "function works:") == "[0, 1, 4, 9, 16]"
    assert value(out, "it holds the names __main__ and square:") == "True"


@pytest.mark.parametrize("method", [None, "spawn"])
def test_a_partial_of_a_builtin_travels_and_a_local_function_does_not(method: str | None):
    out = output("pool_lambda_pickling.py", "--fixes", method=method)
    assert value(out, "functools.partial(pow, exp=2) works:") == "[0, 1, 4, 9, 16]"
    assert value(out, "a function defined inside another failed:") in (
        "AttributeError",  # up to Python 3.13
        "PicklingError",  # from 3.14
    )


# --- queue_join_deadlock.py -----------------------------------------------------------


def test_the_queue_join_deadlock_shows_and_the_demo_ends_by_itself() -> None:
    result = run("queue_join_deadlock.py", timeout=10)  # run() demands a clean exit 0
    out = result.output
    assert value(out, "1000 chars:").endswith("child alive: False")
    big = value(out, "1000000 chars:")
    assert big.endswith("child alive: True") and seconds(big) >= 0.95
    assert "deadlock: the child waits for us to read, we wait for it to exit" in lines(out)
    assert value(out, "got 1000000 chars, then join() returned:") == "exit code 0"
    assert result.duration < 5


def test_items_that_fit_the_pipe_do_not_deadlock() -> None:
    out = output("queue_join_deadlock.py", "--big", "10000")
    assert value(out, "10000 chars:").endswith("child alive: False")
    assert "deadlock: the child waits for us to read" not in out
    assert value(out, "(no deadlock this time:").startswith("10000 chars fit")


# --- free_threading.py ----------------------------------------------------------------


def test_free_threading_reports_this_interpreter_and_its_busy_cores_honestly() -> None:
    out = output("free_threading.py")
    build = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))
    gil_on = sys._is_gil_enabled() if hasattr(sys, "_is_gil_enabled") else True
    # Each answer says where it comes from: sysconfig for the build, sys for the GIL now.
    assert value(out, "free-threaded build:").startswith(f"{build} (sysconfig Py_GIL_DISABLED: ")
    assert value(out, "GIL enabled now:").startswith(f"{gil_on} (")
    busy = [float(b) for b in re.findall(r"busy cores (\d+\.\d)", out)]
    assert len(busy) == 3  # serial, threads, processes
    if gil_on:  # CPU time over time spanned: with the GIL one thread at a time runs Python
        assert busy[1] <= 1.2
        assert (
            value(out, "threads ran in parallel:") == "False (the GIL is on: one thread at a time)"
        )
    # One measure, busy cores, decides what the demo says: never two answers in one run.
    parallel = value(out, "processes ran in parallel:")
    assert parallel == (
        "True" if busy[2] >= 1.5 else "False (not this time: one core, or a busy machine)"
    )


# --- every demo of this part under spawn ----------------------------------------------


@pytest.mark.parametrize(
    ("demo", "args", "proof"),
    [
        ("pool_map_apply.py", (), "in input order: True"),
        ("pool_async.py", (), "ready at once? False"),
        ("process_pool_executor.py", (), "Pool: task done after the with block? False"),
        ("start_methods.py", (), "spawn: child sees MARK = 'as written in the file'"),
        ("main_guard_spawn.py", (), "top level runs in Child, __name__ = __mp_main__"),
        ("pool_lambda_pickling.py", (), "function works: [0, 1, 4, 9, 16]"),
        ("queue_join_deadlock.py", (), "deadlock: the child waits for us to read, we wait"),
        ("free_threading.py", ("--n", "200000"), "GIL enabled now:"),
    ],
)
def test_the_demo_makes_its_point_under_spawn(demo: str, args: tuple[str, ...], proof: str):
    assert proof in output(demo, *args, method="spawn")
