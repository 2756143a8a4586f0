"""A new order for a question's options and candidate outputs each time it is shown.

Pack authors tend to write the right option first; shown in pack order, "1" would be a
safe guess. The session shows a shuffled copy, grades the answer against that copy (so
every number the learner reads means what it says), and stores the answer in the pack's
numbering (so stored answers and class reports compare across learners and days).
"""

from __future__ import annotations

import dataclasses
import random
from dataclasses import dataclass

from mpquiz.core.model import Kind, Question


@dataclass(frozen=True)
class Shown:
    """The question as shown, and where each shown option came from."""

    question: Question
    order: tuple[int, ...] = ()
    """Shown option index -> the option's index in the pack (empty: the pack's order)."""

    def stored_answer(self, answer: str) -> str:
        """A parsed answer (see core.grading.parse_answer) in the pack's numbering."""
        if self.question.kind is not Kind.CHOICE or not self.order or not answer:
            return answer  # other kinds store values or text, not positions
        picked = sorted(self.order[int(i) - 1] + 1 for i in answer.split(","))
        return ",".join(str(i) for i in picked)


def as_shown(question: Question, rng: random.Random | None) -> Shown:
    """The question as the learner will see it: shuffled with `rng`, else in pack order."""
    return Shown(question) if rng is None else shuffled(question, rng)


def shuffled(question: Question, rng: random.Random) -> Shown:
    """A copy of `question` with its options and candidate outputs in a random order."""
    order = list(range(len(question.options)))
    rng.shuffle(order)
    candidates = list(question.candidates)
    rng.shuffle(candidates)
    copy = dataclasses.replace(
        question,
        options=tuple(question.options[i] for i in order),
        candidates=tuple(candidates),
    )
    return Shown(copy, tuple(order) if question.options else ())
