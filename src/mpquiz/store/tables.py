"""SQLModel table definitions. Schema changes go through store/migrations.py."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from mpquiz.store.types import UTCDateTime


def _when(**kw: Any) -> Any:
    return Field(sa_type=UTCDateTime, **kw)


class Meta(SQLModel, table=True):
    """Key/value facts about the database itself, such as its schema version."""

    __tablename__ = "meta"
    key: str = Field(primary_key=True, max_length=64)
    value: str = Field(max_length=256)


class Learner(SQLModel, table=True):
    """Someone who studies; their cards and reviews are their own."""

    __tablename__ = "learner"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=128, unique=True)
    created_at: datetime = _when()
    fsrs_parameters: list[float] | None = Field(default=None, sa_column=Column(JSON))
    """The learner's own FSRS parameters, fitted by `mpquiz optimize` (schema 8); None:
    FSRS's defaults."""
    desired_retention: float | None = None
    """The learner's own desired retention (schema 8); None: the settings'."""
    optimized_at: datetime | None = _when(default=None)
    optimized_reviews: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    """How many reviews the learner had when last optimized (0: never)."""


class PackRow(SQLModel, table=True):
    """An installed pack; `content_hash` tells when it must be synced again."""

    __tablename__ = "pack"
    id: str = Field(primary_key=True, max_length=80)
    version: str = Field(max_length=32)
    title: dict[str, str] = Field(sa_column=Column(JSON, nullable=False))
    languages: list[str] = Field(sa_column=Column(JSON, nullable=False))
    topics: dict[str, dict[str, str]] = Field(sa_column=Column(JSON, nullable=False))
    root: str = Field(sa_column=Column(Text, nullable=False))
    demos_dir: str = Field(sa_column=Column(Text, nullable=False))
    builtin: bool = False
    demo_timeout: float = 10.0
    content_hash: str = Field(max_length=64)
    retired: bool = False
    synced_at: datetime = _when()


class QuestionRow(SQLModel, table=True):
    """A question of a pack; retired questions stay so their reviews keep their meaning."""

    __tablename__ = "question"
    __table_args__ = (
        UniqueConstraint("pack_id", "qid"),
        Index("ix_question_pack_active_position", "pack_id", "retired", "position"),
    )
    id: int | None = Field(default=None, primary_key=True)
    pack_id: str = Field(foreign_key="pack.id", max_length=80)
    qid: str = Field(max_length=120)
    topic: str = Field(max_length=80)
    kind: str = Field(max_length=16)
    position: int
    content_hash: str = Field(max_length=64)
    retired: bool = False
    data: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    updated_at: datetime = _when()


class CardRow(SQLModel, table=True):
    """One learner's FSRS memory state for one question."""

    __tablename__ = "card"
    __table_args__ = (
        UniqueConstraint("learner_id", "question_id"),
        Index("ix_card_learner_due", "learner_id", "due"),
    )
    id: int | None = Field(default=None, primary_key=True)
    learner_id: int = Field(foreign_key="learner.id")
    question_id: int = Field(foreign_key="question.id")
    state: int
    step: int | None = None
    stability: float | None = None
    difficulty: float | None = None
    due: datetime = _when()
    last_review: datetime | None = _when(default=None)
    reps: int = 0
    lapses: int = 0
    created_at: datetime = _when()


class DemoRunRow(SQLModel, table=True):
    """One run of a demo program and what it printed."""

    __tablename__ = "demo_run"
    id: int | None = Field(default=None, primary_key=True)
    demo: str = Field(max_length=255)
    args: list[str] = Field(sa_column=Column(JSON, nullable=False))
    started_at: datetime = _when()
    exit_code: int | None = None
    duration_ms: int = 0
    timed_out: bool = False
    truncated: bool = False
    error: str | None = Field(default=None, max_length=500)
    output: str = Field(sa_column=Column(Text, nullable=False))
    processes: list[dict[str, Any]] | None = Field(default=None, sa_column=Column(JSON))
    """The run's processes (runner.ProcessRecord.to_dict), when recorded (schema 5)."""


class ExamRow(SQLModel, table=True):
    """One finished exam: its settings and score; its answers are reviews in mode "exam"."""

    __tablename__ = "exam"
    __table_args__ = (Index("ix_exam_learner_time", "learner_id", "started_at"),)
    id: int | None = Field(default=None, primary_key=True)
    learner_id: int = Field(foreign_key="learner.id")
    started_at: datetime = _when()
    finished_at: datetime | None = _when(default=None)
    minutes: float
    timed_out: bool = False
    total: int = 0
    correct: int = 0
    settings: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    per_topic: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))


class ReviewRow(SQLModel, table=True):
    """Every answer given: what, when, how it was rated, and the run that showed the truth."""

    __tablename__ = "review"
    __table_args__ = (
        Index("ix_review_learner_time", "learner_id", "reviewed_at"),
        Index("ix_review_question", "question_id"),
    )
    id: int | None = Field(default=None, primary_key=True)
    learner_id: int = Field(foreign_key="learner.id")
    question_id: int = Field(foreign_key="question.id")
    card_id: int = Field(foreign_key="card.id")
    reviewed_at: datetime = _when()
    rating: int
    correct: bool
    answer: str = Field(sa_column=Column(Text, nullable=False))
    duration_ms: int = 0
    mode: str = Field(default="review", max_length=16)
    demo_run_id: int | None = Field(default=None, foreign_key="demo_run.id")
    card_before: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    new_card: bool = False
    exam_id: int | None = Field(default=None, foreign_key="exam.id")
    proof: str | None = Field(default=None, max_length=16)
    """What the run showed of the key: "shown", "not-shown" or "no-run" (schema 5)."""
    exercise: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    """An exercise's attempt: each check's result, the attempts, whether the learner
    gave up (schema 6; `answer` holds the program)."""
    study_ms: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    """The time spent on the question, shown until rated, capped (core.study_time; schema
    7). `duration_ms` is the time to answer alone."""


class UnseenStartRow(SQLModel, table=True):
    """Where to start looking for a learner's next new question in a pack.

    Every active question of the pack below `position` has a card of the learner, so the
    day's queue need not walk past them again; a learner who has seen 50,000 questions
    in pack order would otherwise make every queue check those 50,000 first. Only a cache:
    any pack sync and any undo that deletes a card removes the rows it could make wrong,
    and a missing row means "start at the beginning".
    """

    __tablename__ = "unseen_start"
    learner_id: int = Field(foreign_key="learner.id", primary_key=True)
    pack_id: str = Field(foreign_key="pack.id", primary_key=True, max_length=80)
    position: int
