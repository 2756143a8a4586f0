"""Queries across all learners, for the instructor's report and the raw export."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, case, func
from sqlmodel import Session, col, select

from mpquiz.core.scheduling import CardState
from mpquiz.store.active import only_active
from mpquiz.store.tables import CardRow, Learner, QuestionRow, ReviewRow
from mpquiz.store.values import card_state


class ClassQueries:
    """Mixed into Store: read-only queries over every learner."""

    engine: Engine

    def class_reviews(
        self, since: datetime, pack_id: str | None = None
    ) -> list[tuple[str, str, str, int, int]]:
        """(learner, pack, topic, reviews, correct) for the reviews given since `since`."""
        with Session(self.engine) as s:
            query = (
                select(
                    Learner.name,
                    QuestionRow.pack_id,
                    QuestionRow.topic,
                    func.count(),
                    func.sum(case((col(ReviewRow.correct), 1), else_=0)),
                )
                .join(QuestionRow, QuestionRow.id == ReviewRow.question_id)
                .join(Learner, Learner.id == ReviewRow.learner_id)
                .where(ReviewRow.reviewed_at >= since)
                .group_by(Learner.name, QuestionRow.pack_id, QuestionRow.topic)
            )
            if pack_id:
                query = query.where(QuestionRow.pack_id == pack_id)
            return [(n, p, t, int(r), int(c or 0)) for n, p, t, r, c in s.exec(query)]

    def class_cards(self, pack_id: str | None = None) -> list[tuple[str, str, str, CardState]]:
        """(learner, pack, topic, card) for every active card of every learner."""
        with Session(self.engine) as s:
            query = only_active(
                select(Learner.name, QuestionRow.pack_id, QuestionRow.topic, CardRow)
                .join(CardRow, CardRow.question_id == QuestionRow.id)
                .join(Learner, Learner.id == CardRow.learner_id),
                pack_id,
            )
            return [(n, p, t, card_state(c)) for n, p, t, c in s.exec(query)]

    def question_counts(self, pack_id: str | None = None) -> dict[tuple[str, str], int]:
        """Active questions per (pack, topic)."""
        with Session(self.engine) as s:
            query = only_active(
                select(QuestionRow.pack_id, QuestionRow.topic, func.count()), pack_id
            ).group_by(QuestionRow.pack_id, QuestionRow.topic)
            return {(p, t): int(n) for p, t, n in s.exec(query)}

    def learner_names(self) -> list[str]:
        """Every learner, by name."""
        with Session(self.engine) as s:
            return list(s.exec(select(Learner.name).order_by(Learner.name)))

    def question_outcomes(
        self, since: datetime, pack_id: str | None = None
    ) -> list[tuple[int, int, int]]:
        """(question id, reviews, wrong answers) per question answered since `since`."""
        with Session(self.engine) as s:
            query = (
                select(
                    ReviewRow.question_id,
                    func.count(),
                    func.sum(case((col(ReviewRow.correct), 0), else_=1)),
                )
                .join(QuestionRow, QuestionRow.id == ReviewRow.question_id)
                .where(ReviewRow.reviewed_at >= since)
                .group_by(ReviewRow.question_id)
            )
            if pack_id:
                query = query.where(QuestionRow.pack_id == pack_id)
            return [(q, int(n), int(w or 0)) for q, n, w in s.exec(query)]

    def wrong_answers(self, question_ids: list[int], since: datetime) -> list[tuple[int, str, int]]:
        """(question id, answer, how many gave it) for the wrong answers to these questions."""
        if not question_ids:
            return []
        with Session(self.engine) as s:
            query = (
                select(ReviewRow.question_id, ReviewRow.answer, func.count())
                .where(
                    col(ReviewRow.question_id).in_(question_ids),
                    col(ReviewRow.correct).is_(False),
                    ReviewRow.reviewed_at >= since,
                )
                .group_by(ReviewRow.question_id, ReviewRow.answer)
                .order_by(func.count().desc())
            )
            return [(q, a, int(n)) for q, a, n in s.exec(query)]

    def question_data(self, question_ids: list[int]) -> dict[int, dict[str, Any]]:
        """The stored JSON of these questions, by id."""
        if not question_ids:
            return {}
        with Session(self.engine) as s:
            rows = s.exec(
                select(QuestionRow.id, QuestionRow.data).where(
                    col(QuestionRow.id).in_(question_ids)
                )
            )
            return {qid: data for qid, data in rows}

    def export_reviews(
        self, since: datetime, pack_id: str | None = None
    ) -> Iterator[dict[str, Any]]:
        """Every review since `since`, flattened for a spreadsheet, oldest first."""
        with Session(self.engine) as s:
            query = (
                select(
                    ReviewRow.id,
                    ReviewRow.reviewed_at,
                    Learner.name,
                    QuestionRow.pack_id,
                    QuestionRow.qid,
                    QuestionRow.topic,
                    QuestionRow.kind,
                    ReviewRow.mode,
                    ReviewRow.answer,
                    ReviewRow.correct,
                    ReviewRow.rating,
                    ReviewRow.duration_ms,
                    ReviewRow.exam_id,
                )
                .join(QuestionRow, QuestionRow.id == ReviewRow.question_id)
                .join(Learner, Learner.id == ReviewRow.learner_id)
                .where(ReviewRow.reviewed_at >= since)
                .order_by(ReviewRow.reviewed_at, ReviewRow.id)
            )
            if pack_id:
                query = query.where(QuestionRow.pack_id == pack_id)
            keys = (
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
            )
            for row in s.exec(query.execution_options(yield_per=1000)):
                item = dict(zip(keys, row, strict=True))
                item["reviewed_at"] = item["reviewed_at"].isoformat()
                yield item
