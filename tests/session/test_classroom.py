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


def item_class(db_url: str, mini_pack_dir: Path) -> tuple[Services, list[int], dict[int, str]]:
    """Five learners sit one exam each on the mini pack's four questions (the exams of
    tests/core/test_item_analysis.py, worked out by hand there); a sixth gives first
    answers in review, and a later answer of theirs that is not a first one. Returns the
    instructor's services, the questions' ids in order and their qids."""
    from mpquiz.core.scheduling import CardState
    from mpquiz.store.values import ReviewRecord
    from tests.core.test_item_analysis import EXAMS

    clock = FakeClock()
    svc = Services(db_url=db_url, lang_option="en", learner="teacher", clock=clock)
    svc.open(as_learner=False)
    add_pack(mini_pack_dir, svc.store, svc.packs_root, clock.now())
    store = svc.store
    owner = store.learner_id("owner", clock.now())
    unseen = store.unseen(owner, 4, pack_id="mini")
    questions = [q.id for q in unseen]
    qids = {q.id: q.question.qid for q in unseen}
    now = clock.now()
    after = CardState(state=2, stability=3.0, difficulty=5.0, due=now, last_review=now)
    for exam_no, scores in EXAMS.items():
        learner = store.learner_id(f"l{exam_no}", now)
        exam = store.start_exam(learner, now, 10.0, {})
        for number, score in scores.items():
            store.record_review(
                ReviewRecord(learner, questions[number - 1], now, 3 if score else 1,
                             bool(score), "1" if score else "9", 1000, "exam", None, after,
                             exam_id=exam)
            )  # fmt: skip
    sixth = store.learner_id("l6", now)
    for number, right, before in ((1, False, None), (2, True, None), (1, True, after)):
        store.record_review(
            ReviewRecord(sixth, questions[number - 1], now, 3 if right else 1, right,
                         "1" if right else "2", 1000, "review", before, after)
        )  # fmt: skip
    return svc, questions, qids


def test_item_analysis_of_a_hand_made_class(db_url: str, mini_pack_dir: Path) -> None:
    """Facility and discrimination over the exams and the first answers in review."""
    import math

    svc, questions, qids = item_class(db_url, mini_pack_dir)
    report = class_report(svc.store, svc.scheduler, svc.clock.now(), pack_id="mini")
    items = {i.qid: i for i in report.items}
    q1, q2, q3, q4 = (items[qids[q]] for q in questions)
    # Question 1: the five exams (3 right), and l6's first answer, wrong (their second,
    # right, is not a first answer). l6's attempt: q1 = 0 with the rest (q2) = 1.
    assert (q1.attempts, q1.right) == (6, 3) and q1.facility == pytest.approx(0.5)
    x = [1, 1, 0, 0, 1, 0]
    y = [1, 2 / 3, 2 / 3, 1 / 3, 2 / 3, 1]
    mx, my = sum(x) / 6, sum(y) / 6
    r = sum((a - mx) * (b - my) for a, b in zip(x, y, strict=True)) / math.sqrt(
        sum((a - mx) ** 2 for a in x) * sum((b - my) ** 2 for b in y)
    )
    assert q1.discrimination == pytest.approx(r)
    assert [w.answer for w in q1.wrong_answers] == ["9", "2"]
    assert (q2.attempts, q2.right) == (6, 4)
    assert q3.discrimination == pytest.approx(0.2 / math.sqrt(1.2 * 70 / 225))
    assert (q4.facility, q4.discrimination, q4.second_look) == (1.0, None, "everyone_right")
    assert report.items[0].second_look is not None  # worth a second look comes first
    assert report.to_dict()["items"][0]["qid"] == report.items[0].qid
    svc.close()
