"""Stop every member of a demo's POSIX process group: SIGTERM, grace, then SIGKILL.

This is how demos are stopped where there is no tree supervisor (macOS, other POSIX
systems), and on Linux the fallback when a demo killed its supervisor.

The demo leads its own session and group (start_new_session=True), so its children and
grandchildren share its group id unless they call setsid() or setpgid() themselves; those
are handled by mpquiz.runner.stragglers on Linux.

Zombies count as gone: orphans are reparented to PID 1 (or a subreaper), and where that is
not a real init (some containers and VMs) their zombies are never reaped and keep the
group id in use, although nothing in them can run. On Linux the members are listed from
/proc to tell them apart; elsewhere `os.killpg(pgid, 0)` is all there is, and such zombies
only cost the grace period.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import time
from collections.abc import Callable

POLL_INTERVAL = 0.02
# How long to wait for SIGKILLed members to vanish; only a process stuck in the kernel
# (uninterruptible sleep) takes longer, and then it is left behind.
KILL_SETTLE = 2.0

_PROC = "/proc"


def group_alive(pgid: int) -> bool:
    """True while a member of the group, other than a zombie, exists."""
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # a member exists that we may not signal
        pass
    members = live_members(pgid)
    return True if members is None else bool(members)


def live_members(pgid: int) -> list[int] | None:
    """Pids of the group's running members from /proc, or None without a Linux /proc."""
    if not sys.platform.startswith("linux") or not os.path.isdir(_PROC):
        return None
    members = []
    for name in os.listdir(_PROC):
        if not name.isdigit():
            continue
        try:
            with open(f"{_PROC}/{name}/stat", "rb") as stat:
                fields = stat.read().rpartition(b")")[2].split()
            if len(fields) < 3 or int(fields[2]) != pgid:
                continue
            # A zombie main thread may still have live threads (it called pthread_exit).
            if fields[0] in (b"Z", b"X") and len(os.listdir(f"{_PROC}/{name}/task")) <= 1:
                continue
        except (OSError, ValueError):  # it ended while we looked
            continue
        members.append(int(name))
    return members


def signal_group(pgid: int, signum: int) -> None:
    """Send `signum` to the whole group; a group already gone is fine."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signum)


def terminate_group(pgid: int, grace: float, reap: Callable[[], object] = lambda: None) -> None:
    """End every member: SIGTERM, up to `grace` seconds to exit, then SIGKILL.

    `reap` is called while waiting so that the caller's own child (the group leader) does
    not linger as a zombie; returns at once if the group is already empty.
    """
    reap()
    if not group_alive(pgid):
        return
    signal_group(pgid, signal.SIGTERM)
    if _wait_until_gone(pgid, grace, reap):
        return
    deadline = time.monotonic() + KILL_SETTLE
    while True:
        # Again at every turn: a member that forked just before dying left a new one.
        signal_group(pgid, signal.SIGKILL)
        if _wait_until_gone(pgid, POLL_INTERVAL, reap) or time.monotonic() > deadline:
            return


def _wait_until_gone(pgid: int, seconds: float, reap: Callable[[], object]) -> bool:
    deadline = time.monotonic() + seconds
    while True:
        reap()
        if not group_alive(pgid):
            return True
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        time.sleep(min(POLL_INTERVAL, left))
