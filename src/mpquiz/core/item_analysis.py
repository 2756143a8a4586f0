"""Item analysis: each question's facility and discrimination index, as Moodle's quiz
statistics define them, over the attempts a class made.

An attempt is one sitting of several questions scored together: an exam, or one learner's
first answers in review (each question's first answer, the one given before any review
of it taught the learner anything). A question's item score in an attempt is 1 when
answered right, else 0.

- Facility index: the mean item score over the attempts that hold the question (the
  share who got it right). 1.0 (everyone right) or 0.0 (everyone wrong) tells nothing
  about who knows the topic.
- Discrimination index: the Pearson correlation, over those attempts, between the item
  score and the score on the rest of the attempt (the mean of its other questions'
  scores): how well the question separates the learners who do well from those who do
  not. Moodle reads 0.5 and above as very good, 0.3-0.5 adequate, 0.2-0.3 weak, below 0.2
  very weak, negative as a question that probably misleads the strong. It needs
  MIN_ATTEMPTS attempts, and varied scores on both sides; otherwise it is None.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

MIN_ATTEMPTS = 5
"""Attempts holding a question before its discrimination index is computed."""
WEAK = 0.2
"""Below this discrimination index a question is worth a second look."""


@dataclass(frozen=True)
class ItemStats:
    """One question over the attempts that hold it."""

    question: int
    attempts: int
    right: int
    discrimination: float | None
    """None: too few attempts, or no spread in its scores or in the rest's."""

    @property
    def facility(self) -> float:
        """The mean item score (the share answered right)."""
        return self.right / self.attempts if self.attempts else 0.0

    @property
    def second_look(self) -> str | None:
        """Why the question is worth a second look: "everyone_right", "everyone_wrong",
        "weak" (discrimination below WEAK), or None."""
        if self.attempts >= MIN_ATTEMPTS and self.right == self.attempts:
            return "everyone_right"
        if self.attempts >= MIN_ATTEMPTS and self.right == 0:
            return "everyone_wrong"
        if self.discrimination is not None and self.discrimination < WEAK:
            return "weak"
        return None


def item_statistics(
    answers: Iterable[tuple[Hashable, int, bool]],
) -> dict[int, ItemStats]:
    """Each question's statistics from (attempt, question, right) answers: one answer per
    question and attempt (a later one in the same attempt is ignored)."""
    attempts: dict[Hashable, dict[int, int]] = {}
    for attempt, question, answered_right in answers:
        attempts.setdefault(attempt, {}).setdefault(question, int(answered_right))
    pairs: dict[int, list[tuple[int, float | None]]] = {}
    for scores in attempts.values():
        total, count = sum(scores.values()), len(scores)
        for question, score in scores.items():
            rest = (total - score) / (count - 1) if count > 1 else None
            pairs.setdefault(question, []).append((score, rest))
    out = {}
    for question, scored in pairs.items():
        right = sum(score for score, _rest in scored)
        with_rest = [(float(score), rest) for score, rest in scored if rest is not None]
        discrimination = None
        if len(with_rest) >= MIN_ATTEMPTS:
            discrimination = correlation(with_rest)
        out[question] = ItemStats(question, len(scored), right, discrimination)
    return out


def correlation(pairs: list[tuple[float, float]]) -> float | None:
    """Pearson's r of the pairs; None when either side does not vary."""
    n = len(pairs)
    mean_x = sum(x for x, _ in pairs) / n
    mean_y = sum(y for _, y in pairs) / n
    cov = sum((x - mean_x) * (y - mean_y) for x, y in pairs)
    var_x = sum((x - mean_x) ** 2 for x, _ in pairs)
    var_y = sum((y - mean_y) ** 2 for _, y in pairs)
    if var_x <= 1e-12 or var_y <= 1e-12:
        return None
    return cov / math.sqrt(var_x * var_y)
