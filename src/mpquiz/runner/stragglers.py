"""Find and kill processes of a demo that left its process group (Linux only).

Under a tree supervisor (mpquiz.runner.tree_supervisor) every descendant is found as
such; this sweep is the fallback for when the supervisor itself was killed, and for the
rare process that got hold of the output pipe from outside the tree.

A demo's descendant that calls setsid() or setpgid() escapes the group kill. On Linux it
is still found through /proc, by either of two traces:

- the run's token in its environment (MPQUIZ_DEMO_TOKEN, which every demo process
  inherits unless it replaced its environment when it exec'd), or
- an open descriptor on the demo's output pipe (it kept the stdout it inherited).

Each match is pinned with a pidfd and checked again before SIGKILL, so a recycled pid is
never hit. Not found: an escaped process that both dropped the token and closed the pipe,
e.g. a classic double-forked daemon exec'd with a fresh environment; only the
supervisor, its child subreaper, tracks that one. On other systems nothing is swept.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import time

from mpquiz.runner.environment import TOKEN_VARIABLE

_PROC = "/proc"
# Each round may reveal processes forked by the ones just killed.
_MAX_ROUNDS = 10
# How long a SIGKILLed process may take to die before the sweep moves on.
_SETTLE = 1.0


def kill_stragglers(token: str, pipe_inode: int | None = None) -> list[int]:
    """SIGKILL every process carrying `token` or holding pipe `pipe_inode`; their pids."""
    if not sys.platform.startswith("linux") or not os.path.isdir(_PROC):
        return []
    marker = f"{TOKEN_VARIABLE}={token}".encode()
    pipe_link = None if pipe_inode is None else f"pipe:[{pipe_inode}]"
    killed: set[int] = set()
    for _ in range(_MAX_ROUNDS):
        found = [pid for pid in _other_pids() if _is_ours(pid, marker, pipe_link)]
        if not found:
            break
        killed.update(pid for pid in found if _kill_if_ours(pid, marker, pipe_link))
        # Dead, they no longer show the traces, so the next round sees only newcomers.
        _wait_until_dead(found)
    return sorted(killed)


def _other_pids() -> list[int]:
    me = os.getpid()
    return [int(name) for name in os.listdir(_PROC) if name.isdigit() and int(name) != me]


def _is_ours(pid: int, marker: bytes, pipe_link: str | None) -> bool:
    try:
        with open(f"{_PROC}/{pid}/environ", "rb") as environ:
            if marker in environ.read().split(b"\0"):
                return True
    except OSError:  # gone, a zombie, or not ours to read
        pass
    if pipe_link is None:
        return False
    try:
        for fd in os.listdir(f"{_PROC}/{pid}/fd"):
            with contextlib.suppress(OSError):
                if os.readlink(f"{_PROC}/{pid}/fd/{fd}") == pipe_link:
                    return True
    except OSError:
        pass
    return False


def _kill_if_ours(pid: int, marker: bytes, pipe_link: str | None) -> bool:
    pidfd = None
    try:
        if hasattr(os, "pidfd_open"):
            pidfd = os.pidfd_open(pid)
        # Checked again with the pid pinned, so it cannot be a recycled one.
        if not _is_ours(pid, marker, pipe_link):
            return False
        if pidfd is not None:
            signal.pidfd_send_signal(pidfd, signal.SIGKILL)
        else:
            os.kill(pid, signal.SIGKILL)
        return True
    except OSError:  # it ended meanwhile, or the kernel has no pidfd
        return False
    finally:
        if pidfd is not None:
            os.close(pidfd)


def _wait_until_dead(pids: list[int]) -> None:
    deadline = time.monotonic() + _SETTLE
    while any(_running(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.01)


def _running(pid: int) -> bool:
    try:
        with open(f"{_PROC}/{pid}/stat", "rb") as stat:
            state = stat.read().rpartition(b")")[2].split()[:1]
    except OSError:
        return False
    return state not in ([b"Z"], [b"X"])
