"""Spaced repetition through the `fsrs` package: a thin, time-explicit wrapper."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from fsrs import Card, Rating, State
from fsrs import Scheduler as FsrsScheduler
from fsrs.scheduler import DEFAULT_PARAMETERS

__all__ = [
    "CardState",
    "Rating",
    "Scheduler",
    "State",
    "Tuning",
    "format_interval",
    "rating_for",
]


@dataclass(frozen=True)
class Tuning:
    """A learner's own FSRS settings as stored (schema 8); None where they use the
    defaults: FSRS's parameters, the settings' desired retention."""

    parameters: tuple[float, ...] | None = None
    """Fitted to their reviews by `mpquiz optimize` (core.optimizer)."""
    desired_retention: float | None = None
    optimized_at: datetime | None = None
    optimized_reviews: int = 0
    """How many reviews they had when last optimized (0: never)."""

    @classmethod
    def read(
        cls,
        parameters: object,
        retention: object = None,
        optimized_at: datetime | None = None,
        reviews: object = 0,
    ) -> Tuning:
        """The Tuning of a learner row's columns as a driver gives them (the parameters
        as a list, or as JSON text). A damaged value reads as unset: the learner is then
        scheduled with the defaults rather than not at all."""
        if isinstance(parameters, str):
            try:
                parameters = json.loads(parameters)
            except ValueError:
                parameters = None
        fitted = None
        if isinstance(parameters, list) and len(parameters) == len(DEFAULT_PARAMETERS):
            numbers = [
                p for p in parameters if isinstance(p, int | float) and not isinstance(p, bool)
            ]
            if len(numbers) == len(parameters) and all(math.isfinite(p) for p in numbers):
                fitted = tuple(float(p) for p in numbers)
        wanted = None
        if isinstance(retention, int | float) and not isinstance(retention, bool):
            wanted = float(retention) if 0 < retention < 1 else None
        count = reviews if isinstance(reviews, int) and not isinstance(reviews, bool) else 0
        return cls(fitted, wanted, optimized_at, max(0, count))


@dataclass(frozen=True)
class CardState:
    """The FSRS memory state of one learner's card, as stored."""

    state: int = int(State.Learning)
    step: int | None = 0
    stability: float | None = None
    difficulty: float | None = None
    due: datetime | None = None
    last_review: datetime | None = None

    @property
    def is_new(self) -> bool:
        """True until the first review."""
        return self.last_review is None

    def to_fsrs(self, now: datetime) -> Card:
        """The equivalent `fsrs.Card`; a new card is due `now`."""
        return Card(
            # Our own ids live in the store; without one fsrs sleeps 1 ms per card it builds.
            card_id=0,
            state=State(self.state),
            step=self.step,
            stability=self.stability,
            difficulty=self.difficulty,
            due=self.due or now,
            last_review=self.last_review,
        )

    @classmethod
    def from_fsrs(cls, card: Card) -> CardState:
        """The stored form of an `fsrs.Card`."""
        return cls(
            state=int(card.state),
            step=card.step,
            stability=card.stability,
            difficulty=card.difficulty,
            due=card.due,
            last_review=card.last_review,
        )


def rating_for(correct: bool) -> Rating:
    """The default rating: Good when right, Again when wrong."""
    return Rating.Good if correct else Rating.Again


STEP = timedelta(minutes=10)


class Scheduler:
    """mpquiz's FSRS scheduler (over `fsrs.Scheduler`). Fuzzing is off unless asked for,
    so intervals are exact.

    One ten-minute (re)learning step: a right first answer graduates at once (a question
    understood need not be asked twice in a sitting), a wrong one comes back in ten minutes.
    `parameters`: a learner's own (Tuning), else FSRS's defaults.
    """

    def __init__(
        self,
        desired_retention: float = 0.9,
        *,
        fuzz: bool = False,
        parameters: tuple[float, ...] | None = None,
    ) -> None:
        self.parameters = parameters
        """The learner's own FSRS parameters; None: FSRS's defaults."""
        self.desired_retention = desired_retention
        self._scheduler = FsrsScheduler(
            parameters=DEFAULT_PARAMETERS if parameters is None else parameters,
            desired_retention=desired_retention,
            enable_fuzzing=fuzz,
            learning_steps=(STEP,),
            relearning_steps=(STEP,),
        )

    def review(self, card: CardState, rating: Rating, now: datetime) -> CardState:
        """The card's state after being rated `rating` at `now` (UTC)."""
        new_card, _log = self._scheduler.review_card(card.to_fsrs(now), rating, now)
        return CardState.from_fsrs(new_card)

    def preview(self, card: CardState, now: datetime) -> dict[Rating, timedelta]:
        """The interval each rating would give, as Anki shows above its buttons."""
        out: dict[Rating, timedelta] = {}
        for rating in Rating:
            after = self.review(card, rating, now)
            assert after.due is not None
            out[rating] = after.due - now
        return out

    def retrievability(self, card: CardState, now: datetime) -> float:
        """The probability of recalling the card at `now`; 0 for a card never reviewed."""
        if card.is_new:
            return 0.0
        return float(self._scheduler.get_card_retrievability(card.to_fsrs(now), now))


def format_interval(delta: timedelta) -> str:
    """A short interval as Anki writes it: "<1m", "10m", "3h", "1d", "3d", "2mo", "1.5y"."""
    seconds = delta.total_seconds()
    if seconds < 60:
        return "<1m"
    minutes = seconds / 60
    if minutes < 60:
        return f"{round(minutes)}m"
    hours = minutes / 60
    if hours < 24:
        return f"{round(hours)}h"
    days = hours / 24
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        return f"{days / 30:.1f}".removesuffix(".0") + "mo"
    return f"{days / 365:.1f}".removesuffix(".0") + "y"
