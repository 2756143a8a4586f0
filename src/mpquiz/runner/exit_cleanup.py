"""Stop the demos still running when the interpreter exits, so none outlives mpquiz.

The runner's threads are daemon threads, so a quitting app is never held up by them;
instead an atexit hook, registered at the first start_demo() (not at import), cancels
every running demo (SIGTERM, grace, SIGKILL) and waits for its tree to be killed. atexit
does not run when mpquiz is killed by a signal: on Linux each demo's tree supervisor
then kills the tree itself, seeing its control pipe close; elsewhere nothing does. A
process forked from mpquiz without exec does not inherit the demos to stop.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import threading
from typing import Any, Protocol


class _Stoppable(Protocol):
    def cancel(self) -> None: ...
    def wait(self, timeout: float | None = None) -> Any: ...


_lock = threading.Lock()
_running: dict[_Stoppable, float] = {}
_hooked = False


def _forget_in_child() -> None:
    global _lock
    _lock = threading.Lock()  # another thread may have held it at the fork
    _running.clear()


def track(process: _Stoppable, stop_time: float) -> None:
    """Remember a running demo (that takes up to `stop_time` s to stop) until untrack()."""
    global _hooked
    with _lock:
        _running[process] = stop_time
        if not _hooked:
            atexit.register(stop_all)
            _hooked = True


def untrack(process: _Stoppable) -> None:
    """Forget a demo whose run has ended."""
    with _lock:
        _running.pop(process, None)


def stop_all() -> None:
    """Cancel every running demo and wait for each to be cleaned up."""
    with _lock:
        running = list(_running.items())
    for process, _ in running:
        process.cancel()
    for process, stop_time in running:
        with contextlib.suppress(Exception):  # TimeoutError: leave it, mpquiz is exiting
            process.wait(stop_time)


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_in_child)
