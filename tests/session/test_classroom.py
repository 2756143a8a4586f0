"""The instructor's report from real review rows of several learners."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from mpquiz.core.scheduling import Rating
from mpquiz.services import Services
from mpquiz.session.classroom import class_report
from mpquiz.session.pack_install import add_pack
from tests.conftest import FakeClock

# What each learner answers to the mini pack's choice question (right: 1) and numeric one
# (right: 3). Two give "2" to the choice question: the class's misconception.
ANSWERS = {"ana": ("1", "3"), "ben": ("2", "3"), "cai": ("2", "0"), "dan": ("3", "0")}


@pytest.fixture
def class_db(db_url: str, mini_pack_dir: Path) -> str:
    clock = FakeClock()
    first = Services(db_url=db_url, lang_option="en", learner="ana", clock=clock)
    first.open()
    add_pack(mini_pack_dir, first.store, first.packs_root, clock.now())
    first.close()
    for name, (choice, number) in ANSWERS.items():
        svc = Services(db_url=db_url, lang_option="en", learner=name, clock=clock)
        svc.open()
        session = svc.review_session(pack_id="mini", new_per_day=2)
        for answer in (choice, number):
            session.show()
            session.answer(answer)
            session.rate()
        session.close()
        svc.close()
    return db_url


def test_report_names_learners_topics_and_misconceptions(class_db: str) -> None:
    svc = Services(db_url=class_db, lang_option="en", learner="teacher", clock=FakeClock())
    svc.open(as_learner=False)
    # a day later, a card answered wrongly is less likely to be recalled
    report = class_report(
        svc.store, svc.scheduler, svc.clock.now() + timedelta(days=1), pack_id="mini"
    )
    assert report.learners == ["ana", "ben", "cai", "dan"]
    basics = {r.learner: r for r in report.rows if r.topic == "basics"}
    assert (basics["ana"].reviews, basics["ana"].correct) == (2, 2)
    assert (basics["dan"].reviews, basics["dan"].correct) == (2, 0)
    assert basics["ana"].mastery > basics["dan"].mastery >= 0
    hardest = {q.qid: q for q in report.hardest}
    choice = hardest["basics.exitcode"]
    assert (choice.reviews, choice.wrong) == (4, 3)
    assert [(w.answer, w.count) for w in choice.wrong_answers] == [("2", 2), ("3", 1)]
    assert choice.wrong_answers[0].shown == "2. 0"
    assert [(w.answer, w.count) for w in hardest["basics.exitcode-number"].wrong_answers] == [
        ("0", 2)
    ]
    assert report.hardest[0].qid == "basics.exitcode"  # 75% wrong before 50%
    as_json = report.to_dict()
    assert as_json["hardest"][0]["error_rate"] == 0.75
    svc.close()


def test_period_and_export(class_db: str) -> None:
    clock = FakeClock()
    clock.t += timedelta(days=40)
    svc = Services(db_url=class_db, lang_option="en", learner="teacher", clock=clock)
    svc.open(as_learner=False)
    report = class_report(svc.store, svc.scheduler, clock.now(), since_days=30)
    assert report.hardest == [] and all(r.reviews == 0 for r in report.rows)
    rows = list(svc.store.export_reviews(clock.now() - timedelta(days=365)))
    assert len(rows) == 8 and {r["learner"] for r in rows} == set(ANSWERS)
    assert rows[0]["question"] == "basics.exitcode" and rows[0]["mode"] == "review"
    svc.close()


def test_rating_again_is_stored_for_wrong_answers(class_db: str) -> None:
    svc = Services(db_url=class_db, lang_option="en", learner="teacher", clock=FakeClock())
    svc.open(as_learner=False)
    rows = list(svc.store.export_reviews(svc.clock.now() - timedelta(days=1)))
    wrong = [r for r in rows if not r["correct"]]
    assert wrong and all(r["rating"] == int(Rating.Again) for r in wrong)
    svc.close()
