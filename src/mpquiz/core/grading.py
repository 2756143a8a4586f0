"""From a question, the learner's answer and a demo run, decide a verdict.

A learner is never graded wrong because of a lucky or unlucky run: a prediction is right
when it fits this run's output *or* the pack's key, and a run that contradicts the key is
reported as such, not held against the learner. Each kind grades itself (core.kinds);
these functions are the one way in for the rest of mpquiz.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mpquiz.core.kinds.numeric import measured_value
from mpquiz.core.verdict import DiffLine, Note, RunFacts, Verdict

if TYPE_CHECKING:
    from mpquiz.core.kinds import Question

__all__ = [
    "DiffLine",
    "Note",
    "RunFacts",
    "Verdict",
    "answer_key",
    "grade",
    "measured_value",
    "parse_answer",
]


def parse_answer(question: Question, raw: str) -> str:
    """Check and normalise a typed answer; the result is what gets stored.

    Raises:
        AnswerError: the answer does not fit the question (message key and values).
    """
    return question.parse(raw)


def answer_key(question: Question, lang: str) -> str:
    """The right answer of a question, written out for people."""
    return question.key_text(lang)


def grade(question: Question, answer: str, run: RunFacts | None, lang: str) -> Verdict:
    """The verdict for a parsed answer (see `parse_answer`) given this run, if any."""
    return question.grade(answer, run, lang)
