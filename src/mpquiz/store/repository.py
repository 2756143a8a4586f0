"""All reads and writes of mpquiz's data, each in its own short transaction."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, case, func
from sqlmodel import Session, col, select

from mpquiz.core.codec import question_from_dict, question_to_dict
from mpquiz.core.model import Pack, Question, Text
from mpquiz.core.scheduling import CardState
from mpquiz.store.tables import CardRow, DemoRunRow, Learner, PackRow, QuestionRow, ReviewRow


@dataclass(frozen=True)
class SyncReport:
    """What syncing a pack changed."""

    pack_id: str
    added: int = 0
    updated: int = 0
    retired: int = 0
    unchanged: int = 0
    skipped: bool = False


@dataclass(frozen=True)
class PackInfo:
    """An installed pack as the rest of mpquiz sees it."""

    id: str
    version: str
    title: Text
    languages: tuple[str, ...]
    topics: dict[str, Text]
    root: str
    demos_dir: str
    builtin: bool
    demo_timeout: float
    active_questions: int


@dataclass(frozen=True)
class StoredQuestion:
    """A question with its database id and the learner's card (None while new)."""

    id: int
    question: Question
    card: CardState | None


@dataclass(frozen=True)
class RunRecord:
    """A finished demo run to store."""

    demo: str
    args: tuple[str, ...]
    started_at: datetime
    exit_code: int | None
    duration_ms: int
    timed_out: bool
    truncated: bool
    output: str
    error: str | None = None


@dataclass(frozen=True)
class ReviewRecord:
    """One answer to store, with the card's state before and after it."""

    learner_id: int
    question_id: int
    reviewed_at: datetime
    rating: int
    correct: bool
    answer: str
    duration_ms: int
    mode: str
    before: CardState | None
    after: CardState
    run: RunRecord | None = None


def content_hash(data: Any) -> str:
    """A stable SHA-256 of JSON-able data."""
    blob = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _card_dict(card: CardState) -> dict[str, Any]:
    return {
        "state": card.state,
        "step": card.step,
        "stability": card.stability,
        "difficulty": card.difficulty,
        "due": card.due.isoformat() if card.due else None,
        "last_review": card.last_review.isoformat() if card.last_review else None,
    }


def _card_from_dict(d: dict[str, Any]) -> CardState:
    return CardState(
        state=d["state"],
        step=d["step"],
        stability=d["stability"],
        difficulty=d["difficulty"],
        due=datetime.fromisoformat(d["due"]) if d["due"] else None,
        last_review=datetime.fromisoformat(d["last_review"]) if d["last_review"] else None,
    )


def _card_state(row: CardRow) -> CardState:
    return CardState(row.state, row.step, row.stability, row.difficulty, row.due, row.last_review)


class Store:
    """The repository: every method opens, commits and closes its own session."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

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

    def _filters(self, query: Any, pack_id: str | None, topic: str | None) -> Any:
        query = query.where(col(QuestionRow.retired).is_(False))
        query = query.join(PackRow, PackRow.id == QuestionRow.pack_id).where(
            col(PackRow.retired).is_(False)
        )
        if pack_id:
            query = query.where(QuestionRow.pack_id == pack_id)
        if topic:
            query = query.where(QuestionRow.topic == topic)
        return query

    def due(
        self,
        learner_id: int,
        now: datetime,
        limit: int,
        *,
        pack_id: str | None = None,
        topic: str | None = None,
    ) -> list[StoredQuestion]:
        """Cards due at `now`, most overdue first."""
        with Session(self.engine) as s:
            query = (
                select(CardRow, QuestionRow)
                .join(QuestionRow, QuestionRow.id == CardRow.question_id)
                .where(CardRow.learner_id == learner_id, CardRow.due <= now)
            )
            query = self._filters(query, pack_id, topic).order_by(CardRow.due, CardRow.id)
            return [
                StoredQuestion(q.id, question_from_dict(q.data), _card_state(c))  # type: ignore[arg-type]
                for c, q in s.exec(query.limit(limit))
            ]

    def unseen(
        self, learner_id: int, limit: int, *, pack_id: str | None = None, topic: str | None = None
    ) -> list[StoredQuestion]:
        """Questions the learner has no card for, in pack order (built-in pack first)."""
        with Session(self.engine) as s:
            seen = select(CardRow.question_id).where(CardRow.learner_id == learner_id)
            query = select(QuestionRow).where(col(QuestionRow.id).not_in(seen))
            query = self._filters(query, pack_id, topic).order_by(
                col(PackRow.builtin).desc(), QuestionRow.pack_id, QuestionRow.position
            )
            return [
                StoredQuestion(q.id, question_from_dict(q.data), None)  # type: ignore[arg-type]
                for q in s.exec(query.limit(limit))
            ]

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
                card_before=_card_dict(record.before) if record.before else None,
                new_card=record.before is None or record.before.is_new,
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
            else:
                _apply(card, _card_from_dict(review.card_before))
                card.reps = max(0, card.reps - 1)
                s.add(card)
                s.delete(review)
            s.commit()
            return True

    def review_count(self, learner_id: int) -> int:
        """Reviews the learner has given."""
        with Session(self.engine) as s:
            return s.exec(
                select(func.count())
                .select_from(ReviewRow)
                .where(ReviewRow.learner_id == learner_id)
            ).one()

    # stats --------------------------------------------------------------------------------

    def topic_stats(
        self, learner_id: int, pack_ids: Iterable[str] | None = None
    ) -> dict[tuple[str, str], dict[str, int]]:
        """Per (pack, topic): active questions, reviews and correct answers of the learner."""
        out: dict[tuple[str, str], dict[str, int]] = {}
        with Session(self.engine) as s:
            q = self._filters(
                select(QuestionRow.pack_id, QuestionRow.topic, func.count()), None, None
            ).group_by(QuestionRow.pack_id, QuestionRow.topic)
            for pack_id, topic, n in s.exec(q):
                out[(pack_id, topic)] = {"questions": n, "reviews": 0, "correct": 0}
            r = (
                select(
                    QuestionRow.pack_id,
                    QuestionRow.topic,
                    func.count(),
                    func.sum(case((col(ReviewRow.correct), 1), else_=0)),
                )
                .join(QuestionRow, QuestionRow.id == ReviewRow.question_id)
                .where(ReviewRow.learner_id == learner_id)
                .group_by(QuestionRow.pack_id, QuestionRow.topic)
            )
            for pack_id, topic, n, right in s.exec(r):
                entry = out.setdefault(
                    (pack_id, topic), {"questions": 0, "reviews": 0, "correct": 0}
                )
                entry["reviews"], entry["correct"] = n, int(right or 0)
        if pack_ids is not None:
            wanted = set(pack_ids)
            out = {k: v for k, v in out.items() if k[0] in wanted}
        return out

    def count_due(self, learner_id: int, now: datetime) -> int:
        """Active cards due at `now`."""
        with Session(self.engine) as s:
            q = self._filters(
                select(func.count())
                .select_from(CardRow)
                .join(QuestionRow, QuestionRow.id == CardRow.question_id)
                .where(CardRow.learner_id == learner_id, CardRow.due <= now),
                None,
                None,
            )
            return s.exec(q).one()

    def count_unseen(self, learner_id: int) -> int:
        """Active questions the learner has never answered."""
        with Session(self.engine) as s:
            seen = select(CardRow.question_id).where(CardRow.learner_id == learner_id)
            q = self._filters(
                select(func.count())
                .select_from(QuestionRow)
                .where(col(QuestionRow.id).not_in(seen)),
                None,
                None,
            )
            return s.exec(q).one()


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
