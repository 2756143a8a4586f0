"""The Event, Semaphore, Barrier, Condition, Manager and shared_memory demos prove what
their questions claim.

Each demo runs through mpquiz's runner (see demo_support), several of them under spawn
too, where every Semaphore, Barrier, Condition and proxy must travel to the child (the
predict keys are proved under spawn and forkserver by test_course_pack.py).
The claims about timing are one-sided (a peak never above the limit, a run never faster
than its turns allow, the Value at least ten times faster than a proxy), so they hold on
a busy machine. Whether the questions' keys fit the real output is checked by
test_course_pack.py and by tests/session/test_keycheck.py.
"""

from __future__ import annotations

import re

import pytest

from tests.demos.demo_support import lines, output, seconds, value

pytestmark = pytest.mark.slow


# --- Event ----------------------------------------------------------------------------


def test_no_waiter_passes_before_set_and_every_one_after_it() -> None:
    assert lines(output("event_wait.py", "--waiters", "4")) == [
        "waiters that reached wait(): 4 of 4",
        "after 0.2 s without set(): 0 of 4 passed wait()",
        "the parent calls set()",
        "after set(): 4 of 4 passed wait()",
    ]


def test_an_event_wait_times_out_with_false_stays_set_and_clears() -> None:
    out = output("event_wait.py", "--waiters", "1", "--pause", "0.1", "--more")
    timed_out = value(out, "wait(timeout=0.1) before set():")
    assert timed_out.startswith("returned False after ") and seconds(timed_out) >= 0.09, out
    at_once = value(out, "wait() after set():")
    assert at_once.startswith("returned True after ") and seconds(at_once) < 0.05, out
    assert value(out, "is_set() after set():") == "True"
    assert value(out, "is_set() after clear():") == "False"
    assert value(out, "wait(timeout=0.1) after clear():") == "returned False"


# --- Semaphore ------------------------------------------------------------------------

PEAK = re.compile(r"^most workers inside at once: (\d+)$")


def peak_and_time(out: str) -> tuple[int, float]:
    peaks = [int(m[1]) for line in lines(out) if (m := PEAK.match(line))]
    assert len(peaks) == 1, out
    return peaks[0], seconds(value(out, "took"))


@pytest.mark.parametrize(
    ("limit", "workers", "method"), [(2, 6, None), (3, 7, None), (1, 3, None), (2, 4, "spawn")]
)
def test_a_semaphore_never_lets_more_than_n_in(
    limit: int, workers: int, method: str | None
) -> None:
    sizes = ("--limit", str(limit), "--workers", str(workers), "--hold", "0.05")
    out = output("semaphore_peak.py", *sizes, method=method)
    peak, took = peak_and_time(out)
    assert peak <= limit, out
    # Never more than `limit` at once: the workers need at least this many turns.
    turns = -(-workers // limit)
    assert took >= turns * 0.05 - 0.005, out
    assert peak == limit or "the limit was not reached this time" in out, out


def test_one_release_too_many_raises_a_semaphores_limit_and_a_bounded_one_refuses() -> None:
    out = output("semaphore_peak.py", "--workers", "4", "--hold", "0.05", "--extra-release")
    extra = value(out, "Semaphore(2) after one release() too many: most workers inside at once:")
    assert int(extra) == 3, out
    assert value(out, "BoundedSemaphore(2), one release() too many ->") == (
        "ValueError: semaphore or lock released too many times"
    )


# --- Barrier --------------------------------------------------------------------------


@pytest.mark.parametrize("method", [None, "spawn"])
def test_nobody_passes_a_barrier_before_the_last_one_arrives(method: str | None) -> None:
    out = lines(output("barrier_wait.py", "--workers", "4", "--stagger", "0.05", method=method))
    arrives = [i for i, line in enumerate(out) if line.endswith(" arrives")]
    passes = [i for i, line in enumerate(out) if " passes: " in line]
    assert sorted(out[i] for i in arrives) == [f"worker {w} arrives" for w in range(4)], out
    assert sorted(out[i] for i in passes) == [
        f"worker {w} passes: 4 of 4 had arrived" for w in range(4)
    ], out
    assert max(arrives) < min(passes), out  # in the pipe's order too
    assert len(out) == 8, out


def test_a_barrier_short_of_parties_breaks_for_everyone_at_the_timeout() -> None:
    out = lines(output("barrier_wait.py", "--parties", "4", "--timeout", "0.3"))
    assert sorted(out) == sorted(
        [f"worker {w} arrives" for w in range(3)]
        + [f"worker {w}: BrokenBarrierError, 3 of 4 arrived" for w in range(3)]
    ), out


# --- Condition ------------------------------------------------------------------------


@pytest.mark.parametrize("method", [None, "spawn"])
def test_wait_for_checks_after_every_wake_up_and_notify_wakes_one(method: str | None) -> None:
    assert lines(output("condition_wait_for.py", "--notify", "--sleepers", "4", method=method)) == [
        "if + wait(): went on with items = 1 (wanted 3), after checking 1 time",
        "wait_for(enough): went on with items = 3 (wanted 3), after checking 4 times",
        "notify() without holding the lock -> AssertionError: lock is not owned",
        "after notify(): 1 of 4 woken",
        "after notify_all(): 4 of 4 woken",
    ]


# --- Manager --------------------------------------------------------------------------


@pytest.mark.parametrize("method", [None, "spawn"])
def test_manager_proxies_share_changes_but_not_those_to_a_nested_copy(method: str | None) -> None:
    assert lines(output("manager_shared.py", "--workers", "4", method=method)) == [
        "dict: {'w0': 0, 'w1': 1, 'w2': 4, 'w3': 9}",
        "list: [0, 1, 2, 3]",
        "namespace total: 6",
        "nested list, appended in place: []",
        "nested list, assigned back: [0, 1, 2, 3]",
        "nested manager.list(), appended in place: [0, 1, 2, 3]",
    ]


def test_a_value_does_at_least_ten_times_the_increments_of_a_manager_proxy() -> None:
    out = output("manager_cost.py", "--seconds", "0.1")
    value_rate = int(value(out, "Value with get_lock():").split()[0].replace(",", ""))
    proxy_rate = int(value(out, "Manager dict proxy:").split()[0].replace(",", ""))
    assert 0 < proxy_rate * 10 <= value_rate, out
    assert int(value(out, "the Value did").split()[0]) >= 10, out


# --- multiprocessing.shared_memory ----------------------------------------------------


def test_a_child_attaches_to_a_block_by_name_and_unlink_ends_the_name() -> None:
    assert lines(output("shared_memory_block.py", "--text", "hello there")) == [
        "new block of 11 bytes, all zero: True",
        "child read: b'hello there'",
        "parent reads after the child's close(): b'HELLO there'",
        "attach by name after unlink(): FileNotFoundError",
        "the parent's own view after unlink(): b'HELLO there'",
        "after close(), shm.buf is None",
    ]


def test_a_shareable_list_is_shared_with_fixed_length_and_slot_sizes() -> None:
    assert lines(output("shareable_list.py", "--longer", "123456789")) == [
        "parent created: [0, 0.0, 'ready', False]",
        "child wrote: [42, 2.5, 'done', True]",
        "child, a longer str in slot 2 -> ValueError: bytes/str item exceeds available storage",
        "parent reads: [42, 2.5, 'done', True]",
        "length still 4; append() exists: False",
    ]
