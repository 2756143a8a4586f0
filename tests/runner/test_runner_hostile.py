"""Hostile demos end within their timeout, leave no process behind, and say why."""

from __future__ import annotations

import time

import pytest
from runner_support import LINUX, assert_nothing_survives, hostile, printed_pids

from mpquiz.runner import DemoSpec, RunResult, start_demo

pytestmark = pytest.mark.slow

# The brief: a hostile demo ends within its timeout plus 2 s.
SLACK = 2.0


def run_timed(spec: DemoSpec) -> tuple[RunResult, int | None, float]:
    """Run to the end; check it took less than its timeout plus the slack."""
    began = time.monotonic()
    process = start_demo(spec)
    result = process.wait(spec.timeout + SLACK + 5)
    elapsed = time.monotonic() - began
    assert elapsed < spec.timeout + SLACK, f"took {elapsed:.2f} s"
    return result, process.pid, elapsed


def test_endless_loop_times_out() -> None:
    result, pgid, _ = run_timed(hostile("endless_loop.py", timeout=1.0))
    assert result.timed_out
    assert not result.ok
    assert result.error == "timed out after 1 s"
    assert result.exit_code is not None and result.exit_code < 0
    assert result.lines[0].text == "spinning"
    assert 1.0 <= result.duration < 1.0 + SLACK
    assert_nothing_survives(pgid, [])


def test_children_that_ignore_sigterm_are_killed() -> None:
    result, pgid, elapsed = run_timed(hostile("stubborn_children.py", timeout=1.5, grace=0.3))
    pids = printed_pids(result)
    assert len(pids) == 5, result.output  # main, fork child and grandchild, mp child and its
    assert result.timed_out
    assert result.exit_code == -9  # SIGTERM was ignored: SIGKILL after the grace period
    assert result.error == "timed out after 1.5 s"
    assert elapsed >= 1.5 + 0.3
    assert_nothing_survives(pgid, pids)


@pytest.mark.skipif(not LINUX, reason="escaped processes are swept on Linux only")
@pytest.mark.parametrize(
    ("main_mode", "child_output"),
    [("sleep", "keep"), ("sleep", "close"), ("exit", "keep"), ("exit", "close")],
)
def test_child_that_left_the_group_is_killed(main_mode: str, child_output: str) -> None:
    result, pgid, _ = run_timed(
        hostile("escaping_child.py", main_mode, child_output, timeout=1.0, grace=0.2)
    )
    pids = printed_pids(result)
    assert len(pids) == 2, result.output
    if main_mode == "exit":
        assert result.ok, result.error
    else:
        assert result.timed_out
    assert "stopped reading" not in result.output
    assert_nothing_survives(pgid, pids)


def test_100_mb_of_lines_is_capped() -> None:
    result, pgid, _ = run_timed(hostile("print_100mb.py", "lines", timeout=10.0, output_cap=4096))
    assert result.truncated
    assert result.lines[-1].text == "[mpquiz: output truncated after 4 KiB]"
    kept = [line.text for line in result.lines[:-1]]
    assert kept == ["x" * 99] * 40 + ["x" * 96]  # 40 lines of 100 bytes, then 96 bytes
    assert "all 100 MB written" not in result.output  # drained and dropped
    assert result.ok and result.error is None  # it did nothing wrong but talk too much
    assert_nothing_survives(pgid, [])


def test_one_huge_line_without_newline_is_capped() -> None:
    result, _, _ = run_timed(hostile("print_100mb.py", "oneline", timeout=10.0))
    assert result.truncated
    assert [line.text for line in result.lines] == [
        "y" * (256 * 1024),
        "[mpquiz: output truncated after 256 KiB]",
    ]
    assert result.ok


def test_reading_stdin_fails_at_once() -> None:
    result, pgid, elapsed = run_timed(hostile("read_stdin.py", timeout=5.0))
    assert elapsed < 2.0
    assert result.exit_code == 1
    assert "EOFError" in result.output
    assert result.error == "exited with code 1 (EOFError)"
    assert_nothing_survives(pgid, [])


def test_raising_demo_reports_its_exception() -> None:
    result, _, _ = run_timed(hostile("raise_error.py", timeout=5.0))
    assert result.exit_code == 1 and not result.ok and not result.timed_out
    assert result.lines[0].text == "about to fail"
    assert result.lines[-1].text == "RuntimeError: boom from the demo"
    assert result.lines[1].text.startswith("Traceback")  # stderr merged, in order
    assert result.error == "exited with code 1 (RuntimeError)"


def test_memory_hog_hits_the_memory_limit() -> None:
    result, pgid, _ = run_timed(hostile("memory_hog.py", timeout=5.0))
    assert not result.timed_out
    assert result.exit_code == 1
    assert result.error == "exited with code 1 (MemoryError)"
    held = [line.text for line in result.lines if line.text.startswith("holding")]
    assert held and held[-1] in {f"holding {64 * n} MiB" for n in range(1, 17)}
    assert_nothing_survives(pgid, [])


def test_memory_limit_is_configurable() -> None:
    result, _, _ = run_timed(hostile("memory_hog.py", timeout=5.0, memory_limit=256 << 20))
    assert result.error == "exited with code 1 (MemoryError)"
    held = [int(line.text.split()[1]) for line in result.lines if line.text.startswith("holding")]
    assert held and max(held) < 256
