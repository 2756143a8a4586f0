"""The ipc demos on Pipe ends and poll(), Pipe against Queue, the feeder thread and
JoinableQueue prove what their questions claim.

Each demo runs through mpquiz's runner (see demo_support). None of them may hang: where a
program would block forever (a recv() with a copy of the send end still open, a join()
no task_done() will release) the demo asks with a timeout and says so, and these tests
check that it does, under spawn too where the start method could change the answer.
Whether the questions' keys fit the real output is checked by test_course_pack.py and
tests/session/test_keycheck.py.
"""

from __future__ import annotations

import re

import pytest

from tests.demos.demo_support import START_METHODS, lines, output, seconds, value

pytestmark = pytest.mark.slow

OTHER_METHOD = "spawn" if "spawn" in START_METHODS else None
"""A start method whose child starts from a fresh interpreter, where the platform has it."""


@pytest.mark.parametrize("method", [None, OTHER_METHOD], ids=["default", "spawn"])
def test_recv_ends_in_eof_only_once_the_parent_closes_its_copy(method: str | None) -> None:
    if method is None and OTHER_METHOD is None:
        pytest.skip("no spawn here")
    assert lines(output("pipe_eof.py", method=method)) == [
        "closed: got msg 0, msg 1; the child has exited",
        "closed: recv() -> EOFError: no copy of the send end is open",
        "kept: got msg 0, msg 1; the child has exited",
        "kept: poll(0.3) -> False: a recv() now would block forever",
    ]


@pytest.mark.skipif(OTHER_METHOD is None, reason="no spawn here")
def test_a_reading_child_must_close_the_send_end_it_was_given_under_spawn_too() -> None:
    assert lines(output("pipe_eof.py", "--part", "child", "--wait", "0.2", method="spawn")) == [
        "child closed: the child got msg 0, msg 1, then EOFError",
        "child kept: the child got msg 0, msg 1, then poll(0.2) -> False: "
        "a recv() now would block forever",
    ]


def test_poll_returns_when_the_message_arrives_and_takes_nothing_out() -> None:
    out = output("pipe_eof.py", "--part", "poll", "--delay", "0.3")
    assert value(out, "poll: poll(0) ->") == "False: nothing has arrived yet"
    arrived = value(out, "poll: poll(2.0) ->")
    assert arrived.startswith("True after "), out
    assert 0.28 <= seconds(arrived.split("(")[0]) < 1.5, out  # the message, not the timeout
    assert value(out, "poll: poll() again ->") == "True: poll takes nothing out"
    assert value(out, "poll: recv() ->") == "'news'"
    nothing = value(out, "poll: poll(0.2) with nothing coming ->")
    assert nothing.startswith("False after ") and seconds(nothing) >= 0.19, out


def test_a_queue_costs_more_cpu_per_message_than_a_pipe() -> None:
    out = output("pipe_queue_speed.py", "--messages", "10000", "--rounds", "2")
    assert value(out, "messages:").endswith("all received both ways: True"), out
    ratio = re.search(r"^CPU per message, Queue / Pipe: (\d+\.\d+)x$", out, re.M)
    assert ratio and float(ratio.group(1)) > 1.0, out
    for channel in ("Pipe:", "Queue:"):
        assert re.fullmatch(
            r"[\d,]+ messages per second, \d+\.\d us of CPU per message", value(out, channel)
        ), out
    assert value(out, "verdict:")  # an honest verdict, whichever way the clock went


@pytest.mark.parametrize("method", [None, OTHER_METHOD], ids=["default", "spawn"])
def test_a_change_after_put_travels_only_while_the_feeder_has_not_pickled_it(
    method: str | None,
) -> None:
    if method is None and OTHER_METHOD is None:
        pytest.skip("no spawn here")
    assert lines(output("queue_put_then_change.py", method=method)) == [
        "free feeder: the parent got {'qty': 1}",
        "busy feeder: the parent got {'qty': 2}",
        "busy feeder, a copy put: the parent got {'qty': 1}",
    ]


def test_the_busy_case_says_so_when_the_pipe_holds_the_big_item() -> None:
    # 10 bytes fit in any pipe: the feeder is not kept busy, and whatever the parent
    # gets then depends on timing; when the change did not travel the demo says why.
    out = output("queue_put_then_change.py", "--big", "10")
    got = value(out, "busy feeder: the parent got")
    assert got in ("{'qty': 1}", "{'qty': 2}"), out
    assert ("the feeder was not kept busy" in out) == (got == "{'qty': 1}"), out


def test_join_waits_for_one_task_done_per_put_not_for_an_empty_queue() -> None:
    assert lines(output("joinable_queue.py")) == [
        "with task_done(): 5 results, queue empty: True, join() returned: True",
        "with task_done(): task_done() calls when join() returned: 5",
        "without task_done(): 5 results, queue empty: True, join() returned: False",
        "without task_done(): join() still waiting after 0.5 s: 0 of 5 items marked done",
    ]


@pytest.mark.skipif(OTHER_METHOD is None, reason="no spawn here")
def test_one_task_done_per_task_whatever_the_number_of_workers() -> None:
    out = output(
        "joinable_queue.py", "--items", "6", "--workers", "3", "--only", "done", method="spawn"
    )
    assert value(out, "with task_done(): task_done() calls when join() returned:") == "6"
