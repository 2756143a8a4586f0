"""Fitting a learner's FSRS parameters to their reviews, keeping them when better, and
rescheduling their cards with them."""

from __future__ import annotations

import itertools
import statistics
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from mpquiz.core.optimizer import (
    Fit,
    NotEnoughReviews,
    Optimized,
    optimize,
)
from mpquiz.core.scheduling import CardState, Rating, Scheduler, Tuning
from mpquiz.store.repository import Store

__all__ = [
    "NotEnoughReviews",
    "Optimizing",
    "Rescheduled",
    "optimize_learner",
    "reschedule",
]

MOVED = timedelta(minutes=1)
"""A card whose due date changes by less than this has not moved."""


@dataclass(frozen=True)
class Rescheduled:
    """What rescheduling the learner's cards with new parameters did (or would do)."""

    cards: int
    """Cards replayed: every card with a review."""
    moved: int
    earlier: int
    later: int
    median_days: float
    """The median shift of the cards that moved, in days (negative: earlier)."""
    largest_days: float
    """The largest shift either way, in days (signed)."""

    def to_dict(self) -> dict[str, Any]:
        """The JSON form."""
        return {
            "cards": self.cards,
            "moved": self.moved,
            "earlier": self.earlier,
            "later": self.later,
            "median_days": round(self.median_days, 2),
            "largest_days": round(self.largest_days, 2),
        }


@dataclass(frozen=True)
class Optimizing:
    """What one `mpquiz optimize` found and did."""

    fit: Optimized
    stored: bool
    """True when the new parameters were kept (better, and not a dry run)."""
    dry_run: bool
    rescheduled: Rescheduled | None = None
    """The cards moved by the new parameters (would move, in a dry run); None when they
    were not better."""

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (`mpquiz optimize --json`)."""

        def scores(fit: Fit) -> dict[str, float]:
            return {"log_loss": round(fit.log_loss, 6), "rmse": round(fit.rmse, 6)}

        return {
            "reviews": self.fit.reviews,
            "items": self.fit.items,
            "default": scores(self.fit.default),
            "current": scores(self.fit.current),
            "new": scores(self.fit.new),
            "better": self.fit.better,
            "stored": self.stored,
            "dry_run": self.dry_run,
            "parameters": [round(p, 6) for p in self.fit.parameters],
            "rescheduled": self.rescheduled.to_dict() if self.rescheduled else None,
        }


def optimize_learner(
    store: Store,
    learner_id: int,
    tuning: Tuning | None,
    now: datetime,
    *,
    retention: float,
    dry_run: bool,
) -> Optimizing:
    """Fit the learner's parameters to every review they gave; when the new ones predict
    those reviews better than the learner's current ones, store them and reschedule the
    learner's cards with them (desired `retention`), unless `dry_run`, which reports what
    would move. Unless `dry_run`, the fit is recorded either way (when, on how many
    reviews), so the next one is suggested only after core.optimizer.WORTH_AGAIN more.

    Raises:
        NotEnoughReviews: fewer than core.optimizer.MIN_REVIEWS reviews.
    """
    history = store.review_history(learner_id)
    current = tuning.parameters if tuning else None
    fit = optimize(history, current)
    stored = fit.better and not dry_run
    moved = None
    if fit.better:
        tuned = Scheduler(retention, parameters=fit.parameters)
        moved = reschedule(store, tuned, learner_id, history, dry_run=dry_run)
    if not dry_run:
        kept = fit.parameters if fit.better else current
        store.save_tuning(learner_id, kept, now, reviews=fit.reviews)
    return Optimizing(fit, stored, dry_run, moved)


def reschedule(
    store: Store,
    scheduler: Scheduler,
    learner_id: int,
    history: list[tuple[int, datetime, int]],
    *,
    dry_run: bool = False,
) -> Rescheduled:
    """Replay each card's reviews (`history`: card by card, oldest first) through
    `scheduler` and give the cards the states that come out (not with `dry_run`); report
    how far their due dates moved."""
    stored = store.cards(learner_id)
    replayed: dict[int, CardState] = {}
    for card_id, reviews in itertools.groupby(history, key=lambda row: row[0]):
        if card_id not in stored:
            continue
        state = CardState()
        for _card, at, rating in reviews:
            state = scheduler.review(state, Rating(rating), at)
        replayed[card_id] = state
    shifts = []
    for card_id, state in replayed.items():
        before = stored[card_id].due
        if before is not None and state.due is not None and abs(state.due - before) >= MOVED:
            shifts.append((state.due - before).total_seconds() / 86_400)
    if not dry_run:
        store.save_cards(learner_id, replayed)
    return Rescheduled(
        cards=len(replayed),
        moved=len(shifts),
        earlier=sum(1 for s in shifts if s < 0),
        later=sum(1 for s in shifts if s > 0),
        median_days=statistics.median(shifts) if shifts else 0.0,
        largest_days=max(shifts, key=abs) if shifts else 0.0,
    )
