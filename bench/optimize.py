"""`mpquiz optimize` on a learner with 10,000 reviews, against the optimizer alone.

The learner's history (1,000 questions answered 10 times each, by a learner who forgets
four times slower than FSRS's defaults assume: tests/learner_history.py) is stored once
in an SQLite database of the built-in pack. Measured: `Services.optimize(dry_run=True)`,
all of it (reading the history, turning it into FSRS's items, fitting, and scoring the
defaults, the current and the new parameters). Baseline, in the same run: fsrs-rs-python's
`compute_parameters` alone on the same items, what any use of this optimizer pays.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from bench.common import Measure

QUESTIONS = 1_000
PER_QUESTION = 10


def run(quick: bool) -> list[Measure]:
    """The optimize command's time against the optimizer's own on 10,000 reviews."""
    from fsrs.scheduler import DEFAULT_PARAMETERS
    from fsrs_rs_python import FSRS
    from tests.conftest import FakeClock
    from tests.learner_history import history, store_history

    from mpquiz.core.optimizer import training_items
    from mpquiz.services import Services

    repeat = 1 if quick else 3
    reviews = history(QUESTIONS, PER_QUESTION)
    with tempfile.TemporaryDirectory(prefix="mpquiz-bench-") as tmp:
        url = f"sqlite:///{Path(tmp) / 'optimize.db'}"
        svc = Services(db_url=url, lang_option="en", learner="bench", clock=FakeClock())
        svc.open()
        _many_questions(svc, QUESTIONS)
        store_history(svc, reviews)
        whole, floor = [], []
        fit = None
        for _ in range(repeat):  # interleaved
            start = time.perf_counter()
            fit = svc.optimize(dry_run=True).fit
            whole.append(time.perf_counter() - start)
            items = training_items(reviews)
            start = time.perf_counter()
            FSRS(list(DEFAULT_PARAMETERS)).compute_parameters(items)
            floor.append(time.perf_counter() - start)
        svc.close()
    assert fit is not None
    return [
        Measure(
            "optimize.10k",
            f"optimize, {len(reviews):,} reviews",
            statistics.median(whole) * 1e3,
            statistics.median(floor) * 1e3,
            "ms",
            f"Services.optimize(dry_run=True): read, fit, score three sets; log loss"
            f" {fit.default.log_loss:.4f} (defaults) -> {fit.new.log_loss:.4f} (fitted);"
            f" baseline: compute_parameters alone on the same {fit.items:,} items,"
            f" median of {repeat}; target 10 s",
        )
    ]


def _many_questions(svc: object, count: int) -> None:
    """Enough questions for the history: copies of a built-in one under new ids."""
    from sqlmodel import Session, col, select

    from mpquiz.store.tables import QuestionRow

    engine = svc.store.engine  # type: ignore[attr-defined]
    with Session(engine) as session:
        model = session.exec(select(QuestionRow).order_by(col(QuestionRow.id))).first()
        assert model is not None
        have = len(list(session.exec(select(QuestionRow.id))))
        for n in range(count - have):
            session.add(
                QuestionRow(
                    pack_id=model.pack_id,
                    qid=f"bench.q{n:05d}",
                    topic=model.topic,
                    kind=model.kind,
                    position=10_000 + n,
                    content_hash=model.content_hash,
                    data=model.data,
                    updated_at=model.updated_at,
                )
            )
        session.commit()
