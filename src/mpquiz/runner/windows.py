"""Stop a demo on Windows by killing its process tree with `taskkill /T /F`.

This path is present but untested. Windows has no SIGTERM for console programs, so there
is no grace period: the tree is killed at once. The tree is found through parent pids,
so a process whose parent already exited is missed, and nothing is killed after a
normal exit (the leader's pid is gone by then). Resource limits are not applied (see
mpquiz.runner.limits); only the timeout, the output cap, the working folder, the reduced
environment and the closed stdin hold.
"""

from __future__ import annotations

import contextlib
import subprocess

_TASKKILL_TIMEOUT = 10.0


def kill_tree(pid: int) -> None:
    """Kill process `pid` and all its descendants; errors are ignored."""
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        subprocess.run(
            ["taskkill", "/PID", str(pid), "/T", "/F"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=_TASKKILL_TIMEOUT,
            check=False,
        )
