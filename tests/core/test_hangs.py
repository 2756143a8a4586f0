"""likely_cause(): the cause of a hang named from where the processes were blocked, with
the line of the learner's program; on fixed stacks for each cause, and on the stacks of
real runs (a join before the queue was drained, a recv with no sender)."""

from __future__ import annotations

import sysconfig
from pathlib import Path

import pytest

from mpquiz.core.hangs import likely_cause
from mpquiz.core.stacks import Frame, ProcessStack, parse_dump
from mpquiz.core.verdict import Note
from mpquiz.i18n import LANGUAGES, t
from tests.support.catalogs import catalog_keys

PROGRAM = "/home/learner/exercise.py"
LIB = sysconfig.get_paths()["stdlib"]
MP = f"{LIB}/multiprocessing"


def f(file: str, line: int, function: str) -> Frame:
    return Frame(file, line, function)


def me(line: int, function: str = "<module>") -> Frame:
    return f(PROGRAM, line, function)


def main(*threads: tuple[Frame, ...]) -> ProcessStack:
    return ProcessStack(pid=100, name="MainProcess", threads=threads, main=True)


def child(*threads: tuple[Frame, ...], name: str = "Process-1", pid: int = 101) -> ProcessStack:
    return ProcessStack(pid=pid, name=name, threads=threads)


# What multiprocessing's own frames look like (CPython 3.11; the names are what count).
JOINING = (
    f(f"{MP}/process.py", 149, "join"),
    f(f"{MP}/popen_fork.py", 43, "wait"),
    f(f"{MP}/connection.py", 947, "wait"),
    f(f"{LIB}/selectors.py", 415, "select"),
)
FORKED = (  # a forked child: its parent's frames, then its own
    me(13),
    f(f"{MP}/process.py", 121, "start"),
    f(f"{MP}/context.py", 281, "_Popen"),
    f(f"{MP}/popen_fork.py", 71, "_launch"),
    f(f"{MP}/process.py", 314, "_bootstrap"),
)
SPAWNED = (
    f("<string>", 1, "<module>"),
    f(f"{MP}/spawn.py", 120, "spawn_main"),
    f(f"{MP}/spawn.py", 133, "_main"),
    f(f"{MP}/process.py", 314, "_bootstrap"),
    f(f"{MP}/process.py", 108, "run"),
)
FLUSHING = (
    f(f"{MP}/util.py", 360, "_exit_function"),
    f(f"{MP}/util.py", 300, "_run_finalizers"),
    f(f"{MP}/util.py", 224, "__call__"),
    f(f"{MP}/queues.py", 199, "_finalize_join"),
    f(f"{LIB}/threading.py", 1119, "join"),
    f(f"{LIB}/threading.py", 1139, "_wait_for_tstate_lock"),
)
FEEDER = (
    f(f"{LIB}/threading.py", 1002, "_bootstrap"),
    f(f"{LIB}/threading.py", 1045, "_bootstrap_inner"),
    f(f"{LIB}/threading.py", 982, "run"),
    f(f"{MP}/queues.py", 250, "_feed"),
    f(f"{MP}/connection.py", 200, "send_bytes"),
    f(f"{MP}/connection.py", 384, "_send"),
)
RECEIVING = (
    f(f"{MP}/connection.py", 250, "recv"),
    f(f"{MP}/connection.py", 430, "_recv_bytes"),
    f(f"{MP}/connection.py", 395, "_recv"),
)
GETTING = (f(f"{MP}/queues.py", 103, "get"), f(f"{MP}/synchronize.py", 95, "__enter__"))
HELPERS = (
    ProcessStack(
        98,
        "resource_tracker",
        ((f("<string>", 1, "<module>"), f(f"{MP}/resource_tracker.py", 227, "main")),),
    ),
    ProcessStack(
        99,
        None,  # no timeline: told by its frames
        ((f("<string>", 1, "<module>"), f(f"{MP}/forkserver.py", 218, "main")),),
    ),
)


def test_a_join_before_the_queue_was_drained() -> None:
    stacks = [main((me(12), *JOINING)), child((*FORKED, *FLUSHING), FEEDER)]
    assert likely_cause(stacks, PROGRAM) == Note(
        "hang.join_before_drain", {"line": 12, "child": "Process-1"}
    )
    spawned = [main((me(12), *JOINING)), *HELPERS, child((*SPAWNED, *FLUSHING), FEEDER)]
    assert likely_cause(spawned, Path(PROGRAM)) == Note(
        "hang.join_before_drain", {"line": 12, "child": "Process-1"}
    )


def test_a_recv_with_no_sender() -> None:
    stacks = [main((me(9), *RECEIVING))]
    assert likely_cause(stacks, PROGRAM) == Note(
        "hang.recv_no_sender", {"who": "MainProcess", "line": 9}
    )


def test_a_get_with_nothing_left_to_put_in_a_child_the_main_process_joins() -> None:
    worker = child((*SPAWNED, me(5, "worker"), *GETTING))
    stacks = [main((me(14), *JOINING)), worker, *HELPERS]
    assert likely_cause(stacks, PROGRAM) == Note(
        "hang.get_nothing_put", {"who": "Process-1", "line": 5}
    )
    # A queue.Queue between threads, in the main process.
    threads = [
        main((me(7), f(f"{LIB}/queue.py", 171, "get"), f(f"{LIB}/threading.py", 320, "wait")))
    ]
    assert likely_cause(threads, PROGRAM) == Note(
        "hang.get_nothing_put", {"who": "MainProcess", "line": 7}
    )


def test_a_lock_never_released(tmp_path: Path) -> None:
    # A multiprocessing Lock in a with statement: its __enter__ is a frame of its own.
    enter = child((*FORKED, me(6, "work"), f(f"{MP}/synchronize.py", 95, "__enter__")))
    assert likely_cause([main((me(15), *JOINING)), enter], PROGRAM) == Note(
        "hang.lock_never_released", {"who": "Process-1", "line": 6}
    )
    # acquire() runs in C, without a frame: the program's line tells.
    source = tmp_path / "locks.py"
    source.write_text("import threading\nlock = threading.Lock()\nlock.acquire()\nlock.acquire()\n")
    acquiring = [main((f(str(source), 4, "<module>"),))]
    assert likely_cause(acquiring, source) == Note(
        "hang.lock_never_released", {"who": "MainProcess", "line": 4}
    )
    # The same frames without the program to read: all that is known is the line.
    unread = Note("hang.blocked_at", {"who": "MainProcess", "line": 4, "function": "<module>"})
    assert likely_cause(acquiring, None) == unread
    assert likely_cause(acquiring, str(tmp_path / "other.py")) == unread
    semaphore = [main((me(3), f(f"{LIB}/threading.py", 468, "acquire")))]
    assert likely_cause(semaphore, PROGRAM) == Note(
        "hang.lock_never_released", {"who": "MainProcess", "line": 3}
    )


@pytest.mark.parametrize("kind", ["barrier", "event", "condition"])
def test_a_wait_forever(kind: str) -> None:
    inner = {
        "barrier": (
            f(f"{LIB}/threading.py", 697, "wait"),
            f(f"{LIB}/threading.py", 737, "_wait"),
            f(f"{MP}/synchronize.py", 261, "wait"),
        ),
        "event": (f(f"{MP}/synchronize.py", 356, "wait"), f(f"{MP}/synchronize.py", 261, "wait")),
        "condition": (f(f"{LIB}/threading.py", 320, "wait"),),
    }[kind]
    stacks = [main((me(10), *inner)), child((*FORKED, me(6, "meet"), *inner))]
    assert likely_cause(stacks, PROGRAM) == Note(
        "hang.wait_forever", {"who": "MainProcess", "line": 10, "function": "wait"}
    )


@pytest.mark.parametrize("function", ["get", "join", "map"])
def test_a_pool_wait(function: str) -> None:
    stacks = [
        main((me(8), f(f"{MP}/pool.py", 770, function), f(f"{LIB}/threading.py", 320, "wait"))),
        # An idle worker: no frame of the program, nothing to say.
        child((*FORKED, f(f"{MP}/pool.py", 114, "worker"), *GETTING), name="ForkPoolWorker-1"),
    ]
    assert likely_cause(stacks, PROGRAM) == Note(
        "hang.pool_wait", {"who": "MainProcess", "line": 8, "function": function}
    )
    future = [main((me(4), f(f"{LIB}/concurrent/futures/_base.py", 451, "result")))]
    assert likely_cause(future, PROGRAM) == Note(
        "hang.pool_wait", {"who": "MainProcess", "line": 4, "function": "result"}
    )


def test_a_join_of_a_child_blocked_elsewhere_names_where_the_child_is() -> None:
    stacks = [
        main((me(20), *JOINING)),
        child((*SPAWNED, me(11, "crunch"), f(f"{LIB}/selectors.py", 415, "select"))),
    ]
    assert likely_cause(stacks, PROGRAM) == Note(
        "hang.join_child_blocked",
        {"line": 20, "child": "Process-1", "function": "select", "child_line": 11},
    )
    # A child that dumped nothing (it ignored the signal): the join itself.
    assert likely_cause([main((me(20), *JOINING))], PROGRAM) == Note(
        "hang.blocked_at", {"who": "MainProcess", "line": 20, "function": "join"}
    )


def test_a_child_with_a_known_cause_explains_a_main_process_doing_something_else() -> None:
    stacks = [
        main((me(30), f(f"{LIB}/selectors.py", 415, "select"))),
        child((*SPAWNED, me(5, "worker"), *RECEIVING), pid=102),
    ]
    assert likely_cause(stacks, PROGRAM) == Note(
        "hang.recv_no_sender", {"who": "Process-1", "line": 5}
    )


def test_otherwise_where_it_was_still_running(tmp_path: Path) -> None:
    source = tmp_path / "spin.py"
    source.write_text("x = 0\nwhile True:\n    x += 1\n")
    stacks = [main((f(str(source), 3, "<module>"),))]
    assert likely_cause(stacks, source) == Note(
        "hang.blocked_at", {"who": "MainProcess", "line": 3, "function": "<module>"}
    )
    # No frame of the program at all: the innermost frame there is.
    elsewhere = [ProcessStack(7, None, ((f(f"{LIB}/selectors.py", 415, "select"),),))]
    assert likely_cause(elsewhere, PROGRAM) == Note(
        "hang.blocked_at", {"who": "pid 7", "line": 415, "function": "select"}
    )


def test_no_stacks_no_cause() -> None:
    assert likely_cause([], PROGRAM) is None
    assert likely_cause([ProcessStack(1, None, ())], PROGRAM) is None


def test_without_the_programs_name_any_file_outside_the_library_is_the_learners() -> None:
    stacks = [main((me(12), *JOINING)), child((*FORKED, *FLUSHING), FEEDER)]
    assert likely_cause(stacks, None) == Note(
        "hang.join_before_drain", {"line": 12, "child": "Process-1"}
    )


def test_a_managers_proxy_is_read_by_its_method() -> None:
    proxy = (
        me(6, "worker"),
        f("<string>", 2, "get"),
        f(f"{MP}/managers.py", 818, "_callmethod"),
        *RECEIVING,
    )
    stacks = [main((me(14), *JOINING)), child((*SPAWNED, *proxy))]
    assert likely_cause(stacks, PROGRAM) == Note(
        "hang.get_nothing_put", {"who": "Process-1", "line": 6}
    )


@pytest.mark.parametrize("key", sorted(k for k in catalog_keys() if k.startswith("hang.")))
def test_every_cause_reads_as_one_line_in_both_languages(key: str) -> None:
    params = {"who": "MainProcess", "line": 12, "child": "Process-1"}
    params |= {"function": "wait", "child_line": 5}
    for lang in LANGUAGES:
        text = t(key, lang, **params)
        assert "\n" not in text and "12" in text and "{" not in text


def test_the_dump_parser_keeps_the_current_thread_first_and_frames_outermost_first() -> None:
    text = (
        "Thread 0x00007f0000000002 (most recent call first):\n"
        f'  File "{MP}/queues.py", line 250 in _feed\n'
        f'  File "{LIB}/threading.py", line 982 in run\n'
        "\n"
        "Current thread 0x00007f0000000001 (most recent call first):\n"
        '  File "/mpquiz/child_startup/sitecustomize.py", line 9 in _dump_stacks\n'
        f'  File "{MP}/process.py", line 149 in join\n'
        '  File "/home/jos\\xe9/ex.py", line ??? in <module>\n'
        "  <no Python frame>\n"
    )
    threads = parse_dump(text, frozenset({"/mpquiz/child_startup/sitecustomize.py"}))
    assert threads == (
        (Frame("/home/josé/ex.py", None, "<module>"), f(f"{MP}/process.py", 149, "join")),
        (f(f"{LIB}/threading.py", 982, "run"), f(f"{MP}/queues.py", 250, "_feed")),
    )


# The stacks of real runs.


@pytest.mark.slow
@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_real_stacks_of_a_join_before_the_queue_was_drained(method: str) -> None:
    from mpquiz.runner import DemoSpec, run_demo

    script = Path(__file__).parents[1] / "runner" / "programs" / "hang_queue_join.py"
    result = run_demo(DemoSpec(script, timeout=1.2, grace=0.2, start_method=method))
    assert result.timed_out
    line = _marked(script, "main")
    assert likely_cause(result.stacks, script) == Note(
        "hang.join_before_drain", {"line": line, "child": "Process-1"}
    )


@pytest.mark.slow
@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_real_stacks_of_a_recv_with_no_sender(method: str) -> None:
    from mpquiz.runner import DemoSpec, run_demo

    script = Path(__file__).parents[1] / "runner" / "programs" / "hang_recv.py"
    result = run_demo(DemoSpec(script, timeout=1.2, grace=0.2, start_method=method))
    assert result.timed_out
    assert likely_cause(result.stacks, str(script)) == Note(
        "hang.recv_no_sender", {"who": "MainProcess", "line": _marked(script, "main")}
    )


def _marked(script: Path, which: str) -> int:
    """The line the program marks "# BLOCK which"."""
    lines = script.read_text().splitlines()
    return next(n for n, text in enumerate(lines, 1) if text.endswith(f"# BLOCK {which}"))
