"""All writes of mpquiz's data and the reads that drive a session, each in one transaction."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Engine, delete, func, type_coerce, update
from sqlalchemy import Text as SqlText
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, col, select

from mpquiz.core.codec import question_to_dict
from mpquiz.core.model import Pack, Text
from mpquiz.core.scheduling import CardState
from mpquiz.store.classroom import ClassQueries
from mpquiz.store.engine import location
from mpquiz.store.exams import ExamStore
from mpquiz.store.failures import guard_public_methods
from mpquiz.store.progress import ProgressQueries
from mpquiz.store.queries import only_active
from mpquiz.store.records import (
    ExamSummary,
    PackInfo,
    ReviewRecord,
    RunRecord,
    StoredQuestion,
    SyncReport,
    card_from_dict,
    card_to_dict,
    content_hash,
)
from mpquiz.store.tables import (
    CardRow,
    DemoRunRow,
    Learner,
    NewFrontierRow,
    PackRow,
    QuestionRow,
    ReviewRow,
)

__all__ = [
    "ExamSummary",
    "PackInfo",
    "ReviewRecord",
    "RunRecord",
    "Store",
    "StoredQuestion",
    "SyncReport",
    "content_hash",
]


class Store(ProgressQueries, ExamStore, ClassQueries):
    """The repository: every method opens, commits and closes its own session."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.where = location(engine)

    def close(self) -> None:
        """Release the engine's connections."""
        self.engine.dispose()

    # learners -----------------------------------------------------------------------------

    def learner_id(self, name: str, now: datetime) -> int:
        """The id of learner `name`, created on first use."""
        with Session(self.engine) as s:
            found = s.exec(select(Learner.id).where(Learner.name == name)).first()
            if found is not None:
                return found
            learner = Learner(name=name, created_at=now)
            s.add(learner)
            s.commit()
            assert learner.id is not None
            return learner.id

    # packs --------------------------------------------------------------------------------

    def sync_pack(self, pack: Pack, now: datetime, *, force: bool = False) -> SyncReport:
        """Bring the stored copy of `pack` up to date in one transaction, by question id.

        New ids are added, changed questions updated (their cards kept), missing ones
        retired (never deleted). Skipped when the pack's content is unchanged.
        """
        payloads = {q.qid: question_to_dict(q) for q in pack.questions}
        for payload in payloads.values():
            payload["pack_id"] = pack.id
        meta = {
            "version": pack.version,
            "title": pack.title.to_dict(),
            "languages": list(pack.languages),
            "topics": {k: v.to_dict() for k, v in pack.topics.items()},
            "demo_timeout": pack.demo_timeout,
        }
        pack_hash = content_hash({"meta": meta, "questions": payloads})
        with Session(self.engine) as s:
            row = s.get(PackRow, pack.id)
            if row is not None and row.content_hash == pack_hash and not row.retired and not force:
                if row.root != pack.root or row.demos_dir != pack.demos_dir:
                    row.root, row.demos_dir = pack.root, pack.demos_dir
                    s.add(row)
                    s.commit()
                return SyncReport(pack.id, unchanged=len(payloads), skipped=True)
            if row is None:
                row = PackRow(
                    id=pack.id,
                    content_hash=pack_hash,
                    synced_at=now,
                    root=pack.root,
                    demos_dir=pack.demos_dir,
                    builtin=pack.builtin,
                    **meta,
                )
            else:
                for key, value in meta.items():
                    setattr(row, key, value)
                row.content_hash, row.synced_at, row.retired = pack_hash, now, False
                row.root, row.demos_dir, row.builtin = pack.root, pack.demos_dir, pack.builtin
            s.add(row)
            existing = {
                q.qid: q for q in s.exec(select(QuestionRow).where(QuestionRow.pack_id == pack.id))
            }
            added = updated = unchanged = retired = 0
            for qid, payload in payloads.items():
                digest = content_hash(payload)
                old = existing.pop(qid, None)
                if old is None:
                    s.add(
                        QuestionRow(
                            pack_id=pack.id,
                            qid=qid,
                            topic=payload["topic"],
                            kind=payload["kind"],
                            position=payload["position"],
                            content_hash=digest,
                            data=payload,
                            updated_at=now,
                        )
                    )
                    added += 1
                elif old.content_hash != digest or old.retired:
                    old.topic, old.kind, old.position = (
                        payload["topic"],
                        payload["kind"],
                        payload["position"],
                    )
                    old.content_hash, old.data, old.retired, old.updated_at = (
                        digest,
                        payload,
                        False,
                        now,
                    )
                    s.add(old)
                    updated += 1
                else:
                    unchanged += 1
            for old in existing.values():
                if not old.retired:
                    old.retired, old.updated_at = True, now
                    s.add(old)
                    retired += 1
            # New or moved questions may sit below any learner's frontier in this pack.
            s.execute(delete(NewFrontierRow).where(NewFrontierRow.pack_id == pack.id))
            s.commit()
        return SyncReport(pack.id, added, updated, retired, unchanged)

    def retire_pack(self, pack_id: str, now: datetime) -> int:
        """Retire a pack and its questions (reviews are kept); returns questions retired."""
        with Session(self.engine) as s:
            row = s.get(PackRow, pack_id)
            if row is None:
                return 0
            row.retired, row.synced_at = True, now
            s.add(row)
            rows = s.exec(
                select(QuestionRow).where(
                    QuestionRow.pack_id == pack_id, col(QuestionRow.retired).is_(False)
                )
            )
            count = 0
            for q in rows:
                q.retired, q.updated_at = True, now
                s.add(q)
                count += 1
            s.commit()
            return count

    def packs(self, *, include_retired: bool = False) -> list[PackInfo]:
        """The installed packs, built-in first."""
        with Session(self.engine) as s:
            counts = dict(
                s.exec(
                    select(QuestionRow.pack_id, func.count())
                    .where(col(QuestionRow.retired).is_(False))
                    .group_by(QuestionRow.pack_id)
                ).all()
            )
            query = select(PackRow).order_by(col(PackRow.builtin).desc(), PackRow.id)
            if not include_retired:
                query = query.where(col(PackRow.retired).is_(False))
            return [
                PackInfo(
                    r.id,
                    r.version,
                    Text(r.title),
                    tuple(r.languages),
                    {k: Text(v) for k, v in r.topics.items()},
                    r.root,
                    r.demos_dir,
                    r.builtin,
                    r.demo_timeout,
                    counts.get(r.id, 0),
                )
                for r in s.exec(query)
            ]

    # the day's queue ----------------------------------------------------------------------

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

    # reviews ------------------------------------------------------------------------------

    def record_review(self, record: ReviewRecord) -> int:
        """Store one answer, its demo run and the new card state atomically; returns its id."""
        with Session(self.engine) as s:
            run_id = None
            if record.run is not None:
                run = DemoRunRow(
                    demo=record.run.demo,
                    args=list(record.run.args),
                    started_at=record.run.started_at,
                    exit_code=record.run.exit_code,
                    duration_ms=record.run.duration_ms,
                    timed_out=record.run.timed_out,
                    truncated=record.run.truncated,
                    error=(record.run.error or None) and record.run.error[:500],
                    output=record.run.output,
                )
                s.add(run)
                s.flush()
                run_id = run.id
            card = s.exec(
                select(CardRow).where(
                    CardRow.learner_id == record.learner_id,
                    CardRow.question_id == record.question_id,
                )
            ).first()
            if card is None:
                card = CardRow(
                    learner_id=record.learner_id,
                    question_id=record.question_id,
                    state=record.after.state,
                    created_at=record.reviewed_at,
                    due=record.reviewed_at,
                )
            _apply(card, record.after)
            card.reps += 1
            card.lapses += int(
                record.rating == 1 and record.before is not None and not record.before.is_new
            )
            s.add(card)
            s.flush()
            review = ReviewRow(
                learner_id=record.learner_id,
                question_id=record.question_id,
                card_id=card.id,  # type: ignore[arg-type]
                reviewed_at=record.reviewed_at,
                rating=record.rating,
                correct=record.correct,
                answer=record.answer,
                duration_ms=record.duration_ms,
                mode=record.mode,
                demo_run_id=run_id,
                card_before=card_to_dict(record.before) if record.before else None,
                new_card=record.before is None or record.before.is_new,
                exam_id=record.exam_id,
            )
            s.add(review)
            s.commit()
            assert review.id is not None
            return review.id

    def undo_review(self, review_id: int) -> bool:
        """Take back a review: the card returns to its state before it. False if not found."""
        with Session(self.engine) as s:
            review = s.get(ReviewRow, review_id)
            if review is None:
                return False
            card = s.get(CardRow, review.card_id)
            assert card is not None
            if review.card_before is None:
                s.delete(review)
                s.flush()
                s.delete(card)
                # The question is new again: it may lie below the frontier of its pack.
                s.execute(
                    delete(NewFrontierRow).where(
                        NewFrontierRow.learner_id == card.learner_id,
                        col(NewFrontierRow.pack_id).in_(
                            select(QuestionRow.pack_id).where(QuestionRow.id == card.question_id)
                        ),
                    )
                )
            else:
                _apply(card, card_from_dict(review.card_before))
                card.reps = max(0, card.reps - 1)
                s.add(card)
                s.delete(review)
            s.commit()
            return True


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


def _apply(row: CardRow, card: CardState) -> None:
    row.state, row.step, row.stability, row.difficulty = (
        card.state,
        card.step,
        card.stability,
        card.difficulty,
    )
    if card.due is not None:
        row.due = card.due
    row.last_review = card.last_review


guard_public_methods(Store, lambda store: store.where)
