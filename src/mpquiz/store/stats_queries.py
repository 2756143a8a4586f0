"""A learner's progress, read only: counts, per-topic figures, history, card states."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import case, func
from sqlalchemy import select as core_select
from sqlmodel import Session, col, select

from mpquiz.core.retention import recalled
from mpquiz.core.scheduling import CardState, State
from mpquiz.store.active import only_active
from mpquiz.store.tables import CardRow, QuestionRow, ReviewRow
from mpquiz.store.values import ReviewFact, card_state

REVIEW_STATE = int(State.Review)


def review_count(*, session: Session, learner_id: int) -> int:
    """Reviews the learner has given."""
    return session.exec(
        select(func.count()).select_from(ReviewRow).where(col(ReviewRow.learner_id) == learner_id)
    ).one()


def topic_stats(
    *, session: Session, learner_id: int, pack_ids: Iterable[str] | None = None
) -> dict[tuple[str, str], dict[str, int]]:
    """Per (pack, topic): active questions, reviews and correct answers of the learner."""
    out: dict[tuple[str, str], dict[str, int]] = {}
    q = only_active(
        select(QuestionRow.pack_id, QuestionRow.topic, func.count()), None, None
    ).group_by(col(QuestionRow.pack_id), col(QuestionRow.topic))
    for pack_id, topic, n in session.exec(q):
        out[(pack_id, topic)] = {"questions": n, "reviews": 0, "correct": 0}
    r = (
        select(
            QuestionRow.pack_id,
            QuestionRow.topic,
            func.count(),
            func.sum(case((col(ReviewRow.correct), 1), else_=0)),
        )
        .join(QuestionRow, col(QuestionRow.id) == ReviewRow.question_id)
        .where(col(ReviewRow.learner_id) == learner_id)
        .group_by(col(QuestionRow.pack_id), col(QuestionRow.topic))
    )
    for pack_id, topic, n, right in session.exec(r):
        entry = out.setdefault((pack_id, topic), {"questions": 0, "reviews": 0, "correct": 0})
        entry["reviews"], entry["correct"] = n, int(right or 0)
    if pack_ids is not None:
        wanted = set(pack_ids)
        out = {k: v for k, v in out.items() if k[0] in wanted}
    return out


def count_due(*, session: Session, learner_id: int, now: datetime) -> int:
    """Active cards due at `now`."""
    q = only_active(
        select(func.count())
        .select_from(CardRow)
        .join(QuestionRow, col(QuestionRow.id) == CardRow.question_id)
        .where(col(CardRow.learner_id) == learner_id, col(CardRow.due) <= now),
        None,
        None,
    )
    return session.exec(q).one()


def count_unseen(*, session: Session, learner_id: int) -> int:
    """Active questions the learner has never answered."""
    seen = select(CardRow.question_id).where(col(CardRow.learner_id) == learner_id)
    q = only_active(
        select(func.count()).select_from(QuestionRow).where(col(QuestionRow.id).not_in(seen)),
        None,
        None,
    )
    return session.exec(q).one()


def review_log(*, session: Session, learner_id: int, since: datetime) -> list[ReviewFact]:
    """Every review the learner gave since `since`, oldest first."""
    # SQLAlchemy's own select: SQLModel's types rows of at most four columns.
    query = (
        core_select(
            col(ReviewRow.reviewed_at),
            col(ReviewRow.duration_ms),
            col(ReviewRow.correct),
            col(ReviewRow.mode),
            col(ReviewRow.study_ms),
        )
        .where(col(ReviewRow.learner_id) == learner_id, col(ReviewRow.reviewed_at) >= since)
        .order_by(col(ReviewRow.reviewed_at))
    )
    rows = session.connection().execute(query)
    return [ReviewFact(at, ms, ok, mode, study) for at, ms, ok, mode, study in rows]


def retention_reviews(
    *, session: Session, learner_id: int
) -> list[tuple[str, str, datetime, int, bool]]:
    """Every review the learner gave of a card in review state (FSRS's State.Review before
    the answer), oldest first: its question's pack and topic, when, the rating, and whether
    the learner recalled it (any rating but Again). What true retention counts."""
    query = (
        core_select(
            col(QuestionRow.pack_id),
            col(QuestionRow.topic),
            col(ReviewRow.reviewed_at),
            col(ReviewRow.rating),
            col(ReviewRow.card_before),
        )
        .join(QuestionRow, col(QuestionRow.id) == col(ReviewRow.question_id))
        .where(col(ReviewRow.learner_id) == learner_id, col(ReviewRow.new_card).is_(False))
        .order_by(col(ReviewRow.reviewed_at), col(ReviewRow.id))
    )
    out = []
    for pack_id, topic, at, rating, before in session.connection().execute(query):
        if isinstance(before, dict) and before.get("state") == REVIEW_STATE:
            out.append((pack_id, topic, at, rating, recalled(rating)))
    return out


def question_reviews(
    *, session: Session, learner_id: int, question_id: int
) -> list[tuple[datetime, int]]:
    """The learner's reviews of one question as (when, rating), oldest first."""
    query = (
        core_select(col(ReviewRow.reviewed_at), col(ReviewRow.rating))
        .where(col(ReviewRow.learner_id) == learner_id, col(ReviewRow.question_id) == question_id)
        .order_by(col(ReviewRow.reviewed_at), col(ReviewRow.id))
    )
    return [(at, rating) for at, rating in session.connection().execute(query)]


def study_ms(*, session: Session, learner_id: int, since: datetime | None = None) -> int:
    """The time the learner spent on questions (each review's study_ms), since `since` or
    ever."""
    query = select(func.coalesce(func.sum(ReviewRow.study_ms), 0)).where(
        col(ReviewRow.learner_id) == learner_id
    )
    if since is not None:
        query = query.where(col(ReviewRow.reviewed_at) >= since)
    return int(session.exec(query).one())


def due_dates(*, session: Session, learner_id: int, until: datetime) -> list[datetime]:
    """When each active card of the learner falls due, for those due before `until`."""
    query = only_active(
        select(CardRow.due)
        .join(QuestionRow, col(QuestionRow.id) == CardRow.question_id)
        .where(col(CardRow.learner_id) == learner_id, col(CardRow.due) < until)
    )
    return list(session.exec(query))


def card_states(*, session: Session, learner_id: int) -> list[tuple[str, str, CardState]]:
    """(pack, topic, card) for every active question the learner has a card for."""
    query = only_active(
        select(QuestionRow.pack_id, QuestionRow.topic, CardRow)
        .join(CardRow, col(CardRow.question_id) == QuestionRow.id)
        .where(col(CardRow.learner_id) == learner_id)
    )
    return [(pack, topic, card_state(card)) for pack, topic, card in session.exec(query)]
