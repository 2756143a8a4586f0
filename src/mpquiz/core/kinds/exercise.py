"""Exercises: the learner writes (or fixes) a program; mpquiz runs it and checks it.

The starter is the question's `demo` (shown, and it runs as is), or the marked region
`edit` of it that the learner edits in place. `solution` is a program of the pack never
shown before the learner passes or gives up; `reference` (default: the starter) is the
sequential program its output and speed are compared with. The checks are core.exercise's;
grading reads their results from the run's facts (RunFacts.report), put there by the
session that ran them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from mpquiz.core.errors import AnswerError
from mpquiz.core.kinds.base import Kind, QuestionBase, common_fields

if TYPE_CHECKING:
    import random

    from mpquiz.core.exercise import ExerciseCheck
    from mpquiz.core.verdict import RunFacts, Verdict

MAX_PROGRAM = 64 * 1024
"""The longest program taken, in characters."""


@dataclass(frozen=True, kw_only=True)
class ExerciseQuestion(QuestionBase):
    """A program to write; right when every check that could be judged passed."""

    kind: ClassVar[Kind] = Kind.EXERCISE
    in_exams: ClassVar[bool] = False  # its checks take runs, not a glance at a key
    solution: str
    reference: str | None = None
    edit: str | None = None
    """The marked region of the starter the learner edits; None: the whole file."""
    checks: tuple[ExerciseCheck, ...] = ()

    @property
    def reference_demo(self) -> str:
        """The sequential reference program (the starter unless the pack names one)."""
        return self.reference or self.demo

    def parse(self, raw: str) -> str:
        """The program as written (tabs and trailing blanks kept; it must not be empty)."""
        if not raw.strip():
            raise AnswerError("answer.empty")
        if len(raw) > MAX_PROGRAM:
            raise AnswerError("answer.program_too_long", n=MAX_PROGRAM)
        return raw.rstrip() + "\n"

    def key_text(self, lang: str) -> str:
        """What the program must do: each check's message."""
        return "\n".join(f"• {c.message.get(lang)}" for c in self.checks)

    def grade(self, answer: str, run: RunFacts | None, lang: str) -> Verdict:
        """Right when no check failed in the attempt's report; no report (nothing ran):
        no verdict, as for an open question, with the reason in the proof."""
        from mpquiz.core.proof import NO_RUN, NOT_SHOWN, SHOWN, ProofCheck
        from mpquiz.core.verdict import Note, Verdict

        report = run.report if run is not None else None
        if report is None:
            why = ProofCheck(NO_RUN, reason=Note("proof.no_run"))
            return Verdict(None, self.key_text(lang), proof=why)
        unjudged = report.unmeasurable
        if report.failed:
            first = report.failed[0]
            proof = ProofCheck(SHOWN, reason=first.detail)  # the run shows it is not so
        elif unjudged:
            proof = ProofCheck(NOT_SHOWN, reason=unjudged[0].detail)
        else:
            proof = ProofCheck(SHOWN)
        return Verdict(report.passed, self.key_text(lang), proof=proof, checks=report.results)

    def shuffled(self, rng: random.Random) -> tuple[ExerciseQuestion, tuple[int, ...]]:
        """Nothing to shuffle."""
        return self, ()

    def answer_in_words(self, answer: str, lang: str) -> str:
        """The program's first line and its size."""
        lines = answer.splitlines()
        first = next((ln.strip() for ln in lines if ln.strip()), "")
        return f"{first} … ({len(lines)} lines)" if len(lines) > 1 else first

    def to_dict(self) -> dict[str, Any]:
        """JSON-able data (see core.codec)."""
        return {
            "kind": self.kind.value,
            **self.common_dict(),
            "solution": self.solution,
            "reference": self.reference,
            "edit": self.edit,
            "checks": [json.loads(c.table) for c in self.checks],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ExerciseQuestion:
        """The inverse of to_dict (the checks are read into core.exercise's types, which
        load with the first exercise: the app's first frame decodes one question)."""
        checks = d.get("checks", ())
        if checks:
            from mpquiz.core.exercise import check_from_table
        return cls(
            **common_fields(d),
            solution=d.get("solution", ""),
            reference=d.get("reference"),
            edit=d.get("edit"),
            checks=tuple(check_from_table(c) for c in checks),
        )
