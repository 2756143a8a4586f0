"""The reads that build the day's queue: due cards, new questions, today's new count."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Engine, func, type_coerce, update
from sqlalchemy import Text as SqlText
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, col, select

from mpquiz.core.scheduling import CardState
from mpquiz.store.active import only_active
from mpquiz.store.tables import CardRow, NewFrontierRow, PackRow, QuestionRow, ReviewRow
from mpquiz.store.values import StoredQuestion


class QueueQueries:
    """Mixed into Store: what session.queue.build_queue asks (store.glance mirrors it)."""

    engine: Engine

    def due(
        self,
        learner_id: int,
        now: datetime,
        limit: int,
        *,
        pack_id: str | None = None,
        topic: str | None = None,
    ) -> list[StoredQuestion]:
        """Cards due at `now`, most overdue first (questions decoded on first use)."""
        query = (
            select(*_CARD_COLUMNS, QuestionRow.id, _raw_data())
            .join(QuestionRow, QuestionRow.id == CardRow.question_id)
            .where(CardRow.learner_id == learner_id, CardRow.due <= now)
        )
        query = only_active(query, pack_id, topic).order_by(CardRow.due, CardRow.id)
        # Plain rows through a Core connection: no ORM identity map for a read of
        # possibly thousands of rows (the queue's largest part).
        with self.engine.connect() as conn:
            return [
                StoredQuestion(question_id, card=CardState(*card), data=data)
                for *card, question_id, data in conn.execute(query.limit(limit))
            ]

    def unseen(
        self, learner_id: int, limit: int, *, pack_id: str | None = None, topic: str | None = None
    ) -> list[StoredQuestion]:
        """Questions the learner has no card for, in pack order (built-in pack first).

        Pack by pack, from the learner's frontier in each (see NewFrontierRow), so the
        cost does not grow with the number of questions already seen.
        """
        found: list[StoredQuestion] = []
        if limit <= 0:
            return found
        with Session(self.engine) as s:
            last = (
                select(func.max(QuestionRow.position))
                .where(QuestionRow.pack_id == PackRow.id, col(QuestionRow.retired).is_(False))
                .scalar_subquery()
            )
            packs = (
                select(PackRow.id, NewFrontierRow.position, last)
                .outerjoin(
                    NewFrontierRow,
                    (NewFrontierRow.pack_id == PackRow.id)
                    & (NewFrontierRow.learner_id == learner_id),
                )
                .where(col(PackRow.retired).is_(False))
                .order_by(col(PackRow.builtin).desc(), PackRow.id)
            )
            if pack_id:
                packs = packs.where(PackRow.id == pack_id)
            moved: dict[str, int] = {}
            for pid, start, end in s.exec(packs).all():
                if end is None or (start is not None and start > end):
                    continue  # no active question, or every one already seen
                seen = select(CardRow.id).where(
                    CardRow.learner_id == learner_id, CardRow.question_id == QuestionRow.id
                )
                query = select(QuestionRow.id, QuestionRow.position, _raw_data()).where(
                    QuestionRow.pack_id == pid,
                    col(QuestionRow.retired).is_(False),
                    ~seen.exists(),
                )
                if start is not None:
                    query = query.where(QuestionRow.position >= start)
                if topic:
                    query = query.where(QuestionRow.topic == topic)
                rows = s.exec(
                    query.order_by(QuestionRow.position, QuestionRow.id).limit(limit - len(found))
                ).all()
                found.extend(StoredQuestion(qid, data=data) for qid, _, data in rows)
                if not topic:  # a topic's scan says nothing about the other topics
                    frontier = rows[0][1] if rows else end + 1
                    if frontier != start:
                        moved[pid] = frontier
                if len(found) >= limit:
                    break
            if moved:
                _save_frontiers(s, learner_id, moved)
        return found

    def new_introduced_since(self, learner_id: int, since: datetime) -> int:
        """How many new questions the learner first answered since `since`."""
        with Session(self.engine) as s:
            return s.exec(
                select(func.count())
                .select_from(ReviewRow)
                .where(
                    ReviewRow.learner_id == learner_id,
                    col(ReviewRow.new_card).is_(True),
                    ReviewRow.reviewed_at >= since,
                )
            ).one()


_CARD_COLUMNS = (
    CardRow.state,
    CardRow.step,
    CardRow.stability,
    CardRow.difficulty,
    CardRow.due,
    CardRow.last_review,
)
"""The columns of a card that make its CardState, in CardState's field order."""


def _raw_data() -> Any:
    # The question's JSON as the driver returns it (text on SQLite), decoded lazily by
    # StoredQuestion: parsing every due question up front was most of a queue's cost.
    return type_coerce(QuestionRow.data, SqlText)


def _save_frontiers(s: Session, learner_id: int, moved: dict[str, int]) -> None:
    # Only a cache, written by a read: when it cannot be written (a read-only file, a
    # concurrent session of the same learner on a server) the queue is right all the
    # same, just slower to find next time.
    try:
        for pack_id, position in moved.items():
            updated = s.execute(
                update(NewFrontierRow)
                .where(NewFrontierRow.learner_id == learner_id, NewFrontierRow.pack_id == pack_id)
                .values(position=position)
            )
            if updated.rowcount == 0:  # type: ignore[attr-defined]
                s.add(NewFrontierRow(learner_id=learner_id, pack_id=pack_id, position=position))
        s.commit()
    except DBAPIError:
        s.rollback()
