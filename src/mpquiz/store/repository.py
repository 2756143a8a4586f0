"""All writes of mpquiz's data and the reads that drive a session, each in one transaction."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine, delete, func
from sqlmodel import Session, col, select

from mpquiz.core.codec import question_to_dict
from mpquiz.core.model import Pack, Text
from mpquiz.core.scheduling import CardState
from mpquiz.store.classroom import ClassQueries
from mpquiz.store.engine import location
from mpquiz.store.exams import ExamStore
from mpquiz.store.failures import guard_public_methods
from mpquiz.store.progress import ProgressQueries
from mpquiz.store.queue_reads import QueueQueries
from mpquiz.store.tables import (
    CardRow,
    DemoRunRow,
    Learner,
    NewFrontierRow,
    PackRow,
    QuestionRow,
    ReviewRow,
)
from mpquiz.store.values import (
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


class Store(QueueQueries, ProgressQueries, ExamStore, ClassQueries):
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
