"""What launch() returns: the interface of a started run, and the Ending it reports.

Two kinds implement it: SupervisedRun (Linux: a tree supervisor between mpquiz and the
demo) and DirectRun (elsewhere: mpquiz's own child process, killed by process group).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from mpquiz.runner.stacks import StackDumps
from mpquiz.runner.timeline import Observations, Timeline


@dataclass(frozen=True)
class Ending:
    """How a run ended, once its processes are gone (or given up on)."""

    exit_code: int | None  # as Popen.returncode; None when unknown or never started
    duration: float  # from the start to the main process's exit, or to the kill
    timed_out: bool = False
    cancelled: bool = False
    network_isolated: bool | None = None
    failure: str | None = None  # the runner's own trouble, for RunResult.error
    not_started: str | None = None  # why the demo could not start


class StartedRun(Protocol):
    """A demo process just started, watched by one thread of its DemoProcess."""

    workdir: Path
    token: str  # also in the demo's environment, to find its escaped processes
    started: float  # time.monotonic() just before the start
    sweeps: bool  # True when the caller should sweep for escaped processes afterwards
    timeline: Timeline | None  # the side channel of its processes' records, if any
    observations: Observations  # what a supervisor saw of them (filled by watch())
    stacks: StackDumps | None  # where its processes dump their stacks on a timeout
    # The pids asked for their stacks once it timed out (filled by watch()): () when none
    # were, None when they are not known (the whole group was signalled).
    stack_pids: tuple[int, ...] | None
    cpus: list[int] | None  # the CPUs it was restricted to (DemoSpec.cpus), if any

    @property
    def output_fd(self) -> int:
        """The read end of the demo's output pipe."""
        ...

    @property
    def pid(self) -> int | None:
        """The demo's main process id; None when it did not start."""
        ...

    def request_stop(self) -> None:
        """Ask for the tree to be stopped now; returns at once, from any thread."""
        ...

    def output_ended(self) -> None:
        """The output pipe reached end of file (the process is probably exiting)."""
        ...

    def close_output(self) -> None:
        """Close the read end of the output pipe, once the reader is done with it."""
        ...

    def watch(self) -> Ending:
        """Block until the demo has exited, timed out or been stopped, and its tree is
        gone; then say how it ended."""
        ...

    def kill_all(self) -> None:
        """Kill everything at once, after a failure of the runner itself."""
        ...
