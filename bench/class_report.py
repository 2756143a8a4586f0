"""`mpquiz class report` on a class of 50 learners with 5,000 reviews each.

The class database holds the built-in pack, and for each learner a card per question and
5,000 reviews of them over 200 days: their first answers (review mode, new cards), then
reviews of cards in review state, and ten exams of ten questions each. It is generated
once under bench/.cache (rebuilt when mpquiz's tables change). Measured: `class_report`
over the whole period, all of it (mastery per learner and topic, the hardest questions
and their wrong answers, the exercises, the item analysis). Baseline, in the same run:
reading the period's review rows that the report summarises, raw with sqlite3, once.
"""

from __future__ import annotations

import contextlib
import json
import random
import sqlite3
import statistics
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.common import Measure
from bench.queue import CACHE, schema_digest, stamp

LEARNERS = 50
REVIEWS = 5_000
EXAMS = 10
PER_EXAM = 10
NOW = datetime(2026, 6, 1, 9, tzinfo=UTC)
DAYS = 200
GENERATOR = 1


def class_db() -> Path:
    """The cached class database, generated on first use."""
    CACHE.mkdir(parents=True, exist_ok=True)
    name = f"class-{LEARNERS}x{REVIEWS}-g{GENERATOR}-"
    path = CACHE / f"{name}{schema_digest()}.db"
    for stale in CACHE.glob(f"{name}*.db"):
        if stale != path:
            stale.unlink()
    if not path.is_file():
        tmp = path.with_suffix(".tmp")
        tmp.unlink(missing_ok=True)
        _generate(tmp)
        tmp.rename(path)
    return path


def _generate(path: Path) -> None:
    from mpquiz.services import Services

    svc = Services(db_url=f"sqlite:///{path}", lang_option="en", learner="teacher")
    svc.open(as_learner=False)  # the tables and the built-in pack, as mpquiz makes them
    svc.close()
    rng = random.Random(GENERATOR)
    with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as con:
        con.execute("BEGIN")
        questions = [
            row[0] for row in con.execute("SELECT id FROM question WHERE kind != 'exercise'")
        ]
        start = NOW - timedelta(days=DAYS)
        review_before = json.dumps({"state": 2, "step": None, "stability": 5.0, "difficulty": 5.0,
                                    "due": None, "last_review": None})  # fmt: skip
        for n in range(LEARNERS):
            skill = rng.random()
            learner = con.execute(
                "INSERT INTO learner (name, created_at, optimized_reviews) VALUES (?, ?, 0)",
                (f"learner{n:02d}", stamp(start)),
            ).lastrowid
            cards = {}
            for q in questions:
                cards[q] = con.execute(
                    "INSERT INTO card (learner_id, question_id, state, step, stability,"
                    " difficulty, due, last_review, reps, lapses, created_at)"
                    " VALUES (?, ?, 2, NULL, 5.0, 5.0, ?, ?, 1, 0, ?)",
                    (learner, q, stamp(NOW + timedelta(days=rng.randint(0, 30))),
                     stamp(start), stamp(start)),
                ).lastrowid  # fmt: skip
            rows = []
            exams = []
            for _exam in range(EXAMS):
                at = start + timedelta(days=rng.uniform(0, DAYS))
                exam = con.execute(
                    "INSERT INTO exam (learner_id, started_at, minutes, timed_out, total, correct,"
                    " settings, per_topic) VALUES (?, ?, 10, 0, 0, 0, '{}', '{}')",
                    (learner, stamp(at)),
                ).lastrowid
                exams.append((exam, at))
            for i in range(REVIEWS):
                q = questions[i % len(questions)] if i < len(questions) else rng.choice(questions)
                first = i < len(questions)
                exam_id, mode, at = None, "review", start + timedelta(days=DAYS * i / REVIEWS)
                if not first and i % (REVIEWS // (EXAMS * PER_EXAM)) == 0 and exams:
                    exam_id, at = exams[(i // PER_EXAM) % EXAMS]
                    mode = "exam"
                right = rng.random() < 0.4 + 0.5 * skill
                answer = "1" if right else rng.choice("234")
                before = None if first else review_before
                rating = 3 if right else 1
                rows.append((learner, q, cards[q], stamp(at), rating, int(right), answer, 5000,
                             mode, before, int(first), exam_id, 8000))  # fmt: skip
            con.executemany(
                "INSERT INTO review (learner_id, question_id, card_id, reviewed_at, rating,"
                " correct, answer, duration_ms, mode, card_before, new_card, exam_id, study_ms)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
        con.execute("COMMIT")


def run(quick: bool) -> list[Measure]:
    """The class report's time against reading its review rows raw."""
    from mpquiz.core.scheduling import Scheduler
    from mpquiz.session.classroom import class_report
    from mpquiz.store.engine import open_engine
    from mpquiz.store.repository import Store

    path = class_db()
    repeat = 1 if quick else 3
    store = Store(open_engine(f"sqlite:///{path}"))
    scheduler = Scheduler()
    whole, floor = [], []
    report = None
    try:
        for _ in range(repeat):  # interleaved
            start = time.perf_counter()
            report = class_report(store, scheduler, NOW, since_days=DAYS + 1)
            whole.append(time.perf_counter() - start)
            start = time.perf_counter()
            with contextlib.closing(sqlite3.connect(path)) as con:
                con.execute(
                    "SELECT learner_id, question_id, correct, mode, exam_id, new_card, answer"
                    " FROM review WHERE reviewed_at >= ?",
                    (stamp(NOW - timedelta(days=DAYS + 1)),),
                ).fetchall()
            floor.append(time.perf_counter() - start)
    finally:
        store.close()
    assert report is not None
    reviews = LEARNERS * REVIEWS
    return [
        Measure(
            "class.report_50x5k",
            f"class report, {LEARNERS} learners x {REVIEWS:,} reviews",
            statistics.median(whole) * 1e3,
            statistics.median(floor) * 1e3,
            "ms",
            f"class_report over {reviews:,} reviews ({len(report.items)} questions analysed,"
            f" {len(report.rows)} learner-topic rows); baseline: the same review rows read raw"
            f" with sqlite3, median of {repeat}; target 2 s",
        )
    ]
