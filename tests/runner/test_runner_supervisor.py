"""The tree supervisor (Linux): every descendant of a demo is stopped, even one that
left its session, double-forked, dropped the run's token and closed its output; the demo
inherits nothing but its output; and a demo that kills its supervisor is still cleaned
up by mpquiz's fallback."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from runner_support import (
    LINUX,
    TREE_SIZE,
    assert_nothing_survives,
    hostile,
    kill_survivors,
    printed_pids,
    program,
    survivors,
    tree_from_pid_files,
)

from mpquiz.runner import DemoProcess, RunResult, run_demo, start_demo

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not LINUX, reason="the tree supervisor is Linux only"),
]


def _run_tree(
    folder: Path, *args: str, cancel: bool = False, **options: float
) -> tuple[RunResult, dict[int, tuple[str, str]], float]:
    """Run the stubborn tree, cancelling it once ready if asked; its result, its
    processes and the seconds from ready to the result."""
    folder.mkdir()
    process: DemoProcess = start_demo(hostile("stubborn_tree.py", str(folder), *args, **options))
    ready = None
    for line in process.iter_lines():
        if line.text == "tree ready":
            ready = time.monotonic()
            if cancel:
                process.cancel()
            break
    tree = tree_from_pid_files(folder)
    result = process.wait(20)
    assert ready is not None, result.output
    return result, tree, time.monotonic() - ready


def test_cancel_stops_the_whole_tree_before_the_result(tmp_path: Path) -> None:
    result, tree, seconds = _run_tree(tmp_path / "pids", cancel=True, timeout=30, grace=0.2)
    try:
        assert len(tree) == TREE_SIZE, tree
        assert result.cancelled and result.error == "cancelled"
        assert result.exit_code == -9  # SIGTERM ignored: SIGKILL after the grace period
        assert 0.2 <= seconds < 2.0
        assert not survivors(tree, 0), survivors(tree, 0)  # gone when the result is out
    finally:
        kill_survivors(tree)


def test_a_timeout_stops_the_whole_tree(tmp_path: Path) -> None:
    result, tree, _ = _run_tree(tmp_path / "pids", timeout=1.5, grace=0.2)
    try:
        assert len(tree) == TREE_SIZE, tree
        assert result.timed_out and result.error == "timed out after 1.5 s"
        assert 1.5 + 0.2 <= result.duration < 1.5 + 2.0
        assert not survivors(tree, 0), survivors(tree, 0)
    finally:
        kill_survivors(tree)


def test_the_orphans_of_a_demo_that_exited_are_stopped(tmp_path: Path) -> None:
    result, tree, seconds = _run_tree(tmp_path / "pids", "exit", timeout=30, grace=0.2)
    try:
        assert len(tree) == TREE_SIZE, tree
        assert result.ok, result.error
        assert result.duration < 5.0  # the demo's own time, not its orphans' cleanup
        assert seconds < 2.0
        assert not survivors(tree, 0), survivors(tree, 0)
    finally:
        kill_survivors(tree)


def test_the_demo_inherits_only_its_output_pipe_and_dev_null() -> None:
    process = start_demo(program("show_fds.py"))
    result = process.wait(10)
    assert result.ok, result.output
    first, *fds = result.lines
    pid, parent = (int(word) for word in first.text.split()[1::2])
    assert pid == process.pid
    assert parent not in (os.getpid(), pid)  # its parent is the supervisor
    targets = dict(line.text.split()[1:] for line in fds)
    assert set(targets) == {"0", "1", "2"}, targets  # no control or status pipe
    assert targets["0"] == "/dev/null"
    assert targets["1"] == targets["2"] and targets["1"].startswith("pipe:")


def test_a_demo_that_kills_its_supervisor_is_cleaned_up_by_mpquiz() -> None:
    began = time.monotonic()
    result = run_demo(hostile("kill_supervisor.py", timeout=30, grace=0.2))
    pids = printed_pids(result)
    assert len(pids) == 3, result.output  # child, escaped, main
    assert result.error == (
        "runner failure: the demo's supervisor ended without a report (killed by SIGKILL)"
    )
    assert time.monotonic() - began < 5.0
    assert_nothing_survives(pids[-1], pids)
