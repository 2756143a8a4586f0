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
from mpquiz.runner.spec import DemoSpec
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
    python = sys.executable
    if not python:
        raise CouldNotStart("no Python interpreter (sys.executable is empty)")
    try:
        present = spec.script.is_file()
    except OSError as exc:
        raise CouldNotStart(f"cannot read {spec.script}: {exc.strerror}") from exc
    if not present:
        raise CouldNotStart(f"no demo file at {spec.script}")
    try:
        workdir = make_workdir()
    except OSError as exc:
        raise CouldNotStart(f"cannot create a working folder: {exc}") from exc
    token = secrets.token_hex(16)
    command = demo_command(spec, python)
    timeline = _timeline()
    try:
        if SUPERVISED:
            return start_supervised(spec, command, workdir, token, timeline)
        return start_direct(spec, command, workdir, token, time.monotonic(), timeline)
    except (OSError, subprocess.SubprocessError, ValueError, SupervisorGone) as exc:
        remove_workdir(workdir)
        if timeline is not None:
            timeline.remove()
        raise CouldNotStart(_describe(exc)) from exc


def _timeline() -> Timeline | None:
    """The run's side channel; None when switched off or when it cannot be made (the
    demo runs all the same, unrecorded)."""
    if not enabled():
        return None
    try:
        return Timeline()
    except OSError:
        return None


def _describe(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return f"{exc.strerror}: {exc.filename}" if exc.filename else exc.strerror
    if isinstance(exc, subprocess.SubprocessError) and "preexec_fn" in str(exc):
        return "the resource limits could not be applied"
    return str(exc) or type(exc).__name__
