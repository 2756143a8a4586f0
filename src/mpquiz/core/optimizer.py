"""A learner's own FSRS parameters, fitted to their review history.

The fit is FSRS's reference optimizer in its Rust build (`fsrs-rs-python`: no
deep-learning framework), for the FSRS-6 model with its 21 parameters that the `fsrs`
scheduler uses (core.scheduling). Each review that follows an earlier one of the same card
is one training item: the card's ratings so far, with the whole days between them as the
scheduler counts them (`(now - last_review).days`; 0 for a review the same day). The fit
is judged on the same history by log loss and RMSE (FSRS's binned RMSE), for the defaults,
the learner's current parameters and the new ones; the new ones are kept only when their
log loss is lower than what the learner has now.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from fsrs.scheduler import DEFAULT_PARAMETERS

from mpquiz.core.errors import MpquizError

if TYPE_CHECKING:
    from fsrs_rs_python import FSRSItem

MIN_REVIEWS = 400
"""Reviews a learner needs before mpquiz fits their parameters. The optimizer runs on
fewer, but then it mostly hands back the defaults, or moves them by chance."""

WORTH_AGAIN = 500
"""New reviews since the last fit after which fitting again is worth it."""


@dataclass(frozen=True)
class Fit:
    """How well a set of parameters predicts the learner's answers (lower is better)."""

    log_loss: float
    rmse: float


@dataclass(frozen=True)
class Optimized:
    """One fit of a learner's history: the new parameters and how each set scores."""

    reviews: int
    items: int
    """Training items: reviews that follow an earlier one of the same card."""
    parameters: tuple[float, ...]
    default: Fit
    current: Fit
    """The parameters the learner has now (the defaults if they have none)."""
    new: Fit

    @property
    def better(self) -> bool:
        """True when the new parameters predict the history better than the current."""
        return self.new.log_loss < self.current.log_loss


class NotEnoughReviews(MpquizError):
    """Too few reviews to fit parameters (keyed: how many more are needed)."""

    def __init__(self, reviews: int) -> None:
        needed = MIN_REVIEWS - reviews
        super().__init__(
            f"{reviews} reviews so far: {needed} more are needed before mpquiz can fit"
            f" FSRS to them ({MIN_REVIEWS} in all)",
            key="optimize.not_enough",
            params={"reviews": reviews, "needed": needed, "minimum": MIN_REVIEWS},
        )
        self.reviews = reviews
        self.needed = needed


def reviews_until_worth(reviews: int, optimized_reviews: int) -> int:
    """Reviews still to give before a fit is worth running: MIN_REVIEWS for the first,
    then WORTH_AGAIN more after each (0: worth it now)."""
    target = MIN_REVIEWS if optimized_reviews == 0 else optimized_reviews + WORTH_AGAIN
    return max(0, max(target, MIN_REVIEWS) - reviews)


def worth_optimizing(reviews: int, optimized_reviews: int) -> bool:
    """True when a fit is due: enough reviews, and never fitted or WORTH_AGAIN more since."""
    return reviews_until_worth(reviews, optimized_reviews) == 0


def training_sequences(
    history: Iterable[tuple[int, datetime, int]],
) -> list[tuple[tuple[int, int], ...]]:
    """FSRS's training items of a history of (card, when, rating), card by card, oldest
    first: for each review after a card's first, the card's (rating, days since the
    review before) up to it."""
    out: list[tuple[tuple[int, int], ...]] = []
    card: int | None = None
    reviews: list[tuple[int, int]] = []
    last: datetime | None = None
    for card_id, at, rating in history:
        if card_id != card:
            card, reviews, last = card_id, [], None
        reviews.append((rating, 0 if last is None else max(0, (at - last).days)))
        last = at
        if len(reviews) > 1:
            out.append(tuple(reviews))
    return out


def training_items(history: Iterable[tuple[int, datetime, int]]) -> list[FSRSItem]:
    """training_sequences as the optimizer takes them."""
    from fsrs_rs_python import FSRSItem, FSRSReview

    return [
        FSRSItem([FSRSReview(rating, days) for rating, days in sequence])
        for sequence in training_sequences(history)
    ]


def evaluate(parameters: Sequence[float], items: Sequence[FSRSItem]) -> Fit:
    """How well `parameters` predict the answers in `items`."""
    from fsrs_rs_python import FSRS

    scored = FSRS(list(parameters)).evaluate(list(items))
    return Fit(float(scored.log_loss), float(scored.rmse_bins))


def optimize(
    history: Sequence[tuple[int, datetime, int]], current: Sequence[float] | None = None
) -> Optimized:
    """Fit FSRS's parameters to `history` (as training_items takes it).

    Raises:
        NotEnoughReviews: fewer than MIN_REVIEWS reviews.
    """
    from fsrs_rs_python import FSRS

    if len(history) < MIN_REVIEWS:
        raise NotEnoughReviews(len(history))
    items = training_items(history)
    default = tuple(DEFAULT_PARAMETERS)
    fitted = tuple(float(p) for p in FSRS(list(default)).compute_parameters(items))
    if len(fitted) != len(default):  # a model the scheduler does not run
        raise ValueError(f"the optimizer gave {len(fitted)} parameters, not {len(default)}")
    default_fit = evaluate(default, items)
    return Optimized(
        reviews=len(history),
        items=len(items),
        parameters=fitted,
        default=default_fit,
        current=default_fit if current is None else evaluate(current, items),
        new=evaluate(fitted, items),
    )
