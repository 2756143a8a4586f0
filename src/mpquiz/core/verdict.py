"""What a verdict is made of: the facts of a run, notes, diff lines, and the verdict."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mpquiz.core.text import Text

if TYPE_CHECKING:
    from mpquiz.core.exercise import CheckResult, Report
    from mpquiz.core.processes import ProcessRecord
    from mpquiz.core.proof import ProofCheck


@dataclass(frozen=True)
class RunFacts:
    """What grading needs to know of a demo run."""

    output: str
    ok: bool
    problem: str | None = None
    timed_out: bool = False
    cores: int | None = None
    """How many CPUs the demo could use (None: not known)."""
    load: float | None = None
    """The machine's load average over the last minute when the run ended."""
    others: float | None = None
    """Cores' worth of CPU other programs used during the run (None: not measured)."""
    processes: tuple[ProcessRecord, ...] = ()
    """What its processes did (core.processes), when the run recorded them."""
    duration: float | None = None
    """Its wall time in seconds, when it ran."""
    report: Report | None = None
    """An exercise's checks of the attempt this run belongs to (core.exercise)."""


@dataclass(frozen=True)
class Note:
    """A remark on a verdict, as a message key for the translation layer and its values."""

    key: str
    params: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class DiffLine:
    """One line of the comparison between a prediction and the real output."""

    tag: str
    """" " in both, "-" only in the prediction, "+" only in the real output."""
    text: str


@dataclass(frozen=True)
class Verdict:
    """The outcome of one answer. `correct` is None for open questions until self-rated."""

    correct: bool | None
    key: str
    notes: tuple[Note, ...] = ()
    diff: tuple[DiffLine, ...] = ()
    evidence: tuple[int, ...] = ()
    feedback: tuple[Text, ...] = ()
    run_value: float | None = None
    proof: ProofCheck | None = None
    """What this run showed of the key (core.proof); None only for verdicts built by
    hand."""
    checks: tuple[CheckResult, ...] = ()
    """An exercise's checks, each passed, failed or not measurable (core.exercise)."""


def evidence_lines(evidence: str | None, run: RunFacts | None) -> tuple[int, ...]:
    """The indexes of the output lines that `evidence` (a regular expression) marks."""
    if run is None or not evidence:
        return ()
    pattern = re.compile(evidence)
    return tuple(i for i, line in enumerate(run.output.splitlines()) if pattern.search(line))


def format_number(x: float) -> str:
    """A number as typed back: 3, not 3.0; 0.25 as 0.25."""
    return str(int(x)) if x.is_integer() else repr(x)
