"""Plain values handed in and out of the store, and card-state conversions."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from mpquiz.core.codec import question_from_dict
from mpquiz.core.scheduling import CardState
from mpquiz.store.json_text import JSONText
from mpquiz.store.queue_reads import DayQueue, DueRow, UnseenRow, card_fields

if TYPE_CHECKING:  # the tables load SQLModel: a review can start without them
    from mpquiz.core.kinds import Question
    from mpquiz.core.text import Text
    from mpquiz.store.tables import CardRow


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


def stored_queue(queue: DayQueue) -> list[StoredQuestion]:
    """A day's queue as read (store.queue_reads) as the session's items."""
    return stored(queue.rows)


def stored(rows: Iterable[DueRow | UnseenRow]) -> list[StoredQuestion]:
    """Rows of the queue's reads as the session's items (a due row brings its card)."""
    return [
        StoredQuestion(r.question_id, data=r.data, card_row=r.card)
        if isinstance(r, DueRow)
        else StoredQuestion(r.question_id, data=r.data)
        for r in rows
    ]


class StoredQuestion:
    """A question with its database id and the learner's card (None while new).

    The store may hand over the question's stored JSON instead of the question: it is
    decoded on first use of `question`, so building a queue of thousands of due cards
    does not parse thousands of questions nobody may reach today.
    """

    __slots__ = ("_card", "_card_row", "_data", "_question", "id")

    def __init__(
        self,
        id: int,
        question: Question | None = None,
        card: CardState | None = None,
        *,
        data: str | dict[str, Any] | None = None,
        card_row: tuple[int, int | None, float | None, float | None, object, object] | None = None,
    ) -> None:
        if question is None and data is None:
            raise TypeError("StoredQuestion needs a question or its stored data")
        self.id = id
        self._card = card
        self._card_row = card_row
        self._question = question
        self._data = data

    @property
    def card(self) -> CardState | None:
        """The learner's card (None while new); a card as stored (`card_row`, see
        store.queue_reads) is read the first time it is asked for."""
        if self._card is None and self._card_row is not None:
            self._card = CardState(*card_fields(self._card_row))
            self._card_row = None
        return self._card

    @card.setter
    def card(self, card: CardState | None) -> None:
        self._card, self._card_row = card, None

    @property
    def question(self) -> Question:
        """The question, decoded from its stored JSON the first time it is asked for."""
        if self._question is None:
            data = self._data
            assert data is not None  # the constructor takes a question or its data
            self._question = question_from_dict(json.loads(data) if isinstance(data, str) else data)
            self._data = None
        return self._question

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, StoredQuestion):
            return NotImplemented
        return (self.id, self.card, self.question) == (other.id, other.card, other.question)

    __hash__ = None  # type: ignore[assignment]  # like the frozen dataclass it replaces: Text holds a dict

    def __repr__(self) -> str:
        return f"StoredQuestion(id={self.id!r}, question={self.question!r}, card={self.card!r})"


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
    processes: tuple[dict[str, Any], ...] = ()
    """The run's processes as JSON-able data (runner.ProcessRecord.to_dict)."""


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
    exam_id: int | None = None
    proof: str | None = None
    """What the run showed of the key (core.proof: "shown", "not-shown", "no-run")."""
    exercise: dict[str, Any] | None = None
    """An exercise's attempt: {"attempts", "gave_up", "checks": [CheckResult.to_dict()]}."""
    shown_ms: int | None = None
    """The time from the question shown to its rating, when the sitting measured it (the
    review does); else the time studied is reckoned from the previous answer."""


@dataclass(frozen=True)
class ReviewFact:
    """One past review, as the history screens need it."""

    at: datetime
    duration_ms: int
    correct: bool
    mode: str
    study_ms: int = 0
    """The time spent on the question, shown until rated (core.study_time)."""


@dataclass(frozen=True)
class ExamSummary:
    """A finished exam."""

    id: int
    started_at: datetime
    finished_at: datetime | None
    minutes: float
    timed_out: bool
    total: int
    correct: int
    settings: dict[str, Any]
    per_topic: dict[str, Any]


def content_hash(data: Any) -> str:
    """A stable SHA-256 of JSON-able data (of its canonical JSON, store.json_text)."""
    return JSONText.canonical(data).digest()


def card_to_dict(card: CardState) -> dict[str, Any]:
    """A card state as JSON-able data (kept with each review, for undo)."""
    return {
        "state": card.state,
        "step": card.step,
        "stability": card.stability,
        "difficulty": card.difficulty,
        "due": card.due.isoformat() if card.due else None,
        "last_review": card.last_review.isoformat() if card.last_review else None,
    }


def card_from_dict(d: dict[str, Any]) -> CardState:
    """The inverse of `card_to_dict`."""
    return CardState(
        state=d["state"],
        step=d["step"],
        stability=d["stability"],
        difficulty=d["difficulty"],
        due=datetime.fromisoformat(d["due"]) if d["due"] else None,
        last_review=datetime.fromisoformat(d["last_review"]) if d["last_review"] else None,
    )


def card_state(row: CardRow) -> CardState:
    """The FSRS state held by a card row."""
    return CardState(row.state, row.step, row.stability, row.difficulty, row.due, row.last_review)
