"""Time studied counts the time a learner spends on each question: from the question shown
until it is rated (answering, then reading the demo's output and the explanation), each
question capped for a learner who walked away; it is stored with the review and adds up
in the stats screen, `stats --json` and the class export."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from mpquiz.core.scheduling import CardState, Rating, Scheduler
from mpquiz.core.study_time import EXERCISE_CAP_MS, QUESTION_CAP_MS, time_on_question
from mpquiz.services import Services
from mpquiz.session.pack_install import add_pack
from mpquiz.store.engine import open_engine
from mpquiz.store.repository import ReviewRecord, Store
from tests.conftest import T0, FakeClock
from tests.support.trusting import trust_installed


def test_the_rule() -> None:
    # Within a sitting: the whole time since the previous answer, reading included.
    assert time_on_question(8_000, 70_000, exercise=False) == 70_000
    # A first answer, or one after a pause longer than the cap: the time to answer alone.
    assert time_on_question(8_000, None, exercise=False) == 8_000
    assert time_on_question(8_000, 3 * 3600_000, exercise=False) == 8_000
    # A learner who walked away with the question on screen counts the cap, no more.
    assert time_on_question(3600_000, None, exercise=False) == QUESTION_CAP_MS
    assert time_on_question(3600_000, 3600_000, exercise=False) == QUESTION_CAP_MS
    # A span shorter than the answer itself (another terminal answered meanwhile) is not used.
    assert time_on_question(8_000, 2_000, exercise=False) == 8_000
    # An exercise is written in an editor: it may count up to its own, longer cap.
    assert time_on_question(600_000, 720_000, exercise=True) == 720_000
    assert time_on_question(3 * 3600_000, None, exercise=True) == EXERCISE_CAP_MS
    assert time_on_question(-5, None, exercise=False) == 0


@pytest.fixture
def svc(db_url: str, mini_pack_dir: Path) -> Iterator[Services]:
    services = Services(db_url=db_url, lang_option="en", learner="ana", clock=FakeClock())
    services.open()
    add_pack(mini_pack_dir, services.store, services.packs_root, services.clock.now())
    trust_installed(services, "mini")
    yield services
    services.close()


def _wait(clock: FakeClock, seconds: float) -> None:
    clock.t += timedelta(seconds=seconds)
    clock.mono += seconds


def test_a_sitting_counts_reading_the_output_not_only_answering(svc: Services) -> None:
    """Three questions, each answered in 10 s and read for 50 s more before the rating:
    three minutes studied, not the 30 s the answers alone took."""
    clock: FakeClock = svc.clock  # type: ignore[assignment]
    session = svc.review_session(pack_id="mini", new_per_day=3)
    for _ in range(3):
        assert session.show() is not None
        _wait(clock, 10)
        session.submit("1")
        session.outcome()
        _wait(clock, 50)
        session.rate(Rating.Good)
    session.close()
    history = svc.history()
    # The review measures each question from shown to rated, the first one included.
    assert history.seconds_total == history.seconds_today == 60 + 60 + 60
    stats = svc.stats()
    assert stats["studied_seconds"] == stats["studied_seconds_today"] == 180
    rows = list(svc.store.export_reviews(T0 - timedelta(days=1), None))
    assert [r["study_ms"] for r in rows] == [60_000, 60_000, 60_000]
    assert [r["duration_ms"] for r in rows] == [10_000, 10_000, 10_000]  # as before


def test_a_learner_who_walked_away_counts_a_few_minutes(svc: Services) -> None:
    clock: FakeClock = svc.clock  # type: ignore[assignment]
    session = svc.review_session(pack_id="mini", new_per_day=2)
    session.show()
    _wait(clock, 20)
    session.answer("1")
    session.rate(Rating.Good)
    session.show()
    _wait(clock, 3 * 3600)  # lunch, with the question on screen
    session.answer("1")
    session.rate(Rating.Good)
    session.close()
    assert svc.history().seconds_total == 20 + QUESTION_CAP_MS // 1000
    # Tomorrow's first question is not charged with the night.
    _wait(clock, 20 * 3600)
    clock.t += timedelta(days=3)  # the two cards are due again
    session = svc.review_session(pack_id="mini", new_per_day=0)
    assert session.show() is not None
    _wait(clock, 12)
    session.answer("1")
    session.rate(Rating.Good)
    session.close()
    assert svc.stats()["studied_seconds_today"] == 12


def test_the_store_keeps_it_with_the_review(tmp_path: Path, pack) -> None:
    store = Store(open_engine(f"sqlite:///{tmp_path / 's.db'}"))
    try:
        store.sync_pack(pack, T0)
        ana = store.learner_id("ana", T0)
        ben = store.learner_id("ben", T0)
        ids = [q.id for q in store.unseen(ana, 3)]
        after = Scheduler().review(CardState(), Rating.Good, T0)
        at = [T0, T0 + timedelta(seconds=45), T0 + timedelta(seconds=100)]
        who = [ana, ben, ana]  # another learner's answer is not this one's previous
        for qid, when, learner in zip(ids, at, who, strict=True):
            record = ReviewRecord(learner, qid, when, 3, True, "1", 5_000, "review", None, after)
            store.record_review(record)
        rows = list(store.export_reviews(T0 - timedelta(days=1), None))
        assert [(r["learner"], r["study_ms"]) for r in rows] == [
            ("ana", 5_000),
            ("ben", 5_000),
            ("ana", 100_000),
        ]
        assert store.study_seconds(ana) == 105 and store.study_seconds(ben) == 5
    finally:
        store.close()
