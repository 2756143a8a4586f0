"""Home and stats figures: mastery, streaks, the calendar and the forecast."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from mpquiz.core.scheduling import Rating
from mpquiz.services import Services
from mpquiz.session.dashboard import streaks
from mpquiz.session.pack_install import add_pack
from tests.conftest import FakeClock
from tests.support.trusting import trust_installed


@pytest.fixture
def svc(db_url: str, mini_pack_dir: Path) -> Services:
    services = Services(db_url=db_url, lang_option="en", learner="ana", clock=FakeClock())
    services.open()
    add_pack(mini_pack_dir, services.store, services.packs_root, services.clock.now())
    trust_installed(services, "mini")
    yield services
    services.close()


def _answer_one(svc: Services, rating: Rating) -> None:
    session = svc.review_session(pack_id="mini", new_per_day=1)
    session.show()
    session.answer("1")
    session.rate(rating)


def test_streaks() -> None:
    d = date(2026, 3, 10)
    days = {d, d - timedelta(days=1), d - timedelta(days=2), d - timedelta(days=5)}
    assert streaks(days, d) == (3, 3)
    assert streaks(days, d + timedelta(days=1)) == (3, 3)  # today not studied yet
    assert streaks(days, d + timedelta(days=2)) == (0, 3)
    assert streaks(set(), d) == (0, 0)


def test_dashboard_and_history_follow_the_reviews(svc: Services) -> None:
    clock: FakeClock = svc.clock  # type: ignore[assignment]
    start = svc.dashboard()
    mini = [t for t in start.topics if t.pack_id == "mini"]
    assert [(t.topic, t.questions, t.mastery) for t in mini] == [
        ("basics", 3, 0.0),
        ("more", 1, 0.0),
    ]
    assert start.streak == 0 and start.new_today == 10

    _answer_one(svc, Rating.Good)
    clock.t += timedelta(days=1)
    clock.mono += 30
    _answer_one(svc, Rating.Good)
    board = svc.dashboard()
    basics = next(t for t in board.topics if t.topic == "basics")
    assert board.streak == 2 and board.reviews_today == 1
    # the second answer ("1" to the numeric question) was wrong, though rated Good
    assert basics.seen == 2 and 0 < basics.mastery < 2 / 3 and basics.accuracy == 0.5

    hist = svc.history()
    assert sorted(hist.per_day.values()) == [1, 1] and hist.longest_streak == 2
    assert len(hist.forecast) == 30 and hist.forecast[0][0] == clock.t.date()
    assert sum(n for _, n in hist.forecast) == 2  # both cards fall due within 30 days
    assert hist.seconds_total >= 0
