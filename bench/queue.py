"""Building the day's queue (session.queue.build_queue) as the collection grows.

Measured at 1k, 10k and 100k questions, each with 1,000,000 stored reviews; the baseline
is the same SELECT statements (captured from one build) run raw with sqlite3 in the same
run, so the ratio is mpquiz's own cost (SQLAlchemy, row objects) over SQLite's. The
growth from 10k to 100k is reported against linear growth. The Anki peer is in
bench/anki_peer.py.

The generated databases are cached under bench/.cache by size. A collection holds N
questions in packs of 1,000 (the first one marked built-in), one learner who has answered
the first half of them in pack order (the way a learner goes through packs, and the
worst case for finding the next new question), 2% of those cards due now, and 1,000,000
reviews spread over the cards, three of them of new cards today.
Rows are written with executemany and INSERT ... SELECT on one raw sqlite3 connection.
The cache key holds the schema's DDL, so a change of tables or indexes rebuilds it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import random
import sqlite3
import statistics
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.common import Measure

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
DAY_START = NOW.replace(hour=0)
PACK_SIZE = 1_000
REVIEWS = 1_000_000
SEEN = 0.5
DUE = 0.02
NEW_TODAY = 3
GENERATOR = 2  # bump when the data below changes


@dataclass(frozen=True)
class BenchDb:
    """A generated collection and what it holds."""

    path: Path
    questions: int
    cards: int
    due: int
    reviews: int


def stamp(at: datetime) -> str:
    """A datetime as SQLAlchemy stores it in SQLite (naive UTC, microseconds)."""
    return at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def schema_digest() -> str:
    """A short hash of mpquiz's DDL: cached databases are rebuilt when it changes."""
    from sqlalchemy.dialects import sqlite
    from sqlalchemy.schema import CreateIndex, CreateTable
    from sqlmodel import SQLModel

    from mpquiz.store import tables  # noqa: F401  (registers the tables)

    dialect = sqlite.dialect()
    parts = []
    for table in SQLModel.metadata.sorted_tables:
        parts.append(str(CreateTable(table).compile(dialect=dialect)))
        parts.extend(
            str(CreateIndex(index).compile(dialect=dialect))
            for index in sorted(table.indexes, key=lambda i: i.name or "")
        )
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:10]


def templates() -> list[dict]:
    """The built-in pack's questions as stored, to give generated rows a real size."""
    from mpquiz import paths
    from mpquiz.core.codec import question_to_dict
    from mpquiz.packs.loader import load_pack

    pack = load_pack(paths.builtin_pack_dir(), demos_dir=paths.builtin_demos_dir())
    return [question_to_dict(q) for q in pack.questions]


def bench_db(questions: int, reviews: int = REVIEWS) -> BenchDb:
    """The cached collection of `questions` questions, generated on first use."""
    CACHE.mkdir(parents=True, exist_ok=True)
    name = f"queue-{questions}q-{reviews}r-g{GENERATOR}-"
    path = CACHE / f"{name}{schema_digest()}.db"
    for stale in CACHE.glob(f"{name}*.db"):  # made for an older schema
        if stale != path:
            stale.unlink()
    cards = int(questions * SEEN)
    due = max(1, int(cards * DUE))
    if not path.is_file():
        tmp = path.with_suffix(".tmp")
        tmp.unlink(missing_ok=True)
        _generate(tmp, questions, cards, due, reviews)
        tmp.rename(path)
        # Hundreds of megabytes were just written: flush them now, so the kernel's
        # write-back does not run under the first timings.
        os.sync()
    return BenchDb(path, questions, cards, due, reviews)


def _generate(path: Path, questions: int, cards: int, due: int, reviews: int) -> None:
    from mpquiz.store.engine import open_engine

    open_engine(f"sqlite:///{path}").dispose()  # the current tables, as mpquiz makes them
    rng = random.Random(questions)
    shapes = templates()
    with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as con:
        con.execute("PRAGMA journal_mode = OFF")
        con.execute("PRAGMA synchronous = OFF")
        con.execute("BEGIN")
        con.execute(
            "INSERT INTO learner (id, name, created_at) VALUES (1, 'bench', ?)",
            (stamp(NOW - timedelta(days=400)),),
        )
        packs = (questions + PACK_SIZE - 1) // PACK_SIZE
        topics = json.dumps({"t": {"en": "Topic", "es": "Tema"}})
        con.executemany(
            "INSERT INTO pack (id, version, title, languages, topics, root, demos_dir, builtin,"
            " demo_timeout, content_hash, retired, synced_at)"
            " VALUES (?, '1.0.0', ?, '[\"en\", \"es\"]', ?, '', '', ?, 10.0, 'x', 0, ?)",
            (
                (f"p{p:04d}", json.dumps({"en": f"Pack {p}"}), topics, int(p == 0), stamp(NOW))
                for p in range(packs)
            ),
        )

        def question_rows():
            for i in range(questions):
                pack_id, position = f"p{i // PACK_SIZE:04d}", i % PACK_SIZE
                data = dict(shapes[i % len(shapes)])
                data |= {"qid": f"q{i:07d}", "pack_id": pack_id, "topic": "t"}
                data["position"] = position
                yield (
                    i + 1,
                    pack_id,
                    data["qid"],
                    data["kind"],
                    position,
                    json.dumps(data),
                    stamp(NOW),
                )

        con.executemany(
            "INSERT INTO question (id, pack_id, qid, topic, kind, position, content_hash,"
            " retired, data, updated_at) VALUES (?, ?, ?, 't', ?, ?, 'x', 0, ?, ?)",
            question_rows(),
        )
        due_ids = set(rng.sample(range(1, cards + 1), due))

        def card_rows():
            for card in range(1, cards + 1):
                if card in due_ids:
                    when = NOW - timedelta(minutes=rng.randrange(1, 30 * 24 * 60))
                else:
                    when = NOW + timedelta(minutes=rng.randrange(60, 120 * 24 * 60))
                last = when - timedelta(days=rng.randrange(1, 60))
                yield (
                    card,
                    card,
                    rng.uniform(1, 300),
                    rng.uniform(1, 10),
                    stamp(when),
                    stamp(last),
                    stamp(last - timedelta(days=30)),
                )

        con.executemany(
            "INSERT INTO card (id, learner_id, question_id, state, step, stability, difficulty,"
            " due, last_review, reps, lapses, created_at) VALUES (?, 1, ?, 2, NULL, ?, ?, ?,"
            " ?, 1, 0, ?)",
            card_rows(),
        )
        # Past reviews, spread over every card and the last 400 days; then a few of new
        # cards today, so the day's new allowance is partly used.
        past = reviews - min(NEW_TODAY, reviews)
        con.execute(
            "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < :last)"
            " INSERT INTO review (learner_id, question_id, card_id, reviewed_at, rating,"
            " correct, answer, duration_ms, mode, demo_run_id, card_before, new_card, exam_id)"
            " SELECT 1, 1 + (i * 7919) % :cards, 1 + (i * 7919) % :cards,"
            " strftime('%Y-%m-%d %H:%M:%f000', :start, '+' || (i * 34) || ' seconds'),"
            " 1 + i % 4, i % 4 != 0, 'answer ' || i, 1000 + i % 5000, 'review', NULL, NULL,"
            " i < :cards, NULL FROM n",
            {
                "last": past - 1,
                "cards": cards,
                "start": stamp(DAY_START - timedelta(days=400)),
            },
        )
        con.executemany(
            "INSERT INTO review (learner_id, question_id, card_id, reviewed_at, rating,"
            " correct, answer, duration_ms, mode, new_card) VALUES (1, ?, ?, ?, 3, 1, 'x',"
            " 900, 'review', 1)",
            (
                (c, c, stamp(DAY_START + timedelta(hours=1, minutes=c)))
                for c in range(1, min(NEW_TODAY, reviews) + 1)
            ),
        )
        con.execute("COMMIT")
        con.execute("PRAGMA journal_mode = WAL")  # as mpquiz leaves it


SIZES = (1_000, 10_000, 100_000)
TARGET_MS = 20.0


def open_store(db: BenchDb) -> Any:
    """The mpquiz store on a generated collection."""
    from mpquiz.store.engine import open_engine
    from mpquiz.store.repository import Store

    return Store(open_engine(f"sqlite:///{db.path}"))


def time_build(store: Any, repeat: int) -> tuple[float, int]:
    """Median seconds of `build_queue` for the bench learner, and the queue's length."""
    from mpquiz.session.queue import build_queue

    size = len(build_queue(store, 1, NOW, DAY_START, 10))  # warm caches, set unseen starts
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        build_queue(store, 1, NOW, DAY_START, 10)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs), size


def _statements(store: Any) -> list[tuple[str, Any]]:
    """The SQL one build_queue call sends, with its parameters as the driver gets them
    (every statement goes through queue_queries' reader: store.queue_reads)."""
    from mpquiz.session.queue import build_queue
    from mpquiz.store import queue_queries

    sent: list[tuple[str, Any]] = []
    reader = queue_queries._reader

    def recording(session: Any) -> Any:
        run, values = reader(session)

        def kept(sql: str, params: Any) -> Any:
            if sql.lstrip().upper().startswith("SELECT"):
                sent.append((sql, params))
            return run(sql, params)

        return kept, values

    queue_queries._reader = recording
    try:
        build_queue(store, 1, NOW, DAY_START, 10)
    finally:
        queue_queries._reader = reader
    return sent


def time_raw(db: BenchDb, statements: list[tuple[str, Any]], repeat: int) -> float:
    """Median seconds of the same SELECTs done raw with sqlite3 (rows fetched, not decoded)."""
    with contextlib.closing(sqlite3.connect(db.path, isolation_level=None)) as con:

        def once() -> float:
            start = time.perf_counter()
            con.execute("BEGIN")
            for statement, params in statements:
                con.execute(statement, params).fetchall()
            con.execute("COMMIT")
            return time.perf_counter() - start

        once()
        return statistics.median(once() for _ in range(repeat))


def cold_build(store: Any) -> float:
    """Seconds of the first build after the unseen start cache was dropped (a pack sync does)."""
    from sqlalchemy import text

    from mpquiz.session.queue import build_queue

    with store.engine.begin() as conn:
        conn.execute(text("DELETE FROM unseen_start"))
    start = time.perf_counter()
    build_queue(store, 1, NOW, DAY_START, 10)
    return time.perf_counter() - start


def run(quick: bool) -> list[Measure]:
    """build_queue at 1k, 10k and 100k questions with 1M reviews, against raw sqlite3."""
    repeat = 11 if quick else 41
    measures = []
    medians = {}
    raws = {}
    for size in SIZES:
        db = bench_db(size)
        store = open_store(db)
        try:
            cold = cold_build(store)
            median, length = time_build(store, repeat)
            raw = time_raw(db, _statements(store), repeat)
        finally:
            store.close()
        medians[size] = median
        raws[size] = raw
        verdict = ""
        if size == SIZES[-1]:
            verdict = (
                f"; target < {TARGET_MS:g} ms: {'met' if median * 1e3 < TARGET_MS else 'MISSED'}"
            )
        measures.append(
            Measure(
                f"queue.vs_raw.{size // 1000}k",
                f"queue build, {size // 1000}k questions",
                median * 1e3,
                raw * 1e3,
                "ms",
                f"{db.cards} cards, {db.due} due, {length} in the queue, {db.reviews:,} reviews;"
                f" first build after a pack sync {cold * 1e3:.1f} ms; baseline: the same"
                f" SELECTs raw with sqlite3, median of {repeat}{verdict}",
            )
        )
    growth = medians[SIZES[-1]] / medians[SIZES[-2]]
    raw_growth = raws[SIZES[-1]] / raws[SIZES[-2]]
    measures.append(
        Measure(
            "queue.growth_10k_100k",
            "queue growth 10k -> 100k questions",
            growth,
            raw_growth,
            "x",
            f"baseline: the raw SELECTs' own growth in this run (linear would be"
            f" {SIZES[-1] / SIZES[-2]:g}x); a ratio of 1 adds nothing to what SQLite does",
        )
    )
    return measures
