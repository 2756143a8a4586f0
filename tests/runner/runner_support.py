"""Helpers for the runner tests: where the test programs live, and survivor checks."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from mpquiz.runner import DemoSpec, RunResult

HERE = Path(__file__).parent
HOSTILE = HERE / "hostile"
PROGRAMS = HERE / "programs"
LINUX = sys.platform.startswith("linux") and os.path.isdir("/proc")


def hostile(name: str, *args: str, **options: float) -> DemoSpec:
    """A spec for a demo in hostile/."""
    return DemoSpec(HOSTILE / name, args=args, **options)  # type: ignore[arg-type]


def program(name: str, *args: str, **options: float) -> DemoSpec:
    """A spec for a well-behaved program in programs/."""
    return DemoSpec(PROGRAMS / name, args=args, **options)  # type: ignore[arg-type]


def printed_pids(result: RunResult) -> list[int]:
    """The pids a demo printed as "... pid N"."""
    return [int(match) for match in re.findall(r"\bpid (\d+)", result.output)]


def _stat(pid: int) -> tuple[str, int, int] | None:
    """(state, ppid, pgrp) from /proc, or None."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            fields = stat.read().rpartition(b")")[2].split()
    except OSError:
        return None
    return fields[0].decode(), int(fields[1]), int(fields[2])


def _dead_and_not_ours(pid: int) -> bool:
    stat = _stat(pid)
    # PID 1 here may not reap orphans, so their zombies linger; they run nothing.
    return stat is not None and stat[0] in ("Z", "X") and stat[1] != os.getpid()


def pid_gone(pid: int) -> bool:
    """True if the process no longer runs."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return LINUX and _dead_and_not_ours(pid)


def group_gone(pgid: int) -> bool:
    """True if no process of the group still runs."""
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return True
    if not LINUX:
        return False
    members = [int(name) for name in os.listdir("/proc") if name.isdigit()]
    return all(
        _dead_and_not_ours(pid)
        for pid in members
        if (stat := _stat(pid)) is not None and stat[2] == pgid
    )


def assert_nothing_survives(pgid: int | None, pids: list[int]) -> None:
    """Fail if the group or any of the pids still has a running process."""
    assert pgid is not None
    assert group_gone(pgid), f"process group {pgid} still has running members"
    survivors = [pid for pid in pids if not pid_gone(pid)]
    assert not survivors, f"still running: {survivors}"
