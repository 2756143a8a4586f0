"""FSRS scheduling through the wrapper, with fixed datetimes."""

from datetime import timedelta

from mpquiz.core.scheduling import CardState, Rating, Scheduler, format_interval, rating_for
from tests.conftest import T0


def test_good_comes_back_later_than_again() -> None:
    scheduler = Scheduler()
    good = scheduler.review(CardState(), Rating.Good, T0)
    again = scheduler.review(CardState(), Rating.Again, T0)
    assert good.due and again.due and good.due > again.due
    assert good.last_review == T0


def test_intervals_grow_with_successful_reviews() -> None:
    scheduler = Scheduler()
    card, gaps = CardState(), []
    now = T0
    for _ in range(4):
        card = scheduler.review(card, Rating.Good, now)
        assert card.due is not None
        gaps.append(card.due - now)
        now = card.due
    assert gaps == sorted(gaps) and gaps[-1] > timedelta(days=1)


def test_preview_orders_ratings() -> None:
    preview = Scheduler().preview(CardState(), T0)
    assert (
        preview[Rating.Again] <= preview[Rating.Hard] <= preview[Rating.Good] < preview[Rating.Easy]
    )


def test_higher_retention_gives_shorter_intervals() -> None:
    card = Scheduler().review(CardState(), Rating.Easy, T0)
    assert card.due is not None
    low = Scheduler(0.8).preview(card, card.due)[Rating.Good]
    high = Scheduler(0.97).preview(card, card.due)[Rating.Good]
    assert high < low


def test_retrievability_falls_with_time() -> None:
    scheduler = Scheduler()
    card = scheduler.review(CardState(), Rating.Good, T0)
    assert scheduler.retrievability(CardState(), T0) == 0.0
    soon = scheduler.retrievability(card, T0 + timedelta(hours=1))
    later = scheduler.retrievability(card, T0 + timedelta(days=30))
    assert 1.0 >= soon > later > 0.0


def test_default_rating_and_interval_format() -> None:
    assert rating_for(True) is Rating.Good and rating_for(False) is Rating.Again
    assert [
        format_interval(timedelta(seconds=s))
        for s in (30, 600, 7200, 86400 * 3, 86400 * 60, 86400 * 400)
    ] == ["<1m", "10m", "2h", "3d", "2mo", "1.1y"]
