"""Start a demo: command line, working folder, token, and the way it is run.

On Linux a tree supervisor runs it (mpquiz.runner.supervised_run); elsewhere it is
mpquiz's own child (mpquiz.runner.direct_run).
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import time

from mpquiz.runner.direct_run import start_direct
from mpquiz.runner.limits import planned_cpus
from mpquiz.runner.spec import DemoSpec
from mpquiz.runner.stacks import StackDumps
from mpquiz.runner.started_run import StartedRun
from mpquiz.runner.supervised_run import SupervisorGone, start_supervised
from mpquiz.runner.timeline import Timeline, enabled
from mpquiz.runner.workdir import make_workdir, remove_workdir

# The tree supervisor needs PR_SET_CHILD_SUBREAPER and /proc.
SUPERVISED = sys.platform.startswith("linux") and os.path.isdir("/proc")


class CouldNotStart(Exception):
    """The demo's process could not be created; the message says why."""


def demo_command(spec: DemoSpec, python: str) -> list[str]:
    """The command line: unbuffered, so output arrives line by line as it is printed."""
    return [python, "-u", str(spec.script), *spec.args]


def launch(spec: DemoSpec) -> StartedRun:
    """Start the demo, or raise CouldNotStart."""
    python = spec.python or sys.executable
    if not python:
        raise CouldNotStart("no Python interpreter (sys.executable is empty)")
    if spec.python and not (os.path.isfile(python) and os.access(python, os.X_OK)):
        raise CouldNotStart(f"no Python interpreter at {python}")
    try:
        present = spec.script.is_file()
    except OSError as exc:
        raise CouldNotStart(f"cannot read {spec.script}: {exc.strerror}") from exc
    if not present:
        raise CouldNotStart(f"no demo file at {spec.script}")
    if spec.start_method is not None and spec.start_method not in _start_methods():
        raise CouldNotStart(
            f"the start method {spec.start_method!r} is not available on this system "
            f"(it has {', '.join(_start_methods())})"
        )
    try:
        cpus = planned_cpus(spec.cpus)
    except OSError as exc:
        raise CouldNotStart(f"cannot read the CPUs mpquiz may use: {exc}") from exc
    try:
        workdir = make_workdir()
    except OSError as exc:
        raise CouldNotStart(f"cannot create a working folder: {exc}") from exc
    token = secrets.token_hex(16)
    command = demo_command(spec, python)
    timeline = _timeline()
    stacks = _stacks()
    try:
        if SUPERVISED:
            return start_supervised(spec, command, workdir, token, timeline, stacks, cpus)
        started = time.monotonic()
        return start_direct(spec, command, workdir, token, started, timeline, stacks, cpus)
    except (OSError, subprocess.SubprocessError, ValueError, SupervisorGone) as exc:
        remove_workdir(workdir)
        if timeline is not None:
            timeline.remove()
        if stacks is not None:
            stacks.remove()
        raise CouldNotStart(_describe(exc)) from exc


def _start_methods() -> list[str]:
    """The multiprocessing start methods this system has (imported only when asked)."""
    import multiprocessing

    return multiprocessing.get_all_start_methods()


def _timeline() -> Timeline | None:
    """The run's side channel; None when switched off or when it cannot be made (the
    demo runs all the same, unrecorded)."""
    if not enabled():
        return None
    try:
        return Timeline()
    except OSError:
        return None


def _stacks() -> StackDumps | None:
    """Where the run's processes dump their stacks on a timeout; None where there is no
    way to ask them (Windows) or the folder cannot be made (the demo runs all the same)."""
    try:
        return StackDumps()
    except OSError:
        return None


def _describe(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return f"{exc.strerror}: {exc.filename}" if exc.filename else exc.strerror
    if isinstance(exc, subprocess.SubprocessError) and "preexec_fn" in str(exc):
        return "the resource limits or the CPUs could not be applied"
    return str(exc) or type(exc).__name__
