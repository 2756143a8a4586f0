"""An exercise in a review: checked as often as the learner likes, then submitted or
given up; the rating follows the attempt and the review keeps every check's result."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import text

from mpquiz.core.errors import AnswerError
from mpquiz.core.exercise import Status
from mpquiz.core.scheduling import Rating, Scheduler
from mpquiz.packs.loader import load_pack
from mpquiz.session.exercise_run import CheckRun
from mpquiz.session.queue import build_queue
from mpquiz.session.review import ReviewSession
from mpquiz.store.engine import open_engine
from mpquiz.store.repository import Store
from tests.conftest import FIXTURES, T0, FakeClock
from tests.support.trusting import launcher_for

PACK = FIXTURES / "expack"
FIXED = """\
def work(counter, times):
    for _ in range(times):
        with counter.get_lock():
            current = counter.value
            counter.value = current + 1
"""


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    s = Store(open_engine(db_url))
    s.sync_pack(load_pack(PACK), T0)
    yield s
    s.close()


def _session(store: Store) -> tuple[ReviewSession, int]:
    clock = FakeClock()
    learner = store.learner_id("ana", T0)
    items = build_queue(store, learner, clock.now(), clock.day_start(), 5)
    session = ReviewSession(
        store, Scheduler(), learner, launcher_for(PACK), items, lang="es", clock=clock
    )
    return session, learner


def _stored(store: Store) -> tuple[str, dict[str, object], int]:
    with store._session() as db:  # what the review row keeps
        answer, exercise, rating = db.exec(  # type: ignore[call-overload]
            text("SELECT answer, exercise, rating FROM review")
        ).one()
    import json

    return answer, exercise if isinstance(exercise, dict) else json.loads(exercise), rating


@pytest.mark.slow
def test_checked_twice_then_submitted_is_rated_hard_and_every_check_is_kept(
    store: Store,
) -> None:
    session, _ = _session(store)
    item = session.show()
    assert item is not None and item.question.kind.value == "exercise"
    assert session.demo is None  # nothing runs before the learner's program exists
    starter = session.starter
    assert starter is not None and starter.startswith("def work")
    first = session.check_program(starter)
    assert isinstance(first, CheckRun) and not first.report.passed
    with pytest.raises(AnswerError):
        session.check_program("   ")
    second = session.check_program(FIXED)
    assert isinstance(second, CheckRun) and second.report.passed
    session.submit(FIXED)
    outcome = session.outcome()
    assert outcome.verdict.correct is True
    assert outcome.exercise is not None and outcome.exercise.attempts == 2
    assert outcome.suggested is Rating.Hard  # passed, but not at the first check
    assert outcome.exercise.solution is not None  # shown once passed
    assert outcome.run is not None and "final: 200" in outcome.run.output
    session.rate()
    answer, kept, rating = _stored(store)
    assert answer == FIXED and rating == int(Rating.Hard)
    assert kept["attempts"] == 2 and kept["passed"] is True and kept["gave_up"] is False
    checks = kept["checks"]
    assert isinstance(checks, list)
    assert {c["name"]: c["status"] for c in checks} == {
        "runs-cleanly": Status.PASSED.value,
        "no-lost-updates": Status.PASSED.value,
        "uses-the-lock": Status.PASSED.value,
    }


@pytest.mark.slow
def test_passed_at_the_first_check_is_good_and_a_submit_of_the_same_text_runs_nothing_again(
    store: Store,
) -> None:
    session, _ = _session(store)
    session.show()
    checked = session.check_program(FIXED)
    assert isinstance(checked, CheckRun)
    session.submit(FIXED)
    outcome = session.outcome()
    assert outcome.exercise is not None and outcome.exercise.check is checked
    assert outcome.suggested is Rating.Good


def test_giving_up_shows_the_solution_and_the_diff_and_suggests_again(store: Store) -> None:
    session, _ = _session(store)
    session.show()
    session.give_up()
    outcome = session.outcome()
    assert outcome.verdict.correct is False and outcome.suggested is Rating.Again
    assert outcome.exercise is not None and outcome.exercise.gave_up
    assert outcome.exercise.solution is not None and "get_lock" in outcome.exercise.solution
    assert any(line.startswith("+") and "get_lock" in line for line in outcome.exercise.diff)
    assert outcome.run is None  # nothing ran: the verdict says so
    assert outcome.verdict.proof is not None and outcome.verdict.proof.status == "no-run"
    session.rate(Rating.Again)
    _answer, kept, _rating = _stored(store)
    assert kept["gave_up"] is True and kept["checks"] == []


@pytest.mark.slow
def test_the_class_report_gives_each_exercise_its_pass_rate_and_the_check_failed_most(
    store: Store,
) -> None:
    from mpquiz.session.classroom import class_report

    clock = FakeClock()
    for name, program in (("ana", FIXED), ("ben", None), ("eva", None)):
        learner = store.learner_id(name, T0)
        items = build_queue(store, learner, clock.now(), clock.day_start(), 5)
        session = ReviewSession(store, Scheduler(), learner, launcher_for(PACK), items,
                                lang="en", clock=clock)  # fmt: skip
        session.show()
        session.submit(program or (session.starter or ""))
        session.rate(session.outcome().suggested)
    report = class_report(store, Scheduler(), clock.now(), lang="en")
    (stats,) = report.exercises
    assert (stats.qid, stats.attempts, stats.passed, stats.gave_up) == ("lock.ex-race", 3, 1, 0)
    assert stats.most_failed in ("no-lost-updates", "uses-the-lock")
    assert stats.most_failed_count == 2
    assert report.to_dict()["exercises"][0]["pass_rate"] == pytest.approx(0.333, abs=1e-3)
