"""Six sessions at once on one SQLite file: two of the same learner, four of others.

Each runs in its own process and answers as fast as it can. BEGIN IMMEDIATE takes the
write lock when a transaction starts and the busy timeout (10 s) makes a writer wait for
it instead of failing, so every session must finish, every review must be stored exactly
once, and no "database is locked" may reach anyone. When the wait does run out, the
learner gets one clear line (tested here with a short timeout).
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from mpquiz.core.errors import StoreError
from mpquiz.core.scheduling import CardState, Rating, Scheduler
from mpquiz.packs.loader import load_pack
from mpquiz.store import engine as engine_mod
from mpquiz.store.engine import open_engine
from mpquiz.store.repository import ReviewRecord, Store
from tests.reliability.workers import (
    EPOCH,
    LONG_ERA,
    MINI,
    audit,
    context,
    drain,
    review_loop,
    saved_ids,
    soak_factor,
)

pytestmark = pytest.mark.slow
LEARNERS = ["ana", "ana", "ben", "cho", "dan", "eve"]
REVIEWS = 40


def test_six_sessions_at_once_store_every_review_once(tmp_path: Path) -> None:
    db = tmp_path / "shared.db"
    url = f"sqlite:///{db}"  # not created yet: all six also race to create it
    ctx = context()
    go = ctx.Event()
    reviews = REVIEWS * soak_factor()
    children = []
    for i, learner in enumerate(LEARNERS):
        receiver, sender = ctx.Pipe(duplex=False)
        child = ctx.Process(
            target=review_loop,
            args=(url, learner, 100 + i, EPOCH + i * LONG_ERA, sender, reviews, go),
        )
        child.start()
        sender.close()
        children.append((child, receiver))
    for _child, receiver in children:
        assert receiver.poll(60), "a session did not open the database"
    go.set()
    messages = []
    deadline = time.monotonic() + 300
    for child, receiver in children:
        got = []
        while child.is_alive() and time.monotonic() < deadline:
            got += drain(receiver)
            child.join(0.05)
        got += drain(receiver)
        messages.append(got)
        errors = [m for m in got if m[0] == "error"]
        assert not errors, errors
        assert child.exitcode == 0 and got[-1] == ("done", reviews)
    every = [rid for got in messages for rid in saved_ids(got)]
    found = audit(db)
    assert found.integrity == []
    assert sorted(every) == found.review_ids  # each once, and nothing else
    assert found.duplicates == [] and found.orphan_runs == 0
    # Two sessions of one learner may rate the same card: each review still counts once.
    assert all(reps == count for _, reps, count, *_ in found.inconsistent_cards)
    con = sqlite3.connect(db)
    per_learner = dict(
        con.execute(
            "SELECT l.name, count(*) FROM review r JOIN learner l ON l.id = r.learner_id"
            " GROUP BY l.name"
        ).fetchall()
    )
    con.close()
    assert per_learner == {
        "ana": 2 * reviews,
        "ben": reviews,
        "cho": reviews,
        "dan": reviews,
        "eve": reviews,
    }
    print(f"\nconcurrency: 6 sessions, {len(every)} reviews, each stored once")


def test_a_lock_held_too_long_gives_one_clear_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db_url = f"sqlite:///{tmp_path / 'locked.db'}"  # SQLite's own locking, so a file
    store = Store(open_engine(db_url))
    store.sync_pack(load_pack(MINI), EPOCH)
    learner = store.learner_id("ana", EPOCH)
    question = store.unseen(learner, 1)[0].id
    store.close()
    monkeypatch.setattr(engine_mod, "BUSY_TIMEOUT_MS", 300)
    store = Store(open_engine(db_url))
    holder = sqlite3.connect(db_url.removeprefix("sqlite:///"), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program keeps the write lock
    after = Scheduler().review(CardState(), Rating.Good, EPOCH)
    record = ReviewRecord(learner, question, EPOCH, 3, True, "1", 10, "review", None, after)
    started = time.monotonic()
    with pytest.raises(StoreError) as raised:
        store.record_review(record)
    waited = time.monotonic() - started
    holder.execute("ROLLBACK")
    message = str(raised.value)
    assert "busy" in message and "try again" in message and "\n" not in message
    assert waited >= 0.25  # it waited for the lock before giving up
    assert store.record_review(record) > 0  # and works once the lock is free
    holder.close()
    store.close()
