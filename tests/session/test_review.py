"""The review flow, driven without any UI on the mini pack with real demo runs."""

from __future__ import annotations

import random
from datetime import timedelta
from pathlib import Path

import pytest

from mpquiz.core.errors import AnswerError
from mpquiz.core.scheduling import Rating, Scheduler
from mpquiz.core.shuffle import shuffled
from mpquiz.packs.loader import load_pack
from mpquiz.packs.trust import TrustStore
from mpquiz.session.queue import build_queue
from mpquiz.session.review import ReviewSession
from mpquiz.store.engine import open_engine
from mpquiz.store.repository import Store
from tests.conftest import FIXTURES, T0, FakeClock
from tests.support.trusting import launcher_for

MINI = FIXTURES / "mini"


@pytest.fixture
def store(db_url: str, mini_pack_dir: Path) -> Store:
    s = Store(open_engine(db_url))
    s.sync_pack(load_pack(mini_pack_dir), T0)
    yield s
    s.close()


def _session(store: Store, clock: FakeClock, learner: int, new: int = 10) -> ReviewSession:
    items = build_queue(store, learner, clock.now(), clock.day_start(), new)
    launcher = launcher_for(MINI)
    return ReviewSession(store, Scheduler(), learner, launcher, items, lang="en", clock=clock)


def test_a_full_review_stores_every_answer(store: Store) -> None:
    clock = FakeClock()
    learner = store.learner_id("ana", T0)
    session = _session(store, clock, learner)
    assert session.total == 4
    item = session.show()
    assert item is not None and item.question.qid == "basics.exitcode"
    assert session.demo is not None  # prefetch: the demo started with the question
    with pytest.raises(AnswerError):
        session.parse("9")
    clock.mono += 4.5
    outcome = session.answer("1")
    assert outcome.verdict.correct is True and outcome.suggested is Rating.Good
    assert outcome.run is not None and outcome.run.exit_code == 0
    assert "exitcode: 3" in outcome.run.output
    assert outcome.intervals[Rating.Good] > outcome.intervals[Rating.Again]
    session.rate()

    session.show()
    assert session.answer("4").verdict.correct is False
    session.rate()  # Again: comes back in this session (learning step under 20 min)

    session.show()
    outcome = session.answer("child 1\nchild 0\njoined 2")
    assert outcome.verdict.correct is True
    session.rate(Rating.Easy)

    session.show()
    outcome = session.answer("join waits for the child")
    assert outcome.verdict.correct is None and outcome.suggested is None
    with pytest.raises(ValueError):
        session.rate()
    session.rate(Rating.Hard)

    # The question answered Again waits for its learning step, not for its own answer.
    # (the open question rated Hard is in its learning steps too, and later)
    assert session.show() is None and session.remaining == 2
    back_at, later = session.coming_back
    assert clock.now() < back_at < later
    clock.t = back_at
    again = session.show()
    assert again is not None and again.question.qid == "basics.exitcode-number"
    assert session.asked_again and session.place == 2 and session.total == 4  # not "5 of 5"
    session.close()
    assert store.review_count(learner) == 4
    assert session.answered == 4 and session.correct == 3
    assert store.count_unseen(learner) == 0


def test_a_second_session_the_same_day_has_fewer_questions(store: Store) -> None:
    clock = FakeClock()
    learner = store.learner_id("ana", T0)
    first = _session(store, clock, learner, new=2)
    assert first.total == 2
    for _ in range(2):
        first.show()
        first.answer("1" if first.current.question.kind.value != "predict" else "x")  # type: ignore[union-attr]
        first.rate(Rating.Good)
    clock.t += timedelta(minutes=1)
    assert _session(store, clock, learner, new=2).total == 0
    clock.t += timedelta(days=1)
    assert _session(store, clock, learner, new=2).total == 2  # two new, nothing due yet
    clock.t += timedelta(days=2)
    assert _session(store, clock, learner, new=2).total == 4  # the first two are due


def test_undo_takes_back_the_last_rating(store: Store) -> None:
    clock = FakeClock()
    learner = store.learner_id("ana", T0)
    session = _session(store, clock, learner)
    session.show()
    session.answer("1")
    session.rate()
    assert store.review_count(learner) == 1
    back = session.undo()
    assert back is not None and back.question.qid == "basics.exitcode"
    assert store.review_count(learner) == 0 and session.answered == 0
    assert session.show().question.qid == "basics.exitcode"  # type: ignore[union-attr]
    assert session.undo() is None
    session.close()


def test_undo_after_an_unrated_answer_asks_that_question_again(store: Store) -> None:
    clock = FakeClock()
    learner = store.learner_id("ana", T0)
    session = _session(store, clock, learner)
    first = session.show()
    session.answer("1")
    session.rate()
    second = session.show()
    assert first is not None and second is not None and second.id != first.id
    session.answer("1")  # answered, not rated: nothing stored for it yet
    assert session.undo() is not None
    assert store.review_count(learner) == 0 and session.total == 4
    assert session.show().id == first.id  # type: ignore[union-attr]
    session.answer("1")
    session.rate()
    assert session.show().id == second.id  # type: ignore[union-attr]  # asked again, not dropped
    session.close()


def test_an_again_card_comes_back_after_the_others_and_the_total_stays(store: Store) -> None:
    clock = FakeClock()
    learner = store.learner_id("ana", T0)
    session = _session(store, clock, learner)
    places = []
    first = session.show()
    session.answer("2")  # wrong
    session.rate()  # Again: a 1-10 min step
    while (item := session.show()) is not None:
        places.append((session.place, session.total, session.asked_again))
        session.answer("1" if item.question.kind.value != "predict" else "x")
        session.rate(Rating.Good)
        if session.remaining == 1 and session.show() is None:
            clock.t = session.coming_back[0]  # the step is due: it is next
    assert places[:3] == [(2, 4, False), (3, 4, False), (4, 4, False)]
    assert places[3] == (1, 4, True) and first is not None


def test_undo_of_a_card_shown_again_keeps_one_copy(store: Store) -> None:
    clock = FakeClock()
    learner = store.learner_id("ana", T0)
    session = _session(store, clock, learner, new=1)
    first = session.show()
    session.answer("2")  # wrong: rated Again, the card comes back in this sitting
    session.rate()
    assert session.show() is None  # not straight after its own answer
    session.take_early()  # the learner goes on all the same
    again = session.show()
    assert first is not None and again is not None and again.id == first.id
    session.undo()
    assert session.total == 1 and store.review_count(learner) == 0
    back = session.show()
    assert back is not None and back.id == first.id and back.card is None  # the state before
    session.close()


def test_untrusted_pack_runs_no_demo(store: Store, tmp_path: Path) -> None:
    clock = FakeClock()
    learner = store.learner_id("ana", T0)
    items = build_queue(store, learner, T0, clock.day_start(), 10)
    untrusted = launcher_for(MINI, trust=TrustStore(tmp_path / "trust.json"))
    session = ReviewSession(store, Scheduler(), learner, untrusted, items, clock=clock)
    session.show()
    assert session.demo is None
    outcome = session.answer("1")
    assert outcome.run is None and outcome.blocked is not None
    assert outcome.blocked.key == "trust.untrusted"
    assert outcome.verdict.proof is not None and outcome.verdict.proof.status == "no-run"
    assert outcome.verdict.correct is True


def test_shuffled_options_are_graded_as_shown_and_stored_as_in_the_pack(store: Store) -> None:
    clock = FakeClock()
    learner = store.learner_id("ana", T0)
    items = build_queue(store, learner, clock.now(), clock.day_start(), 10)
    first = items[0].question
    assert first.correct_options == {0}  # the pack lists the right option first
    seed = next(s for s in range(50) if shuffled(first, random.Random(s)).order[0] != 0)
    launcher = launcher_for(MINI)
    session = ReviewSession(
        store, Scheduler(), learner, launcher, items, lang="en", clock=clock,
        rng=random.Random(seed),
    )  # fmt: skip
    shown = session.show()
    assert shown is not None and shown.question.options != first.options
    right = next(iter(shown.question.correct_options))
    outcome = session.answer(str(right + 1))
    assert outcome.verdict.correct is True and outcome.answer == str(right + 1)
    assert f"{right + 1}. 3" in outcome.verdict.key  # the key in the numbering shown
    session.rate()
    with store.engine.connect() as conn:
        stored = conn.exec_driver_sql("SELECT answer FROM review").scalar_one()
    assert stored == "1"  # the pack's numbering
    session.close()
