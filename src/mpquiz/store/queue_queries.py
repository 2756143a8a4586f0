"""The reads that build the day's queue (due cards, new questions, today's new count),
run through the repository's connection: the statements are store.queue_reads's, which
the first look (store.first_look) runs too.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import text, update
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, col

from mpquiz.core.scheduling import CardState
from mpquiz.store import queue_reads
from mpquiz.store.tables import UnseenStartRow
from mpquiz.store.values import StoredQuestion, stored, stored_queue


def _reader(session: Session) -> tuple[queue_reads.Run, queue_reads.Values]:
    """The queue's statements run on the driver's own connection, in the session's
    transaction: plain rows, without SQLAlchemy's per-statement and per-row work (most
    of a small queue's cost)."""
    connection = session.connection()  # begins the session's transaction
    driver: Any = connection.connection.driver_connection
    if connection.dialect.name == "sqlite":  # sqlite3 takes :name parameters as written

        def run(sql: str, params: dict[str, Any]) -> Sequence[Sequence[Any]]:
            return driver.execute(sql, params).fetchall()  # type: ignore[no-any-return]

        return run, queue_reads.Values(sqlite=True)
    if connection.dialect.driver == "psycopg":

        def run_psycopg(sql: str, params: dict[str, Any]) -> Sequence[Sequence[Any]]:
            return driver.execute(queue_reads.pyformat(sql), params).fetchall()  # type: ignore[no-any-return]

        return run_psycopg, queue_reads.Values(sqlite=False)

    def run_any(sql: str, params: dict[str, Any]) -> Sequence[Sequence[Any]]:
        return connection.execute(text(sql), params).all()

    return run_any, queue_reads.Values(sqlite=False)


def day_queue(
    *,
    session: Session,
    learner_id: int,
    now: datetime,
    day_start: datetime,
    new_per_day: int,
    pack_id: str | None = None,
    topic: str | None = None,
) -> list[StoredQuestion]:
    """Today's queue (queue_reads.day_queue), questions decoded on first use; an unseen
    start that moved is saved and committed, as a cache that may fail to be written."""
    run, values = _reader(session)
    queue = queue_reads.day_queue(
        run,
        values,
        learner_id=learner_id,
        now=now,
        day_start=day_start,
        new_per_day=new_per_day,
        pack_id=pack_id,
        topic=topic,
    )
    if queue.moved:
        save_unseen_starts(session, learner_id, queue.moved)
    return stored_queue(queue)


def card(*, session: Session, learner_id: int, question_id: int) -> CardState | None:
    """The learner's card for one question (None: still new)."""
    run, _values = _reader(session)
    row = queue_reads.card(run, learner_id=learner_id, question_id=question_id)
    return None if row is None else CardState(*queue_reads.card_fields(row.card))


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
    run, values = _reader(session)
    rows = queue_reads.due(
        run, values, learner_id=learner_id, now=now, limit=limit, pack_id=pack_id, topic=topic
    )
    return stored(rows)


def unseen(
    *,
    session: Session,
    learner_id: int,
    limit: int,
    pack_id: str | None = None,
    topic: str | None = None,
) -> list[StoredQuestion]:
    """Questions the learner has no card for, in pack order (built-in pack first).

    An unseen start that moved is saved and committed here, as a cache that may fail to
    be written (see below)."""
    run, _values = _reader(session)
    rows, moved = queue_reads.unseen(
        run, learner_id=learner_id, limit=limit, pack_id=pack_id, topic=topic
    )
    if moved:
        save_unseen_starts(session, learner_id, moved)
    return stored(rows)


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
    run, values = _reader(session)
    return queue_reads.introduced_since(
        run, values, learner_id=learner_id, since=since, pack_id=pack_id, topic=topic
    )


def save_unseen_starts(session: Session, learner_id: int, moved: dict[str, int]) -> None:
    """Save the unseen starts that moved, and commit (see below)."""
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
