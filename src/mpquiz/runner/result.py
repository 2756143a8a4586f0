"""What a run produced: OutputLine and RunResult (whose processes are ProcessRecords;
their evidence helpers are here too, from mpquiz.core.processes; its stacks on a
timeout are ProcessStacks, from mpquiz.core.stacks)."""

from __future__ import annotations

from dataclasses import dataclass

from mpquiz.core.processes import (
    ProcessRecord,
    ThreadRecord,
    cpu_overlap,
    parallel_processes,
    threads_serialised,
)
from mpquiz.core.stacks import Frame, ProcessStack

__all__ = [
    "Frame",
    "OutputLine",
    "ProcessRecord",
    "ProcessStack",
    "RunResult",
    "ThreadRecord",
    "cpu_overlap",
    "parallel_processes",
    "threads_serialised",
]


@dataclass(frozen=True)
class OutputLine:
    """One line of the demo's merged stdout and stderr."""

    t: float  # seconds since the process started
    text: str  # without its newline, decoded as UTF-8 with errors replaced


@dataclass(frozen=True)
class RunResult:
    """The outcome of one demo run, final once the run has ended."""

    demo: str
    args: tuple[str, ...]
    exit_code: int | None  # None: it could not start; negative: killed by that signal
    duration: float
    timed_out: bool
    truncated: bool
    cancelled: bool
    lines: tuple[OutputLine, ...]
    error: str | None = None
    # True: the demo had a network namespace of its own (no network but its own
    # localhost); False: it could not get one and had the machine's network; None: not
    # tried (not Linux) or it did not start.
    network_isolated: bool | None = None
    # The demo's Python processes, ordered by start (see mpquiz.core.processes for the
    # records and the evidence drawn from them); empty when none could be recorded.
    processes: tuple[ProcessRecord, ...] = ()
    # Cores' worth of CPU that other programs used during the run, on average, on the
    # CPUs the demo could use (runner.machine_load); None where it cannot be measured.
    others_busy: float | None = None
    # Where each Python process of the demo was when the run passed its time limit: its
    # threads' stacks, the main process first (mpquiz.runner.stacks; mpquiz.core.hangs
    # reads a likely cause from them). Empty unless the run timed out, and on Windows.
    stacks: tuple[ProcessStack, ...] = ()
    # How many CPUs the demo was restricted to (DemoSpec.cpus, as applied: at most as many
    # as mpquiz may use); None when it was not restricted, or not started.
    cpus: int | None = None

    @property
    def output(self) -> str:
        """All output lines joined by newlines."""
        return "\n".join(line.text for line in self.lines)

    @property
    def ok(self) -> bool:
        """True when the demo exited with 0 on its own."""
        return self.exit_code == 0 and not self.timed_out and not self.cancelled
