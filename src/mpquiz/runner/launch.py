"""Start a demo's interpreter: command line, working folder, environment, session, limits."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mpquiz.runner.environment import demo_environment
from mpquiz.runner.limits import planned_limits, preexec_function
from mpquiz.runner.spec import DemoSpec
from mpquiz.runner.workdir import make_workdir, remove_workdir


class CouldNotStart(Exception):
    """The demo's process could not be created; the message says why."""


@dataclass(frozen=True)
class Launched:
    """A demo process just created, with what is needed to watch and clean up after it."""

    popen: subprocess.Popen[bytes]
    workdir: Path
    token: str  # also in the demo's environment, to find its escaped processes
    started: float  # time.monotonic() just before the process was created


def demo_command(spec: DemoSpec, python: str) -> list[str]:
    """The command line: unbuffered, so output arrives line by line as it is printed."""
    return [python, "-u", str(spec.script), *spec.args]


def launch(spec: DemoSpec) -> Launched:
    """Create the demo's process, or raise CouldNotStart."""
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
    started = time.monotonic()
    try:
        popen = subprocess.Popen(
            demo_command(spec, python),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            # Merged into one pipe, so the order of prints and tracebacks is kept.
            stderr=subprocess.STDOUT,
            cwd=workdir,
            env=demo_environment(workdir, token),
            close_fds=True,
            **_isolation_options(spec),
        )
    except (OSError, subprocess.SubprocessError, ValueError) as exc:
        remove_workdir(workdir)
        raise CouldNotStart(_describe(exc)) from exc
    return Launched(popen=popen, workdir=workdir, token=token, started=started)


def _isolation_options(spec: DemoSpec) -> dict[str, Any]:
    if os.name == "nt":
        # Its own group, so a Ctrl+C in mpquiz's console does not reach the demo.
        return {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}
    return {
        # Its own session and process group, which is what gets killed at the end.
        "start_new_session": True,
        "preexec_fn": preexec_function(planned_limits(spec.timeout, spec.memory_limit)),
    }


def _describe(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return f"{exc.strerror}: {exc.filename}" if exc.filename else exc.strerror
    if isinstance(exc, subprocess.SubprocessError) and "preexec_fn" in str(exc):
        return "the resource limits could not be applied"
    return str(exc) or type(exc).__name__
