"""The reads that build the day's queue: due cards, new questions, today's new count.

What session.queue.build_queue asks; store.glance mirrors it without SQLAlchemy.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from sqlalchemy import Text as SqlText
from sqlalchemy import func, type_coerce, update
from sqlalchemy import select as core_select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Mapped
from sqlmodel import Session, col, select

from mpquiz.core.scheduling import CardState
from mpquiz.store.active import only_active
from mpquiz.store.tables import CardRow, NewFrontierRow, PackRow, QuestionRow, ReviewRow
from mpquiz.store.values import StoredQuestion

_CARD_COLUMNS = (
    col(CardRow.state),
    col(CardRow.step),
    col(CardRow.stability),
    col(CardRow.difficulty),
    col(CardRow.due),
    col(CardRow.last_review),
)
"""The columns of a card that make its CardState, in CardState's field order."""

_QUESTION_ID = cast("Mapped[int]", col(QuestionRow.id))
"""The question's key, never NULL in a stored row (SQLModel types it `int | None`, as it is
None before the insert)."""


def due(
    *,
    session: Session,
    learner_id: int,
    now: datetime,
    limit: int,
    pack_id: str | None = None,
    topic: str | None = None,
) -> list[StoredQuestion]:
    """Cards due at `now`, most overdue first (questions decoded on first use)."""
    # SQLAlchemy's own select: SQLModel's types rows of at most four columns.
    query = (
        core_select(*_CARD_COLUMNS, _QUESTION_ID, _raw_data())
        .join(QuestionRow, col(QuestionRow.id) == CardRow.question_id)
        .where(col(CardRow.learner_id) == learner_id, col(CardRow.due) <= now)
    )
    query = only_active(query, pack_id, topic).order_by(col(CardRow.due), col(CardRow.id))
    # Plain rows through the session's connection: no ORM identity map for a read of
    # possibly thousands of rows (the queue's largest part).
    return [
        StoredQuestion(question_id, card=CardState(*card), data=data)
        for *card, question_id, data in session.connection().execute(query.limit(limit))
    ]


def unseen(
    *,
    session: Session,
    learner_id: int,
    limit: int,
    pack_id: str | None = None,
    topic: str | None = None,
) -> list[StoredQuestion]:
    """Questions the learner has no card for, in pack order (built-in pack first).

    Pack by pack, from the learner's frontier in each (see NewFrontierRow), so the
    cost does not grow with the number of questions already seen. A frontier that moved
    is saved and committed here, as a cache that may fail to be written (see below).
    """
    found: list[StoredQuestion] = []
    if limit <= 0:
        return found
    last = (
        select(func.max(QuestionRow.position))
        .where(col(QuestionRow.pack_id) == PackRow.id, col(QuestionRow.retired).is_(False))
        .scalar_subquery()
    )
    packs = (
        select(PackRow.id, NewFrontierRow.position, last)
        .outerjoin(
            NewFrontierRow,
            (col(NewFrontierRow.pack_id) == PackRow.id)
            & (col(NewFrontierRow.learner_id) == learner_id),
        )
        .where(col(PackRow.retired).is_(False))
        .order_by(col(PackRow.builtin).desc(), col(PackRow.id))
    )
    if pack_id:
        packs = packs.where(col(PackRow.id) == pack_id)
    moved: dict[str, int] = {}
    for pid, start, end in session.exec(packs).all():
        if end is None or (start is not None and start > end):
            continue  # no active question, or every one already seen
        seen = select(CardRow.id).where(
            col(CardRow.learner_id) == learner_id, col(CardRow.question_id) == QuestionRow.id
        )
        query = select(_QUESTION_ID, QuestionRow.position, _raw_data()).where(
            col(QuestionRow.pack_id) == pid,
            col(QuestionRow.retired).is_(False),
            ~seen.exists(),
        )
        if start is not None:
            query = query.where(col(QuestionRow.position) >= start)
        if topic:
            query = query.where(col(QuestionRow.topic) == topic)
        rows = session.exec(
            query.order_by(col(QuestionRow.position), col(QuestionRow.id)).limit(limit - len(found))
        ).all()
        found.extend(StoredQuestion(qid, data=data) for qid, _, data in rows)
        if not topic:  # a topic's scan says nothing about the other topics
            frontier = rows[0][1] if rows else end + 1
            if frontier != start:
                moved[pid] = frontier
        if len(found) >= limit:
            break
    if moved:
        _save_frontiers(session, learner_id, moved)
    return found


def new_introduced_since(*, session: Session, learner_id: int, since: datetime) -> int:
    """How many new questions the learner first answered since `since`."""
    return session.exec(
        select(func.count())
        .select_from(ReviewRow)
        .where(
            col(ReviewRow.learner_id) == learner_id,
            col(ReviewRow.new_card).is_(True),
            col(ReviewRow.reviewed_at) >= since,
        )
    ).one()


def _raw_data() -> Any:
    # The question's JSON as the driver returns it (text on SQLite), decoded lazily by
    # StoredQuestion: parsing every due question up front was most of a queue's cost.
    return type_coerce(QuestionRow.data, SqlText)


def _save_frontiers(session: Session, learner_id: int, moved: dict[str, int]) -> None:
    # Only a cache, written by a read: when it cannot be written (a read-only file, a
    # concurrent session of the same learner on a server) the queue is right all the
    # same, just slower to find next time.
    try:
        for pack_id, position in moved.items():
            updated = session.exec(
                update(NewFrontierRow)
                .where(
                    col(NewFrontierRow.learner_id) == learner_id,
                    col(NewFrontierRow.pack_id) == pack_id,
                )
                .values(position=position)
            )
            if updated.rowcount == 0:
                session.add(
                    NewFrontierRow(learner_id=learner_id, pack_id=pack_id, position=position)
                )
        session.commit()
    except DBAPIError:
        session.rollback()
