"""A demo run under a tree supervisor (Linux): the spec sent, the status read back.

The supervisor (mpquiz.runner.tree_supervisor) enforces the timeout, the grace period and
the cleanup of the whole tree by itself, and kills the tree if mpquiz dies; on a timeout
it first asks the demo's Python processes for their stacks (mpquiz.runner.stacks) and
reports the pids it asked. Should the
supervisor itself die without its final report (a demo can kill it: same user) or stop
answering, mpquiz falls back to what it does where there is no supervisor: the process
group kill and the /proc sweep for the run's token.
"""

from __future__ import annotations

import marshal
import os
import select
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from mpquiz.runner import supervisors
from mpquiz.runner.environment import demo_environment
from mpquiz.runner.limits import planned_limits
from mpquiz.runner.process_group import KILL_SETTLE, terminate_group
from mpquiz.runner.spec import DemoSpec
from mpquiz.runner.stacks import MAX_PROCESSES, STACK_WAIT, StackDumps
from mpquiz.runner.started_run import Ending
from mpquiz.runner.stragglers import kill_stragglers
from mpquiz.runner.supervisors import Supervisor
from mpquiz.runner.timeline import Observations, Timeline

# Beyond the timeout, grace and kill time, how long the supervisor may take to report.
_REPORT_MARGIN = 3.0
# How long `pid` waits for the supervisor to say the demo started.
_PID_WAIT = 10.0
_READ_CHUNK = 4096


class SupervisorGone(Exception):
    """A supervisor exited before it could take the spec."""


def start_supervised(
    spec: DemoSpec,
    command: list[str],
    workdir: Path,
    token: str,
    timeline: Timeline | None = None,
    stacks: StackDumps | None = None,
    cpus: list[int] | None = None,
) -> SupervisedRun:
    """Hand the demo to a supervisor (the spare or a new one); raises what Popen raises,
    or SupervisorGone."""
    for _attempt in range(2):  # a spare may have died meanwhile: then one fresh one
        started = time.monotonic()
        supervisor = supervisors.obtain()
        sent = encode_spec(spec, command, workdir, token, started, timeline, stacks, cpus)
        if supervisor.send(sent):
            return SupervisedRun(
                spec, command, supervisor, workdir, token, started, timeline, stacks, cpus
            )
        supervisor.close()
    raise SupervisorGone("the demo's supervisor exited at once")


def encode_spec(
    spec: DemoSpec,
    command: list[str],
    workdir: Path,
    token: str,
    started: float,
    timeline: Timeline | None = None,
    stacks: StackDumps | None = None,
    cpus: list[int] | None = None,
) -> bytes:
    """The control pipe's first message: a length line, then marshal data. `started` is
    mpquiz's time.monotonic() (CLOCK_MONOTONIC, which the supervisor shares); with a
    `timeline` the supervisor also samples the CPU time of the processes it names; with
    `stacks` it asks for them on a timeout; with `cpus` it sets the demo's affinity."""
    env = demo_environment(
        workdir,
        token,
        timeline=None if timeline is None else timeline.environment(),
        stacks=None if stacks is None else stacks.environment(),
        start_method=spec.start_method,
    )
    payload = marshal.dumps(
        {
            "started": started,
            "python": command[0],
            "argv": command,
            "cwd": str(workdir),
            "env": env,
            "timeline": None if timeline is None else str(timeline.path),
            "stacks": None if stacks is None else str(stacks.path),
            "stack_signal": None if stacks is None else stacks.signal,
            "cpus": cpus,
            "limits": planned_limits(spec.timeout, spec.memory_limit),
            "timeout": spec.timeout,
            "grace": spec.grace,
        }
    )
    return b"%d\n" % len(payload) + payload


class SupervisedRun:
    """A demo run by a tree supervisor (see StartedRun)."""

    sweeps = False  # the supervisor finds every descendant itself

    def __init__(
        self,
        spec: DemoSpec,
        command: list[str],
        supervisor: Supervisor,
        workdir: Path,
        token: str,
        started: float,
        timeline: Timeline | None = None,
        stacks: StackDumps | None = None,
        cpus: list[int] | None = None,
    ) -> None:
        self._spec = spec
        self._python = command[0]
        self._supervisor = supervisor
        self.workdir = workdir
        self.token = token
        self.started = started
        self.timeline = timeline
        self.observations = Observations()
        self.stacks = stacks
        self.stack_pids: tuple[int, ...] | None = ()
        self.cpus = cpus
        self._pid: int | None = None
        self._isolated: bool | None = None
        self._known = threading.Event()  # set once the demo started, or could not
        self._stop_sent = False

    @property
    def output_fd(self) -> int:
        return self._supervisor.output_fd

    @property
    def pid(self) -> int | None:
        self._known.wait(_PID_WAIT)
        return self._pid

    def request_stop(self) -> None:
        if not self._stop_sent:
            self._stop_sent = True
            self._supervisor.send(b"k")

    def output_ended(self) -> None:
        pass  # the supervisor sees the exit itself

    def close_output(self) -> None:
        self._supervisor.close_output()

    def watch(self) -> Ending:
        spec = self._spec
        deadline = (
            self.started + spec.timeout + STACK_WAIT + spec.grace + KILL_SETTLE + _REPORT_MARGIN
        )
        try:
            for words in self._reports(deadline):
                if words[0] == "started" and len(words) == 3:
                    self._pid, self._isolated = int(words[1]), words[2] == "1"
                    self._known.set()
                    # The next demo's supervisor boots while this demo runs.
                    supervisors.keep_one_ready()
                elif words[0] == "failed" and len(words) == 3:
                    return Ending(None, 0.0, not_started=self._failure(words[1], int(words[2])))
                elif words[0] == "ended" and len(words) == 4:
                    return self._ended(*words[1:])
                elif words[0] == "stacks":
                    self.stack_pids = _pids(words[1:])
                else:
                    self.observations.take(words)  # the processes it saw, or nothing
        except TimeoutError:
            return self._fall_back("the demo's supervisor stopped answering", timed_out=True)
        finally:
            self._known.set()
            self._supervisor.release()
        status = _exit_status(self._supervisor.popen.returncode)
        return self._fall_back(f"the demo's supervisor ended without a report ({status})")

    def kill_all(self) -> None:
        self._fall_back("")

    def _reports(self, deadline: float) -> Iterator[list[str]]:
        """The status lines, split into words, until end of file; TimeoutError at the
        deadline."""
        fd = self._supervisor.status_fd
        pending = b""
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError
            if not select.select([fd], [], [], left)[0]:
                continue
            chunk = os.read(fd, _READ_CHUNK)
            if not chunk:
                return
            pending += chunk
            *lines, pending = pending.split(b"\n")
            for line in lines:
                if words := line.decode("ascii", "replace").split():
                    yield words

    def _ended(self, code: str, seconds: str, how: str) -> Ending:
        return Ending(
            exit_code=None if code == "none" else int(code),
            duration=float(seconds),
            timed_out=how == "timeout",
            cancelled=how == "cancel",
            network_isolated=self._isolated,
        )

    def _failure(self, step: str, errno: int) -> str:
        if step == "limits":
            return "the resource limits could not be applied"
        reason = os.strerror(errno) if errno else "failed"
        if step == "cpus":
            return f"the CPUs could not be restricted: {reason}"
        if step == "exec":
            return f"{reason}: {self._python}"
        if step == "cwd":
            return f"{reason}: {self.workdir}"
        return f"{reason} ({step})"

    def _fall_back(self, failure: str, timed_out: bool = False) -> Ending:
        """Kill the supervisor, then the demo's group and whatever carries its token."""
        self._supervisor.release(kill=True)
        if self._pid is not None:
            terminate_group(self._pid, self._spec.grace)
        kill_stragglers(self.token)
        return Ending(
            exit_code=None,
            duration=time.monotonic() - self.started,
            timed_out=timed_out,
            network_isolated=self._isolated,
            failure=f"runner failure: {failure}" if failure else None,
        )


def _pids(words: list[str]) -> tuple[int, ...]:
    """The pids of a "stacks" line; malformed words are dropped."""
    pids = []
    for word in words[:MAX_PROCESSES]:
        if word.isdigit() and len(word) < 10:
            pids.append(int(word))
    return tuple(pids)


def _exit_status(code: int | None) -> str:
    if code is not None and code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit code {code}"
