"""The store's facade: one method per question mpquiz asks, each one transaction.

The queries are plain functions taking the session as a keyword (learner_, pack_, queue_,
review_, stats_, exam_, class_ and meta_queries); the facade opens the session, commits a
write and turns database errors into StoreError.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

from mpquiz.core import collector
from mpquiz.core.model import Pack
from mpquiz.core.scheduling import CardState, Tuning
from mpquiz.store import (
    class_queries,
    exam_queries,
    learner_queries,
    meta_queries,
    pack_queries,
    queue_queries,
    review_queries,
    stats_queries,
)
from mpquiz.store.engine import READ_ONLY, location
from mpquiz.store.failures import explain
from mpquiz.store.values import (
    ExamSummary,
    PackInfo,
    ReviewFact,
    ReviewRecord,
    RunRecord,
    StoredQuestion,
    SyncReport,
)

__all__ = [
    "ExamSummary",
    "PackInfo",
    "ReviewRecord",
    "RunRecord",
    "Store",
    "StoredQuestion",
    "SyncReport",
]


class Store:
    """The repository: every method opens, commits and closes its own session; database
    errors come out as StoreError (store.failures.explain), others unchanged."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.reader = engine.execution_options(**{READ_ONLY: True})
        """The same engine for transactions that only read (store.engine._begin)."""
        self.where = location(engine)

    def close(self) -> None:
        """Release the engine's connections."""
        self.engine.dispose()

    @contextmanager
    def _session(self, *, may_write: bool = False) -> Iterator[Session]:
        """A session for one transaction, rolled back when it closes uncommitted; one
        that only reads unless `may_write` (a read that may commit a cache too)."""
        try:
            with Session(self.engine if may_write else self.reader) as session:
                yield session
        except DBAPIError as exc:  # OperationalError is one of them
            raise explain(exc, self.where) from exc

    @contextmanager
    def _transaction(self) -> Iterator[Session]:
        """A session whose work is committed when the block ends without an error."""
        with self._session(may_write=True) as session:
            yield session
            session.commit()

    def learner_id(self, name: str, now: datetime) -> int:
        """The id of learner `name`, created on first use."""
        with self._transaction() as session:
            return learner_queries.learner_id(session=session, name=name, now=now)

    def tuning(self, learner_id: int) -> Tuning:
        """The learner's own FSRS settings (schema 8)."""
        with self._session() as session:
            return learner_queries.tuning(session=session, learner_id=learner_id)

    def save_tuning(
        self, learner_id: int, parameters: tuple[float, ...] | None, now: datetime, *, reviews: int
    ) -> None:
        """Store the learner's fitted FSRS parameters (None: the defaults again), fitted at
        `now` on `reviews` reviews."""
        with self._transaction() as session:
            learner_queries.save_tuning(
                session=session,
                learner_id=learner_id,
                parameters=parameters,
                now=now,
                reviews=reviews,
            )

    def save_retention(self, learner_id: int, retention: float | None) -> None:
        """Store the learner's own desired retention (None: the settings')."""
        with self._transaction() as session:
            learner_queries.save_retention(
                session=session, learner_id=learner_id, retention=retention
            )

    def cards(self, learner_id: int) -> dict[int, CardState]:
        """Every card of the learner, by its id."""
        with self._session() as session:
            return learner_queries.cards(session=session, learner_id=learner_id)

    def save_cards(self, learner_id: int, states: dict[int, CardState]) -> int:
        """Give the learner's cards these FSRS states in one transaction; returns how many."""
        with self._transaction() as session:
            return learner_queries.save_cards(session=session, learner_id=learner_id, states=states)

    def review_history(self, learner_id: int) -> list[tuple[int, datetime, int]]:
        """The learner's reviews as (card, when, rating), card by card, oldest first."""
        with self._session() as session:
            return learner_queries.review_history(session=session, learner_id=learner_id)

    def sync_pack(self, pack: Pack, now: datetime, *, force: bool = False) -> SyncReport:
        """Bring the stored copy of `pack` up to date in one transaction (see pack_queries)."""
        with collector.held(), self._transaction() as session:
            return pack_queries.sync_pack(session=session, pack=pack, now=now, force=force)

    def retire_pack(self, pack_id: str, now: datetime) -> int:
        """Retire a pack and its questions (reviews are kept); returns questions retired."""
        with self._transaction() as session:
            return pack_queries.retire_pack(session=session, pack_id=pack_id, now=now)

    def packs(self, *, include_retired: bool = False) -> list[PackInfo]:
        """The installed packs, built-in first."""
        with self._session() as session:
            return pack_queries.packs(session=session, include_retired=include_retired)

    def record_review(self, record: ReviewRecord) -> int:
        """Store one answer, its demo run and the new card state atomically; returns its id."""
        with self._transaction() as session:
            return review_queries.record_review(session=session, record=record)

    def undo_review(self, review_id: int) -> bool:
        """Take back a review: the card returns to its state before it. False if not found."""
        with self._transaction() as session:
            return review_queries.undo_review(session=session, review_id=review_id)

    def day_queue(
        self,
        learner_id: int,
        now: datetime,
        day_start: datetime,
        new_per_day: int,
        *,
        pack_id: str | None = None,
        topic: str | None = None,
    ) -> list[StoredQuestion]:
        """Today's queue: everything due, then new questions up to the daily limit (one
        read of store.queue_reads, the first look's too)."""
        # Commits the unseen start cache itself when it moved (see unseen()).
        with self._session(may_write=True) as session:
            return queue_queries.day_queue(
                session=session,
                learner_id=learner_id,
                now=now,
                day_start=day_start,
                new_per_day=new_per_day,
                pack_id=pack_id,
                topic=topic,
            )

    def save_unseen_starts(self, learner_id: int, moved: dict[str, int]) -> None:
        """Keep where each pack's unseen questions now start for the learner (a cache:
        a failure to write it is ignored; see queue_queries)."""
        with self._session(may_write=True) as session:
            queue_queries.save_unseen_starts(session, learner_id, moved)

    def card(self, learner_id: int, question_id: int) -> CardState | None:
        """The learner's card for one question (None: still new)."""
        with self._session() as session:
            return queue_queries.card(
                session=session, learner_id=learner_id, question_id=question_id
            )

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
        with self._session() as session:
            return queue_queries.due(
                session=session,
                learner_id=learner_id,
                now=now,
                limit=limit,
                pack_id=pack_id,
                topic=topic,
            )

    def unseen(
        self, learner_id: int, limit: int, *, pack_id: str | None = None, topic: str | None = None
    ) -> list[StoredQuestion]:
        """Questions the learner has no card for, in pack order (built-in pack first)."""
        # A read, but it commits the unseen start cache itself when it moved (a write that may
        # fail without failing the read).
        with self._session(may_write=True) as session:
            return queue_queries.unseen(
                session=session, learner_id=learner_id, limit=limit, pack_id=pack_id, topic=topic
            )

    def new_introduced_since(
        self,
        learner_id: int,
        since: datetime,
        *,
        pack_id: str | None = None,
        topic: str | None = None,
    ) -> int:
        """How many new questions the learner first answered since `since` (only those of
        `pack_id` and `topic`, when given)."""
        with self._session() as session:
            return queue_queries.new_introduced_since(
                session=session, learner_id=learner_id, since=since, pack_id=pack_id, topic=topic
            )

    def review_count(self, learner_id: int) -> int:
        """Reviews the learner has given."""
        with self._session() as session:
            return stats_queries.review_count(session=session, learner_id=learner_id)

    def topic_stats(
        self, learner_id: int, pack_ids: Iterable[str] | None = None
    ) -> dict[tuple[str, str], dict[str, int]]:
        """Per (pack, topic): active questions, reviews and correct answers of the learner."""
        with self._session() as session:
            return stats_queries.topic_stats(
                session=session, learner_id=learner_id, pack_ids=pack_ids
            )

    def count_due(self, learner_id: int, now: datetime) -> int:
        """Active cards due at `now`."""
        with self._session() as session:
            return stats_queries.count_due(session=session, learner_id=learner_id, now=now)

    def count_unseen(self, learner_id: int) -> int:
        """Active questions the learner has never answered."""
        with self._session() as session:
            return stats_queries.count_unseen(session=session, learner_id=learner_id)

    def review_log(self, learner_id: int, since: datetime) -> list[ReviewFact]:
        """Every review the learner gave since `since`, oldest first."""
        with self._session() as session:
            return stats_queries.review_log(session=session, learner_id=learner_id, since=since)

    def retention_reviews(self, learner_id: int) -> list[tuple[str, str, datetime, int, bool]]:
        """The learner's reviews of cards in review state: (pack, topic, when, rating,
        recalled), oldest first (see stats_queries.retention_reviews)."""
        with self._session() as session:
            return stats_queries.retention_reviews(session=session, learner_id=learner_id)

    def question_reviews(self, learner_id: int, question_id: int) -> list[tuple[datetime, int]]:
        """The learner's reviews of one question as (when, rating), oldest first."""
        with self._session() as session:
            return stats_queries.question_reviews(
                session=session, learner_id=learner_id, question_id=question_id
            )

    def study_seconds(self, learner_id: int, since: datetime | None = None) -> int:
        """Seconds the learner spent on questions (shown until rated, each capped: see
        core.study_time), since `since` or ever."""
        with self._session() as session:
            spent = stats_queries.study_ms(session=session, learner_id=learner_id, since=since)
        return spent // 1000

    def due_dates(self, learner_id: int, until: datetime) -> list[datetime]:
        """When each active card of the learner falls due, for those due before `until`."""
        with self._session() as session:
            return stats_queries.due_dates(session=session, learner_id=learner_id, until=until)

    def card_states(self, learner_id: int) -> list[tuple[str, str, CardState]]:
        """(pack, topic, card) for every active question the learner has a card for."""
        with self._session() as session:
            return stats_queries.card_states(session=session, learner_id=learner_id)

    def question_pool(
        self,
        learner_id: int,
        *,
        pack_id: str | None = None,
        topics: Iterable[str] | None = None,
        kinds: Iterable[str] | None = None,
    ) -> list[StoredQuestion]:
        """Active questions (with the learner's card, if any) to draw an exam from."""
        with self._session() as session:
            return exam_queries.question_pool(
                session=session, learner_id=learner_id, pack_id=pack_id, topics=topics, kinds=kinds
            )

    def start_exam(
        self, learner_id: int, started_at: datetime, minutes: float, settings: dict[str, Any]
    ) -> int:
        """Open an exam row; its answers are stored as reviews pointing at it."""
        with self._transaction() as session:
            return exam_queries.start_exam(
                session=session,
                learner_id=learner_id,
                started_at=started_at,
                minutes=minutes,
                settings=settings,
            )

    def finish_exam(
        self,
        exam_id: int,
        finished_at: datetime,
        *,
        timed_out: bool,
        total: int,
        correct: int,
        per_topic: dict[str, Any],
    ) -> None:
        """Record the end of an exam and its score."""
        with self._transaction() as session:
            exam_queries.finish_exam(
                session=session,
                exam_id=exam_id,
                finished_at=finished_at,
                timed_out=timed_out,
                total=total,
                correct=correct,
                per_topic=per_topic,
            )

    def exams(self, learner_id: int, limit: int = 20) -> list[ExamSummary]:
        """The learner's finished exams, newest first."""
        with self._session() as session:
            return exam_queries.exams(session=session, learner_id=learner_id, limit=limit)

    def class_reviews(
        self, since: datetime, pack_id: str | None = None
    ) -> list[tuple[str, str, str, int, int]]:
        """(learner, pack, topic, reviews, correct) for the reviews given since `since`."""
        with self._session() as session:
            return class_queries.class_reviews(session=session, since=since, pack_id=pack_id)

    def class_cards(self, pack_id: str | None = None) -> list[tuple[str, str, str, CardState]]:
        """(learner, pack, topic, card) for every active card of every learner."""
        with self._session() as session:
            return class_queries.class_cards(session=session, pack_id=pack_id)

    def question_counts(self, pack_id: str | None = None) -> dict[tuple[str, str], int]:
        """Active questions per (pack, topic)."""
        with self._session() as session:
            return class_queries.question_counts(session=session, pack_id=pack_id)

    def learner_names(self) -> list[str]:
        """Every learner, by name."""
        with self._session() as session:
            return class_queries.learner_names(session=session)

    def question_outcomes(
        self, since: datetime, pack_id: str | None = None
    ) -> list[tuple[int, int, int]]:
        """(question id, reviews, wrong answers) per question answered since `since`."""
        with self._session() as session:
            return class_queries.question_outcomes(session=session, since=since, pack_id=pack_id)

    def exercise_attempts(
        self, since: datetime, pack_id: str | None = None
    ) -> list[tuple[int, bool, dict[str, Any] | None]]:
        """(question id, passed, the attempt kept) per review of an exercise since `since`."""
        with self._session() as session:
            return class_queries.exercise_attempts(session=session, since=since, pack_id=pack_id)

    def item_answers(
        self, since: datetime, pack_id: str | None = None
    ) -> list[tuple[tuple[str, int], int, bool]]:
        """(attempt, question id, right) for item analysis (class_queries.item_answers)."""
        with self._session() as session:
            return class_queries.item_answers(session=session, since=since, pack_id=pack_id)

    def wrong_answers(self, question_ids: list[int], since: datetime) -> list[tuple[int, str, int]]:
        """(question id, answer, how many gave it) for the wrong answers to these questions."""
        with self._session() as session:
            return class_queries.wrong_answers(
                session=session, question_ids=question_ids, since=since
            )

    def question_data(self, question_ids: list[int]) -> dict[int, dict[str, Any]]:
        """The stored JSON of these questions, by id."""
        with self._session() as session:
            return class_queries.question_data(session=session, question_ids=question_ids)

    def export_reviews(
        self, since: datetime, pack_id: str | None = None
    ) -> Iterator[dict[str, Any]]:
        """Every review since `since`, flattened for a spreadsheet, oldest first."""
        with self._session() as session:
            yield from class_queries.export_reviews(session=session, since=since, pack_id=pack_id)

    def read_meta(self, key: str) -> str | None:
        """The value stored under `key` in the `meta` table, or None."""
        with self._session() as session:
            return meta_queries.read_meta(session=session, key=key)

    def write_meta(self, key: str, value: str) -> None:
        """Store `value` under `key` in the `meta` table (replacing any earlier value)."""
        with self._transaction() as session:
            meta_queries.write_meta(session=session, key=key, value=value)
