"""The reads that build the day's queue: due cards, new questions, today's new count.

What session.queue.build_queue asks; store.first_look mirrors it without SQLAlchemy.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from sqlalchemy import ColumnElement, func, type_coerce, update
from sqlalchemy import Text as SqlText
from sqlalchemy import select as core_select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Mapped
from sqlmodel import Session, col, select

from mpquiz.core.scheduling import CardState
from mpquiz.store.active import ACTIVE_PACK, ACTIVE_QUESTION, only_active
from mpquiz.store.tables import CardRow, PackRow, QuestionRow, ReviewRow, UnseenStartRow
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

# Built once, as in store.active: building expressions is much of these queries' cost.
_QUESTION_OF_CARD = col(QuestionRow.id) == CardRow.question_id
_RAW_DATA = cast("ColumnElement[str | dict[str, Any]]", type_coerce(QuestionRow.data, SqlText))
"""The question's JSON as the driver returns it (text on SQLite, decoded by psycopg on
PostgreSQL), decoded lazily by StoredQuestion: parsing every due question up front was
most of a queue's cost."""
_LAST_POSITION = (
    select(func.max(QuestionRow.position))
    .where(col(QuestionRow.pack_id) == PackRow.id, ACTIVE_QUESTION)
    .scalar_subquery()
)
"""The position of the last active question of the pack in the enclosing query."""
_FIRST_ANSWER = col(ReviewRow.new_card).is_(True)


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
        core_select(*_CARD_COLUMNS, _QUESTION_ID, _RAW_DATA)
        .join(QuestionRow, _QUESTION_OF_CARD)
        .where(col(CardRow.learner_id) == learner_id, col(CardRow.due) <= now)
    )
    query = only_active(query, pack_id, topic).order_by(col(CardRow.due), col(CardRow.id))
    # Plain rows through the session's connection: no ORM identity map for a read of
    # possibly thousands of rows (the queue's largest part).
    rows = session.connection().execute(query.limit(limit))
    return [
        StoredQuestion(
            question_id, card=CardState(state, step, stability, difficulty, at, last), data=data
        )
        for state, step, stability, difficulty, at, last, question_id, data in rows
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

    Pack by pack, from the learner's unseen start in each (see UnseenStartRow), so the
    cost does not grow with the number of questions already seen. An unseen start that moved
    is saved and committed here, as a cache that may fail to be written (see below).
    """
    found: list[StoredQuestion] = []
    if limit <= 0:
        return found
    packs = (
        select(PackRow.id, UnseenStartRow.position, _LAST_POSITION)
        .outerjoin(
            UnseenStartRow,
            (col(UnseenStartRow.pack_id) == PackRow.id)
            & (col(UnseenStartRow.learner_id) == learner_id),
        )
        .where(ACTIVE_PACK)
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
        query = select(_QUESTION_ID, QuestionRow.position, _RAW_DATA).where(
            col(QuestionRow.pack_id) == pid,
            ACTIVE_QUESTION,
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
            first_unseen = rows[0][1] if rows else end + 1
            if first_unseen != start:
                moved[pid] = first_unseen
        if len(found) >= limit:
            break
    if moved:
        _save_unseen_starts(session, learner_id, moved)
    return found


def new_introduced_since(
    *,
    session: Session,
    learner_id: int,
    since: datetime,
    pack_id: str | None = None,
    topic: str | None = None,
) -> int:
    """How many new questions the learner first answered since `since` (of one pack or
    topic, when given: the daily limit counts within the review's scope)."""
    query = (
        select(func.count())
        .select_from(ReviewRow)
        .where(
            col(ReviewRow.learner_id) == learner_id,
            _FIRST_ANSWER,
            col(ReviewRow.reviewed_at) >= since,
        )
    )
    if pack_id or topic:
        query = query.join(QuestionRow, col(QuestionRow.id) == ReviewRow.question_id)
        if pack_id:
            query = query.where(col(QuestionRow.pack_id) == pack_id)
        if topic:
            query = query.where(col(QuestionRow.topic) == topic)
    return session.exec(query).one()


def _save_unseen_starts(session: Session, learner_id: int, moved: dict[str, int]) -> None:
    # Only a cache, written by a read: when it cannot be written (a read-only file, a
    # concurrent session of the same learner on a server) the queue is right all the
    # same, just slower to find next time.
    try:
        for pack_id, position in moved.items():
            updated = session.exec(
                update(UnseenStartRow)
                .where(
                    col(UnseenStartRow.learner_id) == learner_id,
                    col(UnseenStartRow.pack_id) == pack_id,
                )
                .values(position=position)
            )
            if updated.rowcount == 0:
                session.add(
                    UnseenStartRow(learner_id=learner_id, pack_id=pack_id, position=position)
                )
        session.commit()
    except DBAPIError:
        session.rollback()
