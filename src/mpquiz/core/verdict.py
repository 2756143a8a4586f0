"""What a verdict is made of: the facts of a run, notes, diff lines, and the verdict."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mpquiz.core.text import Text


@dataclass(frozen=True)
class RunFacts:
    """What grading needs to know of a demo run."""

    output: str
    ok: bool
    problem: str | None = None


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


def run_notes(run: RunFacts | None) -> list[Note]:
    """The notes every verdict carries about its run: none, or why it proves nothing."""
    if run is None:
        return [Note("verdict.no_run")]
    if not run.ok:
        return [Note("verdict.run_failed", {"problem": run.problem or "?"})]
    return []


def evidence_lines(evidence: str | None, run: RunFacts | None) -> tuple[int, ...]:
    """The indexes of the output lines that `evidence` (a regular expression) marks."""
    if run is None or not evidence:
        return ()
    pattern = re.compile(evidence)
    return tuple(i for i, line in enumerate(run.output.splitlines()) if pattern.search(line))


def format_number(x: float) -> str:
    """A number as typed back: 3, not 3.0; 0.25 as 0.25."""
    return str(int(x)) if x.is_integer() else repr(x)
