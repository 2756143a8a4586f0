"""A new order for a question's options and candidate outputs each time it is shown.

Pack authors tend to write the right option first; shown in pack order, "1" would be a
safe guess. The session shows a shuffled copy, grades the answer against that copy (so
every number the learner reads means what it says), and stores the answer in the pack's
numbering (so stored answers and class reports compare across learners and days). Each
kind shuffles itself (core.kinds).
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from mpquiz.core.kinds import Question


class Shown(NamedTuple):
    """The question as shown, and where each shown option came from."""

    question: Question
    order: tuple[int, ...] = ()
    """Shown option index -> the option's index in the pack (empty: the pack's order)."""

    def stored_answer(self, answer: str) -> str:
        """A parsed answer (see Question.parse) in the pack's numbering."""
        return self.question.stored_answer(answer, self.order)


def as_shown(question: Question, rng: random.Random | None) -> Shown:
    """The question as the learner will see it: shuffled with `rng`, else in pack order."""
    return Shown(question) if rng is None else shuffled(question, rng)


def shuffled(question: Question, rng: random.Random) -> Shown:
    """A copy of `question` with its options or candidate outputs in a random order."""
    copy, order = question.shuffled(rng)
    return Shown(copy, order)
