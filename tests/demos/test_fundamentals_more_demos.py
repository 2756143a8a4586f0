"""The demos added for fundamentals, process-api, final-exercise and review prove their claims.

Daemon rules, the fork-with-threads warning (on every CPython 3.11+ this machine has),
threads overlapping waits, Amdahl's law, comparing parallel results, the cost of big
arguments, the number of workers, the synchronisation primitives side by side, and the
lines the existing demos gained (mp_worker.py's result order, an inline lambda).
Each run goes through mpquiz's runner (see demo_support); the timing claims are
one-sided, so they hold on a busy machine too.
"""

from __future__ import annotations

import os
import signal
import sys

import pytest

from mpquiz.runner import DemoSpec, run_demo
from mpquiz.runner.interpreters import find_interpreters
from tests.demos.demo_support import DEMOS, lines, output, seconds, value

pytestmark = pytest.mark.slow

needs_affinity = pytest.mark.skipif(
    not hasattr(os, "sched_setaffinity"), reason="pinning to one core needs sched_setaffinity"
)


# --- daemon_rules.py ------------------------------------------------------------------


@pytest.mark.parametrize("method", [None, "spawn"])
def test_a_daemon_may_not_have_children_and_daemon_is_set_before_start(
    method: str | None,
) -> None:
    assert lines(output("daemon_rules.py", method=method)) == [
        "normal child: start() a grandchild -> it ran, exit code 0",
        "normal child ended with exit code 0",
        "daemon child: start() a grandchild -> AssertionError: "
        "daemonic processes are not allowed to have children",
        "daemon child ended with exit code 0",
        "daemon set before start(): daemon=True",
        "daemon set after start(): AssertionError: process has already started",
        "it stayed daemon=False",
    ]


# --- fork_threads_warning.py ----------------------------------------------------------


def test_forking_with_another_thread_warns_from_3_12_on_and_not_before() -> None:
    """On every CPython 3.11+ found here: the demo says what it saw and agrees with the
    rule, and the warning text is CPython's."""
    for python in find_interpreters():
        spec = DemoSpec(
            script=DEMOS / "fork_threads_warning.py",
            args=("--wait", "0.2"),
            timeout=30,
            python=python.path,
        )
        result = run_demo(spec)
        assert result.ok, (python.label, result.output)
        out, warns = result.output, python.version >= (3, 12, 0)
        assert value(out, "python") == ".".join(map(str, python.version[:2])), out
        assert value(out, "fork with no other thread:") == "warnings 0", out
        assert value(out, "fork with another thread, default filters:") == "warnings shown 0"
        assert value(out, "fork with another thread, every warning on:") == (
            "warnings 1" if warns else "warnings 0"
        ), (python.label, out)
        text = (
            "  DeprecationWarning: This process is multi-threaded, "
            "use of fork() may lead to deadlocks in the child."
        )
        assert (text in lines(out)) == warns, (python.label, out)
        assert lines(out)[-1].endswith("this run agrees: True"), (python.label, out)


# --- io_bound_threads.py --------------------------------------------------------------


def test_threads_overlap_their_waits_and_use_next_to_no_cpu() -> None:
    out = output("io_bound_threads.py", "--wait", "0.1")
    one_by_one = seconds(value(out, "one after another:"))
    assert one_by_one >= 0.39  # 4 waits of 0.1 s
    threads = value(out, "4 threads at once:")
    assert seconds(threads) < one_by_one / 2, out  # about one wait, not four
    assert float(threads.rsplit("CPU used ", 1)[1].rstrip(" s")) < 0.1, out
    assert value(out, "the waits overlapped:") == "True"


@needs_affinity
def test_threads_overlap_waits_on_a_single_core_too() -> None:
    out = output("io_bound_threads.py", "--tasks", "4", "--wait", "0.1", one_core=True)
    assert seconds(value(out, "4 threads at once:")) < 0.25, out
    assert value(out, "the waits overlapped:") == "True"


# --- amdahl.py ------------------------------------------------------------------------


def test_amdahls_law_table_for_a_serial_third_and_a_serial_quarter() -> None:
    assert lines(output("amdahl.py", "--part", "law")) == [
        "serial share 0.33, parallel share p = 0.67",
        "Amdahl's law, best speed-up with n cores: 1 / ((1 - p) + p / n)",
        "  n = 1: 1.00x",
        "  n = 2: 1.50x",
        "  n = 4: 2.00x",
        "  n = 8: 2.40x",
        "  endless cores: 3.00x",
    ]
    quarter = output("amdahl.py", "--part", "law", "--serial-share", "0.25")
    assert value(quarter, "  n = 2:") == "1.60x"
    assert value(quarter, "  endless cores:") == "4.00x"


@needs_affinity
def test_amdahl_on_one_core_says_no_speed_up_is_possible() -> None:
    out = output("amdahl.py", "--part", "measure", "--size", "3000000", one_core=True)
    assert value(out, "this machine:") == "1 cores available, 2 worker processes"
    assert value(out, "measured speed-up:").endswith("the law's bound for n = 1: 1.00x")
    assert value(out, "verdict:").startswith("no parallel speed-up possible")


# --- same_results.py ------------------------------------------------------------------


def test_map_keeps_the_order_imap_unordered_does_not_and_floats_need_isclose() -> None:
    assert lines(output("same_results.py")) == [
        "sequential results: [0, 1, 4, 9]",
        "map: same as sequential: True",
        "imap_unordered: same: False, same once sorted: True",
        "ten times 0.1 added one by one: 0.9999999999999999",
        "the same from two chunk sums: 1.0",
        "equal with ==: False, with math.isclose: True",
    ]


# --- big_arguments.py -----------------------------------------------------------------


def test_a_big_argument_travels_once_per_task_and_an_initializer_sends_it_once() -> None:
    out = output("big_arguments.py")
    assert value(out, "the whole list in every task:") == "8 messages of 4.9 MB"
    assert value(out, "the list once per worker, then") == "8 messages of 21 bytes"
    totals = [line for line in lines(out) if line.startswith("  total:")]
    assert [t.split(",")[0] for t in totals] == ["  total: 499999500000"] * 2, out
    slower = value(out, "the whole list every time took")
    assert float(slower.split("x")[0]) > 1, out


# --- worker_count.py ------------------------------------------------------------------


@needs_affinity
def test_worker_count_on_one_core_says_no_count_of_workers_helps() -> None:
    out = output("worker_count.py", "--size", "300000", one_core=True)
    assert value(out, "cores available:") == "1, tasks: 8"
    assert value(out, "1 worker (one per core):").endswith("x")
    assert value(out, "2 workers (two per core):").endswith("x")
    assert value(out, "verdict:").startswith("only 1 core")


# --- sync_compared.py -----------------------------------------------------------------


def test_lock_semaphore_event_and_barrier_let_processes_on_by_their_rules() -> None:
    assert lines(output("sync_compared.py")) == [
        "Lock: at most 1 inside at once",
        "Semaphore(2): at most 2 inside at once",
        "Event: 0 of 3 went on before set(), 3 after",
        "Barrier(3): each went on only once all 3 had arrived: True",
    ]


# --- lines added to mp_worker.py and pool_lambda_pickling.py --------------------------


def test_mp_worker_says_which_task_each_parallel_result_belongs_to() -> None:
    out = output("mp_worker.py", "--size", "100000", "--workers", "2")
    assert value(out, "parallel results, task by task:") == "0 1 2 3 4 5 6 7"
    assert value(out, "same results:") == "True"


def test_an_inline_lambda_inside_a_function_is_a_local_object() -> None:
    out = output("pool_lambda_pickling.py", "--fixes")
    error = "AttributeError" if sys.version_info < (3, 14) else "PicklingError"
    assert value(out, "an inline lambda inside a function failed:") == error
    messages = [line for line in lines(out) if line.startswith("message: ")]
    assert "local object" in messages[-1] and "show_fixes.<locals>.<lambda>" in messages[-1]


# --- the parts added to process_identity.py and lifecycle.py --------------------------


@pytest.mark.parametrize("method", [None, "spawn"])
def test_default_names_count_every_process_and_a_childs_children_carry_its_number(
    method: str | None,
) -> None:
    assert lines(output("process_identity.py", "--show", "names", method=method))[1:] == [
        "child: Process-1",
        "  its child: Process-1:1",
        "child: Process-2",
        "  its child: Process-2:1",
        "child: worker",
        "  its child: Process-3:1",
    ]


def test_terminate_gives_minus_sigterm_and_kill_minus_sigkill() -> None:
    assert lines(output("lifecycle.py", "--kill")) == [
        f"after terminate(): exitcode={-signal.SIGTERM}",
        f"after kill(): exitcode={-signal.SIGKILL}",
        f"SIGTERM is signal {signal.SIGTERM:d}, SIGKILL is signal {signal.SIGKILL:d}",
    ]


def test_join_with_a_timeout_gives_up_and_is_alive_collects_the_exit_code() -> None:
    out = output("lifecycle.py", "--timeout")
    assert value(out, "join(timeout=0.2) returned after").endswith("s: alive=True exitcode=None")
    assert lines(out)[1:] == [
        "child: running, now finishing",
        "ended, before any join(): alive=False exitcode=0",
        "join(): alive=False exitcode=0",
    ]


def test_close_refuses_a_running_child_and_closes_the_object_after_join() -> None:
    assert lines(output("lifecycle.py", "--close")) == [
        "close() while it runs: ValueError: Cannot close a process while it is still "
        "running. You should first call join() or terminate().",
        "child: running, now finishing",
        "close() after join(): done, exitcode was 0",
        "is_alive() after close(): ValueError: process object is closed",
    ]
