"""Learners: who studies (their cards, reviews and exams point at their row), and their own
FSRS settings (schema 8)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from mpquiz.core.scheduling import CardState, Tuning
from mpquiz.store.tables import CardRow, Learner, ReviewRow
from mpquiz.store.values import card_state


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
    learner = _learner(session, learner_id)
    learner.fsrs_parameters = None if parameters is None else list(parameters)
    learner.optimized_at, learner.optimized_reviews = now, reviews
    session.add(learner)


def _learner(session: Session, learner_id: int) -> Learner:
    learner = session.get(Learner, learner_id)
    if learner is None:
        raise LookupError(f"no learner {learner_id}")
    return learner


def save_retention(*, session: Session, learner_id: int, retention: float | None) -> None:
    """Store the learner's own desired retention (None: the settings')."""
    learner = _learner(session, learner_id)
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


def cards(*, session: Session, learner_id: int) -> dict[int, CardState]:
    """Every card of the learner, by its id."""
    rows = session.exec(select(CardRow).where(col(CardRow.learner_id) == learner_id))
    return {row.id: card_state(row) for row in rows if row.id is not None}


def save_cards(*, session: Session, learner_id: int, states: dict[int, CardState]) -> int:
    """Give the learner's cards these FSRS states (a rescheduling; the caller commits);
    returns how many were written. A card of another learner is left alone."""
    written = 0
    for card_id, state in states.items():
        row = session.get(CardRow, card_id)
        if row is None or row.learner_id != learner_id:
            continue
        row.state, row.step = state.state, state.step
        row.stability, row.difficulty = state.stability, state.difficulty
        if state.due is not None:
            row.due = state.due
        row.last_review = state.last_review
        session.add(row)
        written += 1
    return written
