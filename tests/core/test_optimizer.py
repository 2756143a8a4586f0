"""core.optimizer: a learner's history as FSRS's training items, and the fit on it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fsrs.scheduler import DEFAULT_PARAMETERS

from mpquiz.core import optimizer
from mpquiz.core.scheduling import CardState, Rating, Scheduler, Tuning
from tests.learner_history import START, history


def test_each_review_after_a_cards_first_is_an_item_with_whole_days_between() -> None:
    day = timedelta(days=1)
    reviews = [
        (1, START, 3),
        (1, START + timedelta(minutes=10), 1),  # the same day: 0
        (1, START + 3 * day + timedelta(hours=5), 3),  # 3 days 5 hours after the last: 3
        (2, START, 1),  # a new card starts over
        (2, START + day - timedelta(seconds=1), 3),  # not yet a whole day
    ]
    assert optimizer.training_sequences(reviews) == [
        ((3, 0), (1, 0)),
        ((3, 0), (1, 0), (3, 3)),
        ((1, 0), (3, 0)),
    ]
    items = optimizer.training_items(reviews)
    assert [len(i.reviews) for i in items] == [2, 3, 2]


def test_a_history_unlike_the_defaults_gets_parameters_that_predict_it_better() -> None:
    reviews = history(60, 8)
    fit = optimizer.optimize(reviews)
    assert fit.reviews == 480
    assert fit.items == 60 * 7
    assert fit.current == fit.default  # no parameters of their own yet
    assert fit.new.log_loss < fit.default.log_loss
    assert fit.new.rmse < fit.default.rmse
    assert fit.better
    # This learner forgets slower than the defaults assume: the stability after a first
    # "Good" (w2) comes out well above FSRS's default.
    assert fit.parameters[2] > 1.5 * DEFAULT_PARAMETERS[2]
    assert len(fit.parameters) == len(DEFAULT_PARAMETERS)


def test_the_fitted_parameters_schedule_and_lengthen_this_learners_intervals() -> None:
    fit = optimizer.optimize(history(60, 8))
    tuned = Scheduler(parameters=fit.parameters)
    first = tuned.review(CardState(), Rating.Good, START)
    default = Scheduler().review(CardState(), Rating.Good, START)
    assert first.due is not None and default.due is not None
    assert first.due - START > default.due - START


def test_a_fit_is_judged_against_the_learners_current_parameters() -> None:
    reviews = history(60, 8)
    fit = optimizer.optimize(reviews)
    again = optimizer.optimize(reviews, current=fit.parameters)
    # (The optimizer sums in parallel, in 32-bit floats: the last digits may differ.)
    assert again.current.log_loss == pytest.approx(fit.new.log_loss, rel=1e-4)
    assert again.default.log_loss == pytest.approx(fit.default.log_loss, rel=1e-4)


def test_below_the_minimum_it_says_how_many_more_reviews_are_needed() -> None:
    reviews = history(39, 10)  # 390 reviews
    with pytest.raises(optimizer.NotEnoughReviews) as refused:
        optimizer.optimize(reviews)
    assert (refused.value.reviews, refused.value.needed) == (390, 10)
    assert refused.value.key == "optimize.not_enough"
    assert refused.value.params == {"reviews": 390, "needed": 10, "minimum": 400}


@pytest.mark.parametrize(
    ("reviews", "optimized", "due"),
    [(399, 0, False), (400, 0, True), (899, 400, False), (900, 400, True), (2000, 1600, False)],
)
def test_a_fit_is_worth_running_at_the_minimum_then_every_500_reviews(
    reviews: int, optimized: int, due: bool
) -> None:
    assert optimizer.worth_optimizing(reviews, optimized) is due


@pytest.mark.parametrize(
    "stored",
    [None, "not json", [1.0] * 20, [1.0] * 20 + [True], [1.0] * 20 + [float("nan")], {"a": 1}],
)
def test_damaged_stored_parameters_read_as_the_defaults(stored: object) -> None:
    assert Tuning.read(stored, None).parameters is None


def test_stored_parameters_and_retention_read_from_json_text() -> None:
    text = "[" + ", ".join(["0.5"] * 21) + "]"
    assert Tuning.read(text, 0.85) == Tuning((0.5,) * 21, 0.85)
    assert Tuning.read(None, 1.5).desired_retention is None
