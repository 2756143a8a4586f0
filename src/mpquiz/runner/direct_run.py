"""A demo run as mpquiz's own child process: macOS, other POSIX systems and Windows.

Nothing stands between mpquiz and the demo, so nothing outside mpquiz can clean up if
mpquiz is killed; while it runs, the timeout, cancel and the kill of the process group
(taskkill on Windows) are done here, and DemoProcess sweeps for escaped processes. On a
timeout, before the kill, the demo's Python processes are asked for their stacks and
waited for briefly (mpquiz.runner.stacks; not on Windows).
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from mpquiz.runner.environment import demo_environment
from mpquiz.runner.limits import planned_limits, preexec_function
from mpquiz.runner.process_group import KILL_SETTLE, terminate_group
from mpquiz.runner.spec import DemoSpec
from mpquiz.runner.stacks import StackDumps, ask_group, wait_for_dumps
from mpquiz.runner.started_run import Ending
from mpquiz.runner.timeline import Observations, Timeline
from mpquiz.runner.windows import kill_tree

_POSIX = os.name == "posix"
# The longest sleep between looks at the process (wakes earlier on stop and at end of
# output).
_MAX_POLL = 0.05


def start_direct(
    spec: DemoSpec,
    command: list[str],
    workdir: Path,
    token: str,
    started: float,
    timeline: Timeline | None = None,
    stacks: StackDumps | None = None,
    cpus: list[int] | None = None,
) -> DirectRun:
    """Create the demo's process (on the `cpus` given, if any); raises what Popen raises."""
    popen = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        # Merged into one pipe, so the order of prints and tracebacks is kept.
        stderr=subprocess.STDOUT,
        cwd=workdir,
        env=demo_environment(
            workdir,
            token,
            timeline=None if timeline is None else timeline.environment(),
            stacks=None if stacks is None else stacks.environment(),
            start_method=spec.start_method,
        ),
        close_fds=True,
        **_isolation_options(spec, cpus),
    )
    return DirectRun(spec, popen, workdir, token, started, timeline, stacks, cpus)


def _isolation_options(spec: DemoSpec, cpus: list[int] | None) -> dict[str, Any]:
    if sys.platform == "win32":
        # Its own group, so a Ctrl+C in mpquiz's console does not reach the demo.
        return {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}
    return {
        # Its own session and process group, which is what gets killed at the end.
        "start_new_session": True,
        "preexec_fn": preexec_function(planned_limits(spec.timeout, spec.memory_limit), cpus),
    }


class DirectRun:
    """The demo's process, its group killed by mpquiz (see StartedRun)."""

    sweeps = True

    def __init__(
        self,
        spec: DemoSpec,
        popen: subprocess.Popen[bytes],
        workdir: Path,
        token: str,
        started: float,
        timeline: Timeline | None = None,
        stacks: StackDumps | None = None,
        cpus: list[int] | None = None,
    ) -> None:
        self._spec = spec
        self._popen = popen
        self.workdir = workdir
        self.token = token
        self.started = started
        self.timeline = timeline
        self.observations = Observations()  # no supervisor: nothing but the records
        self.stacks = stacks
        self.stack_pids: tuple[int, ...] | None = ()
        self.cpus = cpus
        self._stop = threading.Event()
        self._wake = threading.Event()

    @property
    def output_fd(self) -> int:
        assert self._popen.stdout is not None  # stdout=PIPE
        return self._popen.stdout.fileno()

    @property
    def pid(self) -> int:
        return self._popen.pid

    def request_stop(self) -> None:
        self._stop.set()
        self._wake.set()

    def output_ended(self) -> None:
        self._wake.set()

    def close_output(self) -> None:
        assert self._popen.stdout is not None
        self._popen.stdout.close()

    def watch(self) -> Ending:
        popen = self._popen
        deadline = self.started + self._spec.timeout
        interval = 0.001
        timed_out = cancelled = False
        while popen.poll() is None:
            if self._stop.is_set():
                cancelled = True
                break
            left = deadline - time.monotonic()
            if left <= 0:
                timed_out = True
                break
            if self._wake.wait(min(interval, left)):
                self._wake.clear()
                interval = 0.001
            else:
                interval = min(interval * 2, _MAX_POLL)
        # The demo's time, not its orphans' cleanup, when it ended by itself.
        ended = time.monotonic() if popen.returncode is not None else None
        if timed_out and self.stacks is not None and _POSIX:
            self.stack_pids = ask_group(popen.pid, self.stacks)
            wait_for_dumps(self.stacks, self.stack_pids, popen.pid, stop=self._stop.is_set)
        # After a timeout or cancel this stops the demo itself; after a normal exit, the
        # orphans it may have left (a no-op when there are none).
        self.kill_all()
        if ended is None:
            ended = time.monotonic()
        return Ending(
            exit_code=popen.returncode,
            duration=ended - self.started,
            timed_out=timed_out,
            cancelled=cancelled,
        )

    def kill_all(self) -> None:
        popen = self._popen
        if _POSIX:
            terminate_group(popen.pid, self._spec.grace, reap=popen.poll)
        elif popen.poll() is None:
            kill_tree(popen.pid)
        if popen.poll() is None:
            popen.kill()
            with contextlib.suppress(subprocess.TimeoutExpired):
                popen.wait(KILL_SETTLE)
