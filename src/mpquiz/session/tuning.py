"""Fitting a learner's FSRS parameters to their reviews, and keeping them when better."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from mpquiz.core.optimizer import (
    Fit,
    NotEnoughReviews,
    Optimized,
    optimize,
    worth_optimizing,
)
from mpquiz.core.scheduling import Tuning
from mpquiz.store.repository import Store

__all__ = ["NotEnoughReviews", "Optimizing", "optimize_learner", "optimizing_due"]


@dataclass(frozen=True)
class Optimizing:
    """What one `mpquiz optimize` found and did."""

    fit: Optimized
    stored: bool
    """True when the new parameters were kept (better, and not a dry run)."""
    dry_run: bool

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
        }


def optimize_learner(
    store: Store, learner_id: int, tuning: Tuning | None, now: datetime, *, dry_run: bool
) -> Optimizing:
    """Fit the learner's parameters to every review they gave, and store them when they
    predict those reviews better than the learner's current ones. Unless `dry_run`, the
    fit is recorded either way (when, on how many reviews), so the next one is suggested
    only after core.optimizer.WORTH_AGAIN more.

    Raises:
        NotEnoughReviews: fewer than core.optimizer.MIN_REVIEWS reviews.
    """
    history = store.review_history(learner_id)
    current = tuning.parameters if tuning else None
    fit = optimize(history, current)
    stored = fit.better and not dry_run
    if not dry_run:
        kept = fit.parameters if fit.better else current
        store.save_tuning(learner_id, kept, now, reviews=fit.reviews)
    return Optimizing(fit, stored, dry_run)


def optimizing_due(reviews: int, tuning: Tuning | None) -> bool:
    """True when a fit is worth running for a learner with `reviews` reviews."""
    return worth_optimizing(reviews, tuning.optimized_reviews if tuning else 0)
