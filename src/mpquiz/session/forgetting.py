"""One question's forgetting curve: the recall probability FSRS predicts for the learner
over time, with their actual answers on it (`mpquiz stats --question`)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from mpquiz.core.refusal import Refusal
from mpquiz.core.retention import recalled
from mpquiz.core.scheduling import CardState, Rating, Scheduler
from mpquiz.store.repository import Store

POINTS = 60
"""Instants the curve is sampled at, from the first answer to the end of the view."""
AHEAD = timedelta(days=30)
"""How far past now (or the question's next due date, if later) the curve goes."""


@dataclass(frozen=True)
class Answer:
    """One answer on the curve."""

    at: datetime
    rating: int
    predicted: float | None
    """The recall probability FSRS gave just before it (None for the first answer)."""

    @property
    def recalled(self) -> bool:
        """Anything but Again (core.retention.recalled)."""
        return recalled(self.rating)


@dataclass(frozen=True)
class Curve:
    """The question's predicted recall over time, and the answers given."""

    name: str
    points: list[tuple[datetime, float]]
    answers: list[Answer]
    due: datetime | None
    now: datetime

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (`stats --question NAME --json`)."""
        return {
            "question": self.name,
            "now": self.now.isoformat(),
            "due": self.due.isoformat() if self.due else None,
            "points": [{"at": at.isoformat(), "recall": round(r, 4)} for at, r in self.points],
            "answers": [
                {
                    "at": a.at.isoformat(),
                    "rating": a.rating,
                    "recalled": a.recalled,
                    "predicted": None if a.predicted is None else round(a.predicted, 4),
                }
                for a in self.answers
            ],
        }


def replay(
    scheduler: Scheduler, reviews: list[tuple[datetime, int]]
) -> tuple[list[Answer], list[tuple[datetime, CardState]]]:
    """The answers with the recall FSRS predicted before each, and the card's state after
    each: the learner's history run through their scheduler as it is now."""
    card = CardState()
    answers: list[Answer] = []
    states: list[tuple[datetime, CardState]] = []
    for at, rating in reviews:
        predicted = None if card.is_new else scheduler.retrievability(card, at)
        answers.append(Answer(at, rating, predicted))
        card = scheduler.review(card, Rating(rating), at)
        states.append((at, card))
    return answers, states


def curve_of(
    scheduler: Scheduler, name: str, reviews: list[tuple[datetime, int]], now: datetime
) -> Curve:
    """The curve of a question answered as `reviews` (oldest first), seen at `now`."""
    answers, states = replay(scheduler, reviews)
    if not states:
        return Curve(name, [], [], None, now)
    due = states[-1][1].due
    start = states[0][0]
    end = max(now, due or now) + AHEAD
    points = []
    index = 0
    for i in range(POINTS):
        at = start + (end - start) * i / (POINTS - 1)
        while index + 1 < len(states) and states[index + 1][0] <= at:
            index += 1
        points.append((at, scheduler.retrievability(states[index][1], at)))
    return Curve(name, points, answers, due, now)


def forgetting_curve(
    store: Store, scheduler: Scheduler, learner_id: int, name: str, now: datetime
) -> Curve | Refusal:
    """The curve of the question called `name` (its id, or PACK:ID), or a refusal naming
    the closest ids."""
    pool = store.question_pool(learner_id)
    for item in pool:
        question = item.question
        if name in (question.qid, f"{question.pack_id}:{question.qid}"):
            return curve_of(scheduler, name, store.question_reviews(learner_id, item.id), now)
    close = difflib.get_close_matches(name, [i.question.qid for i in pool], n=3, cutoff=0.5)
    if close:
        return Refusal.of("stats.question.unknown_close", name=name, close=", ".join(close))
    return Refusal.of("stats.question.unknown", name=name)
