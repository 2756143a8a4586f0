"""The Pool demos beyond map and apply prove what their questions claim.

imap and imap_unordered against map (pool_imap.py), starmap (pool_starmap.py), what
chunksize costs (pool_chunksize.py), close() against terminate() (pool_close_terminate.py),
a worker that dies (pool_worker_dies.py), a result that cannot be pickled
(pool_unpicklable_result.py) and which `except` catches get()'s timeout (pool_async.py).
Each runs through mpquiz's runner (see demo_support); the points a start method could
change also run under spawn. Timing claims are one-sided, so that a busy machine cannot
make them fail; the keys themselves are checked against real output by
test_course_pack.py and tests/session/test_keycheck.py.
"""

from __future__ import annotations

import re

import pytest

from tests.demos.demo_support import lines, output, value

pytestmark = pytest.mark.slow


# --- pool_imap.py ---------------------------------------------------------------------

ARRIVALS = {
    "map": ["map gave: 0->0 1->1 2->4 3->9", "1", "0 2 3"],
    "imap": ["imap gave: 0->0 1->1 2->4 3->9", "0 1", "2 3"],
    "imap_unordered": ["imap_unordered gave: 3->9 2->4 0->0 1->1", "3 2 0 1", "none"],
}
"""What each method hands over, in which order, and which items waited for another."""


@pytest.mark.parametrize("method", ARRIVALS)
def test_each_method_hands_the_results_over_when_its_rule_says(method: str) -> None:
    gave, on_time, held = ARRIVALS[method]
    assert lines(output("pool_imap.py", "--only", method)) == [
        gave,
        f"handed over as soon as done: {on_time}",
        f"held back, waiting for another item: {held}",
    ]


def test_imap_keeps_input_order_under_spawn_on_one_core() -> None:
    out = output("pool_imap.py", "--only", "imap", method="spawn", one_core=True)
    assert value(out, "imap gave:") == "0->0 1->1 2->4 3->9"
    assert value(out, "held back, waiting for another item:") == "2 3"


# --- pool_starmap.py ------------------------------------------------------------------


def test_starmap_unpacks_the_tuples_and_map_passes_each_one_whole() -> None:
    assert lines(output("pool_starmap.py")) == [
        "pairs: [(2, 3), (3, 2), (4, 1)]",
        "starmap: [8, 9, 4]",
        "map raised TypeError: power() missing 1 required positional argument: 'exp'",
        "it carries the worker's traceback: RemoteTraceback",
    ]


# --- pool_chunksize.py ----------------------------------------------------------------


def test_chunksize_sets_the_task_messages_and_one_per_item_is_slowest() -> None:
    out = output("pool_chunksize.py")
    counts = dict(re.findall(r"^(.+): (\d+) task messages, \d+\.\d+ s$", out, re.M))
    assert counts == {
        "map, chunksize=1": "10000",
        "map, chunksize=500": "20",
        "map, no chunksize": "8",  # ceil(10000 / (4 * 2)) = 1250 items a message
        "imap, no chunksize": "10000",  # imap's default chunksize is 1
    }
    assert value(out, "same results every time:") == "True"
    ratio = re.search(r"^chunksize=1 took (\d+) times as long as chunksize=500$", out, re.M)
    assert ratio and int(ratio[1]) >= 2, out


def test_chunksize_counts_the_messages_it_is_given() -> None:
    out = output("pool_chunksize.py", "--items", "300", "--workers", "3", "--chunksize", "7")
    assert value(out, "map, chunksize=7:").startswith("43 task messages")  # ceil(300 / 7)
    assert value(out, "map, no chunksize:").startswith("12 task messages")  # 25 items each


# --- pool_close_terminate.py ----------------------------------------------------------


@pytest.mark.parametrize("method", [None, "spawn"])
def test_join_on_a_running_pool_raises_and_after_close_it_returns(method: str | None) -> None:
    assert lines(output("pool_close_terminate.py", "--only", "join", method=method)) == [
        "join() on a running pool raised ValueError: Pool is still running",
        "close() then join(): returned",
    ]


def test_close_lets_the_queued_tasks_finish_and_terminate_loses_them() -> None:
    assert lines(output("pool_close_terminate.py", "--only", "stop")) == [
        "close(), join(): finished 0 1 2 3, lost none",
        "apply_async() after close() raised ValueError: Pool not running",
        "terminate() after 0.30 s, join(): finished 0 1, lost 2 3",
    ]


# --- pool_worker_dies.py --------------------------------------------------------------


@pytest.mark.parametrize("method", [None, "spawn"])
def test_a_dead_worker_loses_its_task_in_a_pool_and_breaks_an_executor(
    method: str | None,
) -> None:
    assert lines(output("pool_worker_dies.py", "--wait", "0.3", method=method)) == [
        "Pool: task 0 -> 0",
        "Pool: task 1 -> no result after 0.3 s (TimeoutError)",
        "Pool: task 2 -> 4",
        "Pool: task 3 -> 9",
        "Pool: worker processes that returned results: 2",  # a new worker took over
        "Executor: task 0 -> 0",
        "Executor: task 1 -> BrokenProcessPool",
        "Executor: task 2 -> BrokenProcessPool",
        "Executor: task 3 -> BrokenProcessPool",
        "Executor: a new submit() -> BrokenProcessPool",
    ]


# --- pool_unpicklable_result.py -------------------------------------------------------


def test_a_result_pickle_refuses_comes_back_as_an_error_and_the_worker_lives() -> None:
    # Its key is proved under spawn and forkserver too, by test_course_pack.py.
    assert lines(output("pool_unpicklable_result.py")) == [
        "Pool, a lambda: get() raised MaybeEncodingError (reason: PicklingError)",
        "Pool, a Lock: get() raised MaybeEncodingError (reason: RuntimeError)",
        "Pool: the same worker goes on: True",
        "Executor, a lambda: result() raised PicklingError",
        "Executor, a Lock: result() raised RuntimeError",
    ]


# --- pool_async.py --only except ------------------------------------------------------


def test_only_multiprocessing_names_catch_the_timeout_of_get() -> None:
    assert lines(output("pool_async.py", "--only", "except")) == [
        "except TimeoutError: missed it, multiprocessing.context.TimeoutError went past",
        "except concurrent.futures.TimeoutError: missed it, "
        "multiprocessing.context.TimeoutError went past",
        "except OSError: missed it, multiprocessing.context.TimeoutError went past",
        "except multiprocessing.TimeoutError: caught it",
        "except multiprocessing.ProcessError: caught it",
        "the built-in TimeoutError is concurrent.futures.TimeoutError: True",
    ]
