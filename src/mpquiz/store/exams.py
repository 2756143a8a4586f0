"""Exams: one row per sitting, opened when it starts and completed when it ends."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from mpquiz.store.tables import ExamRow
from mpquiz.store.values import ExamSummary


class ExamStore:
    """Mixed into Store: the exam table."""

    engine: Engine

    def start_exam(
        self, learner_id: int, started_at: datetime, minutes: float, settings: dict[str, Any]
    ) -> int:
        """Open an exam row; its answers are stored as reviews pointing at it."""
        with Session(self.engine) as s:
            row = ExamRow(
                learner_id=learner_id,
                started_at=started_at,
                minutes=minutes,
                settings=settings,
                per_topic={},
            )
            s.add(row)
            s.commit()
            assert row.id is not None
            return row.id

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
        with Session(self.engine) as s:
            row = s.get(ExamRow, exam_id)
            if row is None:
                raise KeyError(exam_id)
            row.finished_at, row.timed_out = finished_at, timed_out
            row.total, row.correct, row.per_topic = total, correct, per_topic
            s.add(row)
            s.commit()

    def exams(self, learner_id: int, limit: int = 20) -> list[ExamSummary]:
        """The learner's finished exams, newest first."""
        with Session(self.engine) as s:
            rows = s.exec(
                select(ExamRow)
                .where(ExamRow.learner_id == learner_id, col(ExamRow.finished_at).is_not(None))
                .order_by(col(ExamRow.started_at).desc())
                .limit(limit)
            )
            return [
                ExamSummary(
                    r.id,  # type: ignore[arg-type]
                    r.started_at,
                    r.finished_at,
                    r.minutes,
                    r.timed_out,
                    r.total,
                    r.correct,
                    dict(r.settings),
                    dict(r.per_topic),
                )
                for r in rows
            ]
