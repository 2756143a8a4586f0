"""Queries across all learners, for the instructor's report and the raw export."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any, cast

from sqlalchemy import case, func
from sqlalchemy import select as core_select
from sqlalchemy.orm import Mapped
from sqlmodel import Session, col, select

from mpquiz.core.scheduling import CardState
from mpquiz.store.active import only_active
from mpquiz.store.tables import CardRow, Learner, QuestionRow, ReviewRow
from mpquiz.store.values import card_state

_QUESTION_ID = cast("Mapped[int]", col(QuestionRow.id))
"""The question's key, never NULL in a stored row (SQLModel types it `int | None`, as it is
None before the insert)."""

_EXPORT_KEYS = (
    "review_id",
    "reviewed_at",
    "learner",
    "pack",
    "question",
    "topic",
    "kind",
    "mode",
    "answer",
    "correct",
    "rating",
    "duration_ms",
    "exam_id",
    "proof",
    "study_ms",
)
"""The columns of `export_reviews`, in the order of its select."""


def class_reviews(
    *, session: Session, since: datetime, pack_id: str | None = None
) -> list[tuple[str, str, str, int, int]]:
    """(learner, pack, topic, reviews, correct) for the reviews given since `since`."""
    # SQLAlchemy's own select, here and in export_reviews: SQLModel's types rows of at
    # most four columns. Both run on the session's connection.
    query = (
        core_select(
            col(Learner.name),
            col(QuestionRow.pack_id),
            col(QuestionRow.topic),
            func.count(),
            func.sum(case((col(ReviewRow.correct), 1), else_=0)),
        )
        .join(QuestionRow, col(QuestionRow.id) == ReviewRow.question_id)
        .join(Learner, col(Learner.id) == ReviewRow.learner_id)
        .where(col(ReviewRow.reviewed_at) >= since)
        .group_by(col(Learner.name), col(QuestionRow.pack_id), col(QuestionRow.topic))
    )
    if pack_id:
        query = query.where(col(QuestionRow.pack_id) == pack_id)
    rows = session.connection().execute(query)
    return [(n, p, t, int(r), int(c or 0)) for n, p, t, r, c in rows]


def class_cards(
    *, session: Session, pack_id: str | None = None
) -> list[tuple[str, str, str, CardState]]:
    """(learner, pack, topic, card) for every active card of every learner."""
    query = only_active(
        select(Learner.name, QuestionRow.pack_id, QuestionRow.topic, CardRow)
        .join(CardRow, col(CardRow.question_id) == QuestionRow.id)
        .join(Learner, col(Learner.id) == CardRow.learner_id),
        pack_id,
    )
    return [(n, p, t, card_state(c)) for n, p, t, c in session.exec(query)]


def question_counts(*, session: Session, pack_id: str | None = None) -> dict[tuple[str, str], int]:
    """Active questions per (pack, topic)."""
    query = only_active(
        select(QuestionRow.pack_id, QuestionRow.topic, func.count()), pack_id
    ).group_by(col(QuestionRow.pack_id), col(QuestionRow.topic))
    return {(p, t): int(n) for p, t, n in session.exec(query)}


def learner_names(*, session: Session) -> list[str]:
    """Every learner, by name."""
    return list(session.exec(select(Learner.name).order_by(col(Learner.name))))


def question_outcomes(
    *, session: Session, since: datetime, pack_id: str | None = None
) -> list[tuple[int, int, int]]:
    """(question id, reviews, wrong answers) per question answered since `since`."""
    query = (
        select(
            ReviewRow.question_id,
            func.count(),
            func.sum(case((col(ReviewRow.correct), 0), else_=1)),
        )
        .join(QuestionRow, col(QuestionRow.id) == ReviewRow.question_id)
        .where(col(ReviewRow.reviewed_at) >= since)
        .group_by(col(ReviewRow.question_id))
    )
    if pack_id:
        query = query.where(col(QuestionRow.pack_id) == pack_id)
    return [(q, int(n), int(w or 0)) for q, n, w in session.exec(query)]


def exercise_attempts(
    *, session: Session, since: datetime, pack_id: str | None = None
) -> list[tuple[int, bool, dict[str, Any] | None]]:
    """(question id, passed, the attempt kept: review.exercise) per review of an exercise
    since `since`."""
    query = (
        select(ReviewRow.question_id, ReviewRow.correct, ReviewRow.exercise)
        .join(QuestionRow, col(QuestionRow.id) == ReviewRow.question_id)
        .where(col(ReviewRow.reviewed_at) >= since, col(QuestionRow.kind) == "exercise")
    )
    if pack_id:
        query = query.where(col(QuestionRow.pack_id) == pack_id)
    found = []
    for question_id, correct, kept in session.exec(query):
        found.append((question_id, bool(correct), kept if isinstance(kept, dict) else None))
    return found


def item_answers(
    *, session: Session, since: datetime, pack_id: str | None = None
) -> list[tuple[tuple[str, int], int, bool]]:
    """(attempt, question id, right) for item analysis (core.item_analysis), since
    `since`: each answer in an exam (attempt ("exam", exam id)), and each learner's first
    answer to a question in review (attempt ("review", learner id)); exercises left out
    (their checks have a report of their own)."""
    first_in_review = (col(ReviewRow.mode) == "review") & col(ReviewRow.new_card).is_(True)
    in_exam = (col(ReviewRow.mode) == "exam") & col(ReviewRow.exam_id).is_not(None)
    query = (
        core_select(
            col(ReviewRow.learner_id),
            col(ReviewRow.exam_id),
            col(ReviewRow.question_id),
            col(ReviewRow.correct),
        )
        .join(QuestionRow, col(QuestionRow.id) == ReviewRow.question_id)
        .where(
            col(ReviewRow.reviewed_at) >= since,
            col(QuestionRow.kind) != "exercise",
            first_in_review | in_exam,
        )
        .order_by(col(ReviewRow.reviewed_at), col(ReviewRow.id))
    )
    if pack_id:
        query = query.where(col(QuestionRow.pack_id) == pack_id)
    found: list[tuple[tuple[str, int], int, bool]] = []
    for learner, exam, question, right in session.connection().execute(query):
        attempt = ("exam", int(exam)) if exam is not None else ("review", int(learner))
        found.append((attempt, int(question), bool(right)))
    return found


def wrong_answers(
    *, session: Session, question_ids: list[int], since: datetime
) -> list[tuple[int, str, int]]:
    """(question id, answer, how many gave it) for the wrong answers to these questions."""
    if not question_ids:
        return []
    query = (
        select(ReviewRow.question_id, ReviewRow.answer, func.count())
        .where(
            col(ReviewRow.question_id).in_(question_ids),
            col(ReviewRow.correct).is_(False),
            col(ReviewRow.reviewed_at) >= since,
        )
        .group_by(col(ReviewRow.question_id), col(ReviewRow.answer))
        .order_by(func.count().desc())
    )
    return [(q, a, int(n)) for q, a, n in session.exec(query)]


def question_data(*, session: Session, question_ids: list[int]) -> dict[int, dict[str, Any]]:
    """The stored JSON of these questions, by id."""
    if not question_ids:
        return {}
    rows = session.exec(
        select(_QUESTION_ID, col(QuestionRow.data)).where(col(QuestionRow.id).in_(question_ids))
    )
    return {qid: data for qid, data in rows}


def export_reviews(
    *, session: Session, since: datetime, pack_id: str | None = None
) -> Iterator[dict[str, Any]]:
    """Every review since `since`, flattened for a spreadsheet, oldest first."""
    query = (
        core_select(
            col(ReviewRow.id),
            col(ReviewRow.reviewed_at),
            col(Learner.name),
            col(QuestionRow.pack_id),
            col(QuestionRow.qid),
            col(QuestionRow.topic),
            col(QuestionRow.kind),
            col(ReviewRow.mode),
            col(ReviewRow.answer),
            col(ReviewRow.correct),
            col(ReviewRow.rating),
            col(ReviewRow.duration_ms),
            col(ReviewRow.exam_id),
            col(ReviewRow.proof),
            col(ReviewRow.study_ms),
        )
        .join(QuestionRow, col(QuestionRow.id) == ReviewRow.question_id)
        .join(Learner, col(Learner.id) == ReviewRow.learner_id)
        .where(col(ReviewRow.reviewed_at) >= since)
        .order_by(col(ReviewRow.reviewed_at), col(ReviewRow.id))
    )
    if pack_id:
        query = query.where(col(QuestionRow.pack_id) == pack_id)
    for row in session.connection().execute(query.execution_options(yield_per=1000)):
        item = dict(zip(_EXPORT_KEYS, row, strict=True))
        item["reviewed_at"] = item["reviewed_at"].isoformat()
        yield item
