"""Helpers for the runner tests: where the test programs live, and survivor checks."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import sys
import time
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


# The stubborn tree (hostile/stubborn_tree.py): every process writes a file named after
# its pid, holding its role and start time, into the folder it is given.
TREE_SIZE = 6


def _start_time(pid: int) -> tuple[str, str] | None:
    """(state, start time) of a process from /proc, None when it is gone."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            fields = stat.read().rpartition(b")")[2].split()
    except OSError:
        return None
    return fields[0].decode(), fields[19].decode()


def _command_line(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
            return cmdline.read().replace(b"\0", b" ").decode(errors="replace").strip()
    except OSError:
        return "?"


def still_running(pid: int, started: str) -> bool:
    """True if process `pid`, started at `started` (from /proc), runs."""
    now = _start_time(pid)
    # A zombie runs nothing (and PID 1 here may never reap it); a new start time is
    # another process that got the recycled pid.
    return now is not None and now[0] not in ("Z", "X") and now[1] == started


def tree_from_pid_files(folder: Path) -> dict[int, tuple[str, str]]:
    """pid: (role, start time) of every process that wrote its file."""
    tree = {}
    for entry in folder.iterdir():
        if not entry.name.isdigit():
            continue
        role, _, started = entry.read_text().rpartition(" ")
        tree[int(entry.name)] = (role, started)
    return tree


def survivors(tree: dict[int, tuple[str, str]], wait: float) -> list[str]:
    """The processes of `tree` still running after up to `wait` seconds, described by
    pid, role and command line."""
    deadline = time.monotonic() + wait
    while True:
        alive = [pid for pid, (_, started) in tree.items() if still_running(pid, started)]
        if not alive or time.monotonic() > deadline:
            return [f"{pid} ({tree[pid][0]}): {_command_line(pid)}" for pid in alive]
        time.sleep(0.02)


def kill_survivors(tree: dict[int, tuple[str, str]]) -> None:
    """SIGKILL whatever of `tree` still runs (cleanup after a failed test)."""
    for pid, (_, started) in tree.items():
        if still_running(pid, started):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
