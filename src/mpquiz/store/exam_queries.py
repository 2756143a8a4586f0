"""Exams: the pool a sitting draws from, and one row per sitting, opened and completed."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from mpquiz.core.codec import question_from_dict
from mpquiz.store.active import only_active
from mpquiz.store.tables import CardRow, ExamRow, QuestionRow
from mpquiz.store.values import ExamSummary, StoredQuestion, card_state


def question_pool(
    *,
    session: Session,
    learner_id: int,
    pack_id: str | None = None,
    topics: Iterable[str] | None = None,
    kinds: Iterable[str] | None = None,
) -> list[StoredQuestion]:
    """Active questions (with the learner's card, if any) to draw an exam from."""
    query = only_active(
        select(QuestionRow, CardRow).outerjoin(
            CardRow,
            (col(CardRow.question_id) == QuestionRow.id) & (col(CardRow.learner_id) == learner_id),
        ),
        pack_id,
    )
    if topics is not None:
        query = query.where(col(QuestionRow.topic).in_(list(topics)))
    if kinds is not None:
        query = query.where(col(QuestionRow.kind).in_(list(kinds)))
    query = query.order_by(col(QuestionRow.pack_id), col(QuestionRow.position))
    pool = []
    for q, card in session.exec(query):
        assert q.id is not None  # a stored row has its key
        state = card_state(card) if card is not None else None
        pool.append(StoredQuestion(q.id, question_from_dict(q.data), state))
    return pool


def start_exam(
    *,
    session: Session,
    learner_id: int,
    started_at: datetime,
    minutes: float,
    settings: dict[str, Any],
) -> int:
    """Open an exam row (flushed; the caller commits); its answers are reviews pointing at it."""
    row = ExamRow(
        learner_id=learner_id,
        started_at=started_at,
        minutes=minutes,
        settings=settings,
        per_topic={},
    )
    session.add(row)
    session.flush()
    assert row.id is not None  # set by the flush
    return row.id


def finish_exam(
    *,
    session: Session,
    exam_id: int,
    finished_at: datetime,
    timed_out: bool,
    total: int,
    correct: int,
    per_topic: dict[str, Any],
) -> None:
    """Record the end of an exam and its score. Raises KeyError for an unknown exam."""
    row = session.get(ExamRow, exam_id)
    if row is None:
        raise KeyError(exam_id)
    row.finished_at, row.timed_out = finished_at, timed_out
    row.total, row.correct, row.per_topic = total, correct, per_topic
    session.add(row)


def exams(*, session: Session, learner_id: int, limit: int = 20) -> list[ExamSummary]:
    """The learner's finished exams, newest first."""
    rows = session.exec(
        select(ExamRow)
        .where(col(ExamRow.learner_id) == learner_id, col(ExamRow.finished_at).is_not(None))
        .order_by(col(ExamRow.started_at).desc())
        .limit(limit)
    )
    found = []
    for r in rows:
        assert r.id is not None  # a stored row has its key
        found.append(
            ExamSummary(
                r.id,
                r.started_at,
                r.finished_at,
                r.minutes,
                r.timed_out,
                r.total,
                r.correct,
                dict(r.settings),
                dict(r.per_topic),
            )
        )
    return found
