"""Exams: a seeded draw, answers stored as they come, the score, the trend, the clock."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from mpquiz import paths
from mpquiz.core.errors import AnswerError, BadInput
from mpquiz.services import Services
from mpquiz.session.exam import ExamOver, ExamSettings
from mpquiz.session.pack_install import add_pack
from mpquiz.settings import Settings, save_settings
from tests.conftest import FakeClock


@pytest.fixture
def svc(db_url: str, mini_pack_dir: Path) -> Services:
    services = Services(db_url=db_url, lang_option="en", learner="ana", clock=FakeClock())
    services.open()
    add_pack(mini_pack_dir, services.store, services.packs_root, services.clock.now())
    yield services
    services.close()


def _mini(**kw: object) -> ExamSettings:
    return ExamSettings(pack_id="mini", seed=7, **kw)  # type: ignore[arg-type]


def test_an_exam_scores_and_stores_every_answer(svc: Services) -> None:
    exam = svc.exam_session(_mini(count=5, minutes=10))
    drawn = exam.start()
    # open questions are self-rated, so they are left out of exams
    assert sorted(q.question.kind.value for q in drawn) == ["choice", "numeric", "predict"]
    answers = {"choice": "1", "numeric": "4", "predict": "child 0\nchild 1\njoined 2"}
    with pytest.raises(AnswerError):
        exam.answer("not a number" if exam.current.question.kind.value == "numeric" else "99")  # type: ignore[union-attr]
    while (item := exam.current) is not None:
        exam.answer(answers[item.question.kind.value])
    result = exam.finish()
    assert (result.total, result.correct, result.timed_out) == (3, 2, False)
    assert [m[0].question.qid for m in result.missed] == ["basics.exitcode-number"]
    assert result.per_topic == {"basics": (2, 3)}
    with svc.store.engine.connect() as conn:
        rows = conn.execute(text("SELECT mode, exam_id FROM review")).all()
    assert rows == [("exam", result.exam_id)] * 3
    assert exam.finish() is result  # idempotent

    second = svc.exam_session(_mini(count=2, minutes=10))
    second.start()
    second.skip()
    later = second.finish()
    assert later.correct == 0 and len(later.missed) == 2 and later.missed[0][1] is None
    assert [(e.total, e.correct) for e in later.earlier] == [(3, 2)]


def test_time_up_ends_the_exam(svc: Services) -> None:
    clock: FakeClock = svc.clock  # type: ignore[assignment]
    exam = svc.exam_session(_mini(count=3, minutes=1))
    exam.start()
    exam.answer("1" if exam.current.question.kind.value != "predict" else "x")  # type: ignore[union-attr]
    clock.t += timedelta(seconds=61)
    assert exam.expired and exam.current is None
    with pytest.raises(ExamOver) as over:
        exam.answer("1")
    assert over.value.reason == "time_up"
    result = exam.finish()
    assert result.timed_out and result.total == 3 and len(exam.answers) == 1


def test_weak_first_and_topic_filters(svc: Services) -> None:
    with pytest.raises(BadInput):
        svc.exam_session(ExamSettings(pack_id="mini", topics=("nope",))).start()
    first = svc.exam_session(_mini(count=3))
    first.start()
    while (item := first.current) is not None:
        first.answer("1" if item.question.kind.value != "predict" else "child 0\nchild 1\njoined 2")
    first.finish()
    weak = svc.exam_session(_mini(count=1, weak_first=True))
    [drawn] = weak.start()
    # the one answered wrongly is the least likely to be recalled
    assert drawn.question.qid == "basics.exitcode-number"


def test_a_shuffled_exam_grades_as_shown_and_stores_as_in_the_pack(svc: Services) -> None:
    save_settings(Settings(shuffle_options=True), paths.config_file())
    fresh = Services(db_url=svc.url, lang_option="en", learner="ana", clock=svc.clock)
    fresh.open()
    stored_right: dict[str, str] = {}
    for seed in range(30):  # draws until the choice question is shown out of pack order
        exam = fresh.exam_session(ExamSettings(pack_id="mini", seed=seed, topics=("basics",)))
        assert exam.settings.shuffle is True
        choice = next(q for q in exam.start() if q.question.kind.value == "choice")
        if choice.question.correct_options != {0}:
            break
        exam.finish()
    while (item := exam.current) is not None:
        if item.question.kind.value == "choice":
            right = next(iter(item.question.correct_options))
            exam.answer(str(right + 1))
            stored_right[item.question.qid] = "1"  # first in the pack
        else:
            exam.skip()
    result = exam.finish()
    assert result.correct == 1
    with fresh.store.engine.connect() as conn:
        stored = conn.execute(text("SELECT answer FROM review WHERE mode = 'exam'")).all()
    assert [row[0] for row in stored][-1:] == list(stored_right.values())
    fresh.close()
