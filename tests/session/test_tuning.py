"""Each learner's own FSRS parameters: fitted to their reviews by `mpquiz optimize`, kept
when better, stored on their row (schema 8) and used by their scheduler from then on; on
SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from mpquiz.core.optimizer import MIN_REVIEWS, NotEnoughReviews
from mpquiz.core.scheduling import CardState, Rating, Scheduler, Tuning
from mpquiz.services import Services
from tests.conftest import T0, FakeClock
from tests.learner_history import history, store_history


@pytest.fixture
def svc(db_url: str) -> Iterator[Services]:
    services = Services(db_url=db_url, lang_option="en", learner="ana", clock=FakeClock())
    services.open()
    yield services
    services.close()


def test_a_fit_that_predicts_better_is_kept_and_schedules_this_learner_only(
    svc: Services, db_url: str
) -> None:
    store_history(svc, history(60, 8))
    before = svc.scheduler.preview(CardState(), T0)[Rating.Good]
    done = svc.optimize()
    assert done.stored and done.fit.better and not done.dry_run
    assert done.fit.new.log_loss < done.fit.default.log_loss
    kept = svc.store.tuning(svc.learner_id)
    assert kept.parameters == pytest.approx(done.fit.parameters)
    assert (kept.optimized_at, kept.optimized_reviews) == (T0, 480)
    # This learner forgets slower than the defaults assume: their next intervals grow.
    after = svc.scheduler.preview(CardState(), T0)[Rating.Good]
    assert after > before
    # Another run of mpquiz reads them back; another learner keeps the defaults.
    again = Services(db_url=db_url, lang_option="en", learner="ana", clock=FakeClock())
    other = Services(db_url=db_url, lang_option="en", learner="ben", clock=FakeClock())
    try:
        again.open()
        other.open()
        assert again.scheduler.parameters == pytest.approx(done.fit.parameters)
        assert again.scheduler.preview(CardState(), T0)[Rating.Good] == after
        assert other.scheduler.parameters is None
        assert other.scheduler.preview(CardState(), T0)[Rating.Good] == before
        # Fitting again on the same reviews gains nothing: the parameters stay as they are.
        second = again.optimize()
        assert second.fit.current.log_loss == pytest.approx(done.fit.new.log_loss)
        assert again.store.tuning(again.learner_id).parameters == pytest.approx(kept.parameters)
    finally:
        again.close()
        other.close()


def test_a_dry_run_reports_the_fit_and_keeps_everything(svc: Services) -> None:
    store_history(svc, history(60, 8))
    done = svc.optimize(dry_run=True)
    assert done.fit.better and not done.stored and done.dry_run
    assert svc.store.tuning(svc.learner_id) == Tuning()
    assert svc.scheduler.parameters is None
    assert done.to_dict()["parameters"] == [round(p, 6) for p in done.fit.parameters]


def test_below_the_minimum_nothing_is_fitted_and_it_says_how_many_more(svc: Services) -> None:
    store_history(svc, history(30, 10))
    with pytest.raises(NotEnoughReviews) as refused:
        svc.optimize()
    assert refused.value.needed == MIN_REVIEWS - 300
    assert svc.store.tuning(svc.learner_id) == Tuning()


def test_the_learners_own_retention_wins_over_the_settings(svc: Services) -> None:
    assert svc.scheduler.desired_retention == svc.settings.desired_retention
    svc.store.save_retention(svc.learner_id, 0.8)
    fresh = Services(db_url=svc.url, lang_option="en", learner="ana", clock=FakeClock())
    try:
        fresh.open()
        assert fresh.scheduler.desired_retention == 0.8
        wanted = Scheduler(0.8).preview(CardState(), T0)[Rating.Good]
        assert fresh.scheduler.preview(CardState(), T0)[Rating.Good] == wanted
    finally:
        fresh.close()


def test_stats_and_home_say_when_a_fit_is_worth_running(svc: Services) -> None:
    fresh = svc.stats()["scheduling"]
    assert fresh["parameters"] == "default" and fresh["reviews_until_optimize"] == MIN_REVIEWS
    assert not svc.dashboard().optimize_due
    store_history(svc, history(60, 8))
    due = svc.stats()["scheduling"]
    assert (due["reviews_until_optimize"], due["optimized_at"]) == (0, None)
    assert svc.dashboard().optimize_due
    svc.optimize()
    done = svc.stats()["scheduling"]
    assert done["parameters"] == "own"
    assert (done["optimized_reviews"], done["reviews_until_optimize"]) == (480, 500)
    assert done["optimized_at"] == T0.isoformat()
    assert not svc.dashboard().optimize_due


def test_the_kept_parameters_reschedule_the_learners_cards(svc: Services) -> None:
    from mpquiz.session.tuning import reschedule

    reviews = history(60, 8)
    store_history(svc, reviews)
    store, ana = svc.store, svc.learner_id
    # The cards as the default scheduler left them after these reviews.
    reschedule(store, svc.scheduler, ana, store.review_history(ana))
    before = store.cards(ana)
    preview = svc.optimize(dry_run=True)
    assert preview.rescheduled is not None and store.cards(ana) == before  # nothing moved
    done = svc.optimize()
    moved = done.rescheduled
    assert moved is not None and moved.cards == 60
    assert moved == preview.rescheduled
    after = store.cards(ana)
    # Each card is where the new parameters put it after its own reviews...
    tuned = Scheduler(svc.scheduler.desired_retention, parameters=done.fit.parameters)
    for card_id, state in after.items():
        replay = CardState()
        for _card, at, rating in (r for r in store.review_history(ana) if r[0] == card_id):
            replay = tuned.review(replay, Rating(rating), at)
        assert state == replay
    # ... and for a learner who forgets slower than the defaults assume, most come later.
    assert moved.moved == sum(1 for c in after if after[c].due != before[c].due)
    assert moved.later > moved.earlier and moved.median_days > 0
    assert moved.largest_days == max(
        ((after[c].due - before[c].due).total_seconds() / 86_400 for c in after),  # type: ignore[operator]
        key=abs,
    )


def test_the_first_look_schedules_the_early_sitting_with_the_learners_own(
    sqlite_url: str,
) -> None:
    """The fast start reads the learner's row through sqlite3 before the repository
    loads: the sitting built from it schedules with their parameters and retention."""
    svc = Services(db_url=sqlite_url, lang_option="en", learner="ana", clock=FakeClock())
    svc.open()
    store_history(svc, history(60, 8))
    svc.optimize()
    svc.set_retention(0.85)
    kept = svc.store.tuning(svc.learner_id)
    svc.close()
    fresh = Services(db_url=sqlite_url, lang_option="en", learner="ana", clock=FakeClock())
    try:
        look = fresh.first_look()
        assert look is not None and not fresh.opened
        session = fresh.early_review_session(look)
        assert session.scheduler.parameters == pytest.approx(kept.parameters)
        assert session.scheduler.desired_retention == 0.85
    finally:
        fresh.close()
