"""Tree supervisor processes (Linux): starting them, one warm spare, and mpquiz's ends of
their pipes.

A supervisor (mpquiz.runner.tree_supervisor) takes about 10 ms to start, most of it the
interpreter; so as soon as a demo has started, one spare is started for the next, which
waits on its control pipe with its network namespace already made. The next demo then
starts as fast as a process forked by mpquiz itself (faster, in fact: the supervisor is
a much smaller process to fork). Only the first demo of a session, and demos started
while the spare is taken, wait for a fresh one. At exit the spare is told to go (end of
file on its control pipe). A process forked from mpquiz without exec closes its copies
of every control pipe, so it cannot keep a supervisor from seeing mpquiz die.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import subprocess
import sys
import threading
import weakref
from pathlib import Path

SCRIPT = Path(__file__).with_name("tree_supervisor.py")
_EXIT_WAIT = 1.0


class Supervisor:
    """One tree supervisor process, and mpquiz's ends of its three pipes."""

    def __init__(
        self, popen: subprocess.Popen[bytes], control: int, status: int, output: int
    ) -> None:
        """Internal: use Supervisor.start()."""
        self.popen = popen
        self._control = control
        self.status_fd = status
        self.output_fd = output
        self._lock = threading.Lock()
        _everyone.add(self)

    @classmethod
    def start(cls) -> Supervisor:
        """Start a supervisor; raises what Popen raises."""
        control_read, control_write = os.pipe()
        status_read, status_write = os.pipe()
        output_read, output_write = os.pipe()
        try:
            popen = subprocess.Popen(
                [sys.executable, "-I", "-S", str(SCRIPT)],
                stdin=control_read,
                stdout=status_write,
                stderr=output_write,
                cwd="/",
                env={},
                close_fds=True,
                # Out of the terminal's reach: Ctrl+C and hang-ups go to mpquiz only.
                start_new_session=True,
            )
        except BaseException:
            for fd in (control_write, status_read, output_read):
                os.close(fd)
            raise
        finally:
            for fd in (control_read, status_write, output_write):
                os.close(fd)
        return cls(popen, control_write, status_read, output_read)

    def alive(self) -> bool:
        """True while the process runs."""
        return self.popen.poll() is None

    def send(self, data: bytes) -> bool:
        """Write to the control pipe; False when the supervisor is gone."""
        with self._lock:
            if self._control < 0:
                return False
            try:
                while data:
                    data = data[os.write(self._control, data) :]
            except OSError:
                return False
            return True

    def release(self, kill: bool = False) -> None:
        """Close the control and status pipes (a supervisor still running then kills its
        tree and exits) and reap the process, killing it first with `kill` or if it does
        not exit soon."""
        with self._lock:
            for fd in (self._control, self.status_fd):
                if fd >= 0:
                    os.close(fd)
            self._control = self.status_fd = -1
        if kill:
            self.popen.kill()
        try:
            self.popen.wait(_EXIT_WAIT)
        except subprocess.TimeoutExpired:
            self.popen.kill()
            self.popen.wait()

    def close_output(self) -> None:
        """Close the read end of the output pipe (once its reader is done with it)."""
        with self._lock:
            if self.output_fd >= 0:
                os.close(self.output_fd)
            self.output_fd = -1

    def close(self) -> None:
        """Release the supervisor and close the output pipe too."""
        self.release()
        self.close_output()

    def _forget_in_child(self) -> None:
        self._lock = threading.Lock()
        with contextlib.suppress(OSError):
            os.close(self._control)
        self._control = -1


# Every supervisor whose control pipe mpquiz holds, for the fork hook.
_everyone: weakref.WeakSet[Supervisor] = weakref.WeakSet()
_lock = threading.Lock()
_spare: Supervisor | None = None
_starting = False
_exiting = False
_hooked = False


def obtain() -> Supervisor:
    """The spare if there is a live one, else a new supervisor (raises what Popen raises)."""
    global _spare
    with _lock:
        spare, _spare = _spare, None
    if spare is not None:
        if spare.alive():
            return spare
        spare.close()
    return Supervisor.start()


def keep_one_ready() -> None:
    """Start a spare unless there is one, one is being started, or mpquiz is exiting;
    errors are ignored (the next demo then starts a supervisor itself, and reports)."""
    global _spare, _hooked, _starting
    with _lock:
        if _spare is not None or _starting or _exiting:
            return
        _starting = True
        if not _hooked:
            # Registered after exit_cleanup's hook, so it runs first: the demos stopped
            # at exit then start no new spare.
            atexit.register(_discard_spare)
            _hooked = True
    fresh = None
    try:
        fresh = Supervisor.start()
    except Exception:
        return
    finally:
        with _lock:
            _starting = False
            if fresh is not None and not _exiting:
                _spare, fresh = fresh, None
        if fresh is not None:
            fresh.close()


def _discard_spare() -> None:
    global _spare, _exiting
    with _lock:
        spare, _spare = _spare, None
        _exiting = True
    if spare is not None:
        spare.close()


def _after_fork_in_child() -> None:
    global _spare, _lock, _starting
    _lock = threading.Lock()  # another thread may have held it at the fork
    for supervisor in list(_everyone):
        supervisor._forget_in_child()
    _spare, _starting = None, False


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)
