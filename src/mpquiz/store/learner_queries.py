"""Learners: who studies (their cards, reviews and exams point at their row)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from mpquiz.store.tables import Learner


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
