"""Spaced repetition through the `fsrs` package: a thin, time-explicit wrapper."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from fsrs import Card, Rating, State
from fsrs import Scheduler as FsrsScheduler

__all__ = ["CardState", "Rating", "Scheduler", "State", "format_interval", "rating_for"]


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
    """

    def __init__(self, desired_retention: float = 0.9, *, fuzz: bool = False) -> None:
        self._scheduler = FsrsScheduler(
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
