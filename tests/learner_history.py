"""A learner's review history made to differ from FSRS's defaults, for the optimizer, and
written straight into a database (store_history).

The learner forgets `memory` times slower than the defaults assume (FSRS's first four
parameters, the stabilities after a first answer, times `memory`). Their questions are
scheduled by the default scheduler, as mpquiz would before optimizing, and each answer
is right with the probability of recall the true model gives at that moment.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from fsrs import Card, Rating, Scheduler
from fsrs.scheduler import DEFAULT_PARAMETERS
from sqlmodel import Session, col, select

from mpquiz.store.tables import CardRow, QuestionRow, ReviewRow

if TYPE_CHECKING:
    from mpquiz.services import Services

START = datetime(2026, 1, 5, 9, tzinfo=UTC)


def history(
    cards: int, reviews_per_card: int, *, memory: float = 4.0, seed: int = 7
) -> list[tuple[int, datetime, int]]:
    """(card, when, rating) for `cards` cards of `reviews_per_card` reviews each, card by
    card, oldest first (cards are numbered from 1)."""
    rng = random.Random(seed)
    true = list(DEFAULT_PARAMETERS)
    for i in range(4):
        true[i] *= memory
    steps: dict[str, tuple[timedelta, ...]] = {"learning_steps": (), "relearning_steps": ()}
    truth = Scheduler(parameters=true, enable_fuzzing=False, **steps)
    app = Scheduler(enable_fuzzing=False, **steps)
    out: list[tuple[int, datetime, int]] = []
    for card in range(1, cards + 1):
        at = START + timedelta(minutes=card)
        shown, real = Card(card_id=card), Card(card_id=card)
        for k in range(reviews_per_card):
            recall = 0.7 if k == 0 else truth.get_card_retrievability(real, at)
            rating = Rating.Good if rng.random() < recall else Rating.Again
            out.append((card, at, int(rating)))
            shown, _ = app.review_card(shown, rating, at)
            real, _ = truth.review_card(real, rating, at)
            at = shown.due
    return out


def store_history(svc: Services, reviews: list[tuple[int, datetime, int]]) -> None:
    """The learner's reviews, written straight into their cards and reviews."""
    engine = svc.store.engine
    with Session(engine) as session:
        questions = list(session.exec(select(QuestionRow.id).order_by(col(QuestionRow.id))))
        cards: dict[int, int] = {}
        for number, at, rating in reviews:
            if number not in cards:
                row = CardRow(
                    learner_id=svc.learner_id,
                    question_id=questions[number - 1],
                    state=2,
                    created_at=at,
                    due=at,
                )
                session.add(row)
                session.flush()
                assert row.id is not None
                cards[number] = row.id
            session.add(
                ReviewRow(
                    learner_id=svc.learner_id,
                    question_id=questions[number - 1],
                    card_id=cards[number],
                    reviewed_at=at,
                    rating=rating,
                    correct=rating > 1,
                    answer="1",
                )
            )
        session.commit()
