"""Learners: who studies (their cards, reviews and exams point at their row), and their own
FSRS settings (schema 8)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from mpquiz.core.scheduling import Tuning
from mpquiz.store.tables import Learner, ReviewRow


def learner_id(*, session: Session, name: str, now: datetime) -> int:
    """The id of learner `name`, created on first use (flushed; the caller commits)."""
    found = session.exec(select(Learner.id).where(col(Learner.name) == name)).first()
    if found is not None:
        return found
    learner = Learner(name=name, created_at=now)
    session.add(learner)
    session.flush()
    assert learner.id is not None  # set by the flush
    return learner.id


def tuning(*, session: Session, learner_id: int) -> Tuning:
    """The learner's own FSRS settings (the defaults for an unknown learner)."""
    learner = session.get(Learner, learner_id)
    if learner is None:
        return Tuning()
    return Tuning.read(
        learner.fsrs_parameters,
        learner.desired_retention,
        learner.optimized_at,
        learner.optimized_reviews,
    )


def save_tuning(
    *,
    session: Session,
    learner_id: int,
    parameters: tuple[float, ...] | None,
    now: datetime,
    reviews: int,
) -> None:
    """Store the learner's fitted parameters (None: back to the defaults), when and on how
    many reviews they were fitted (the caller commits)."""
    learner = session.get(Learner, learner_id)
    if learner is None:
        raise LookupError(f"no learner {learner_id}")
    learner.fsrs_parameters = None if parameters is None else list(parameters)
    learner.optimized_at, learner.optimized_reviews = now, reviews
    session.add(learner)


def save_retention(*, session: Session, learner_id: int, retention: float | None) -> None:
    """Store the learner's own desired retention (None: the settings')."""
    learner = session.get(Learner, learner_id)
    if learner is None:
        raise LookupError(f"no learner {learner_id}")
    learner.desired_retention = retention
    session.add(learner)


def review_history(*, session: Session, learner_id: int) -> list[tuple[int, datetime, int]]:
    """Every review of the learner as (card, when, rating), card by card, oldest first:
    what FSRS's optimizer learns from."""
    rows = session.exec(
        select(ReviewRow.card_id, ReviewRow.reviewed_at, ReviewRow.rating)
        .where(col(ReviewRow.learner_id) == learner_id)
        .order_by(col(ReviewRow.card_id), col(ReviewRow.reviewed_at), col(ReviewRow.id))
    )
    return [(card, at, rating) for card, at, rating in rows]
