"""True retention: the share of reviews of cards in review state recalled (any rating
but Again), in all, per topic and per ISO week, beside the desired retention; computed
exactly on a small hand-made history, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from mpquiz.core.retention import Tally, week_of
from mpquiz.core.scheduling import CardState, State
from mpquiz.services import Services
from mpquiz.session.pack_install import add_pack
from mpquiz.store.values import ReviewRecord
from tests.conftest import T0, FakeClock

LEARNING = CardState(state=int(State.Learning), stability=1.0, difficulty=5.0, last_review=T0)
REVIEW = CardState(state=int(State.Review), stability=9.0, difficulty=5.0, last_review=T0)
RELEARNING = CardState(state=int(State.Relearning), stability=2.0, difficulty=6.0, last_review=T0)


@pytest.fixture
def svc(db_url: str, mini_pack_dir: Path) -> Iterator[Services]:
    services = Services(db_url=db_url, lang_option="en", learner="ana", clock=FakeClock())
    services.open()
    add_pack(mini_pack_dir, services.store, services.packs_root, T0)
    yield services
    services.close()


def hand_made_history(svc: Services) -> None:
    """Seven answers to the mini pack over two weeks: four of cards already learned
    (three recalled), three that true retention does not count."""
    store, ana = svc.store, svc.learner_id
    ids = {q.question.qid: q.id for q in store.unseen(ana, 10, pack_id="mini")}
    week = timedelta(days=7)
    given = [  # question, when, rating, the card before
        ("basics.exitcode", T0, 3, None),  # a first answer: not counted
        ("basics.exitcode", T0 + timedelta(days=2), 3, REVIEW),  # recalled
        ("basics.children", T0 + timedelta(days=3), 1, REVIEW),  # forgotten
        ("basics.children", T0 + timedelta(days=3, minutes=10), 3, RELEARNING),  # not counted
        ("more.why", T0 + timedelta(days=4), 3, LEARNING),  # not counted
        ("more.why", T0 + week, 2, REVIEW),  # Hard is recalled
        ("basics.exitcode", T0 + week + timedelta(days=1), 4, REVIEW),  # recalled
    ]
    for qid, at, rating, before in given:
        store.record_review(
            ReviewRecord(ana, ids[qid], at, rating, rating > 1, "1", 1000, "review", before, REVIEW)
        )


def test_true_retention_counts_reviews_of_learned_cards_only(svc: Services) -> None:
    hand_made_history(svc)
    retention = svc.stats()["retention"]
    assert retention["desired"] == 0.9
    assert retention["overall"] == {"reviews": 4, "recalled": 3, "rate": 0.75}
    assert retention["topics"] == [
        {"pack": "mini", "topic": "basics", "title": "Basics", "reviews": 3, "recalled": 2,
         "rate": round(2 / 3, 4)},
        {"pack": "mini", "topic": "more", "title": "More", "reviews": 1, "recalled": 1,
         "rate": 1.0},
    ]  # fmt: skip
    # T0 is Monday 2026-03-02 (week 10): two reviews in week 10, two in week 11.
    assert retention["weeks"] == [
        {"week": "2026-W10", "reviews": 2, "recalled": 1, "rate": 0.5},
        {"week": "2026-W11", "reviews": 2, "recalled": 2, "rate": 1.0},
    ]


def test_a_learner_without_learned_cards_has_no_rate_yet(svc: Services) -> None:
    retention = svc.stats()["retention"]
    assert retention["overall"] == {"reviews": 0, "recalled": 0, "rate": None}
    assert retention["topics"] == [] and retention["weeks"] == []


def test_weeks_are_the_learners_own() -> None:
    late_sunday = datetime(2026, 3, 8, 23, 30, tzinfo=UTC)
    assert week_of(late_sunday, UTC) == "2026-W10"
    from zoneinfo import ZoneInfo

    assert week_of(late_sunday, ZoneInfo("Europe/Madrid")) == "2026-W11"  # Monday there
    assert Tally().rate is None and Tally(4, 3).rate == 0.75


def test_a_questions_forgetting_curve_is_fsrs_prediction_with_the_answers_on_it(
    svc: Services,
) -> None:
    from mpquiz.core.errors import BadInput
    from mpquiz.core.scheduling import Rating
    from mpquiz.session.forgetting import POINTS

    store, ana = svc.store, svc.learner_id
    qid = store.unseen(ana, 1, pack_id="mini")[0]
    day = timedelta(days=1)
    answers = [(T0, 3), (T0 + 3 * day, 1), (T0 + 3 * day + timedelta(minutes=10), 3)]
    card = CardState()
    for at, rating in answers:
        after = svc.scheduler.review(card, Rating(rating), at)
        store.record_review(
            ReviewRecord(ana, qid.id, at, rating, rating > 1, "1", 1000, "review", card, after)
        )
        card = after
    svc.clock.t = T0 + 5 * day  # type: ignore[attr-defined]
    curve = svc.forgetting_curve(qid.question.qid)
    assert [(a.at, a.rating, a.recalled) for a in curve.answers] == [
        (T0, 3, True), (T0 + 3 * day, 1, False), (T0 + 3 * day + timedelta(minutes=10), 3, True),
    ]  # fmt: skip
    replayed = svc.scheduler.review(CardState(), Rating.Good, T0)
    assert curve.answers[0].predicted is None
    assert curve.answers[1].predicted == svc.scheduler.retrievability(replayed, T0 + 3 * day)
    assert curve.due == card.due
    assert len(curve.points) == POINTS and curve.points[0] == (T0, 1.0)
    # Between two answers the predicted recall only falls; it ends 30 days past now (or
    # past the due date, when that is later).
    before_lapse = [r for at, r in curve.points if at < T0 + 3 * day]
    assert before_lapse == sorted(before_lapse, reverse=True)
    assert card.due is not None and card.due < T0 + 5 * day
    assert curve.points[-1][0] == T0 + 35 * day
    as_json = curve.to_dict()
    assert as_json["answers"][1] == {
        "at": (T0 + 3 * day).isoformat(),
        "rating": 1,
        "recalled": False,
        "predicted": round(curve.answers[1].predicted or 0, 4),
    }
    with pytest.raises(BadInput, match="did you mean"):
        svc.forgetting_curve(qid.question.qid + "x")
