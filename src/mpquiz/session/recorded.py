"""A recorded run beside a verdict whose own run did not show the key (packs.recorded)."""

from __future__ import annotations

from dataclasses import dataclass

from mpquiz.core.grading import Verdict
from mpquiz.core.model import Question
from mpquiz.core.proof import SHOWN
from mpquiz.core.verdict import RunFacts
from mpquiz.packs.recorded import RecordedRun
from mpquiz.session.demo_code import DemoCode


@dataclass(frozen=True)
class Recorded:
    """A pack's recorded run of a question, and the lines of it that prove the key."""

    run: RecordedRun
    lines: tuple[int, ...]


def recorded_proof(code: DemoCode, question: Question, verdict: Verdict) -> Recorded | None:
    """The recorded run to show when this run did not show the key, if the pack keeps one
    that still shows it (a stale recording is not shown)."""
    if verdict.proof is None or verdict.proof.status == SHOWN:
        return None
    recorded = code.recorded(question)
    if recorded is None:
        return None
    facts = RunFacts(recorded.output, ok=recorded.exit_code == 0, cores=recorded.cores)
    proof, lines = question.prove(facts)
    return Recorded(recorded, lines) if proof.status == SHOWN else None
