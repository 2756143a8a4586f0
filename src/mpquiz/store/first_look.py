"""A read-only first look at an SQLite database through the standard sqlite3 module.

Importing SQLAlchemy and SQLModel costs about half a second, more than the rest of the
app's start. The first screen needs one answer: which question comes first today, and how
many there are. This module gives it without them, so the app paints the question while
the repository loads in the background. It reads the day's queue with the session's own
statements (store.queue_reads), so its answer is the first item and the length of
`session.queue.build_queue`; it never writes, the repository stays the one way in. On
anything unusual (no such file, a file that is not mpquiz's, other meta values, an
unknown learner, any SQLite error) it gives up with None and the caller takes the normal
path.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

from mpquiz.store import queue_reads
from mpquiz.store.peek import Kind, look


class GlancePack(NamedTuple):
    """The few facts of a pack the first screen shows."""

    id: str
    topics: str
    """The stored JSON of the pack's topic titles."""
    builtin: bool
    demos_dir: str


class FirstLookRow(NamedTuple):
    """The day's first question (its stored JSON) and the length of the day's queue."""

    question_id: int
    data: str
    pack: GlancePack
    total: int
    queue: queue_reads.DayQueue
    """The whole day's queue, which the session adopts (Services.early_review_session)."""
    learner_id: int
    tuning: tuple[object, object] = (None, None)
    """The learner's own FSRS parameters and desired retention as stored (schema 8),
    read into a core.scheduling.Tuning once the scheduler is needed."""


def sqlite_file(url: str) -> Path | None:
    """The file of a plain `sqlite:///PATH` URL; None for any other form (query, driver)."""
    prefix = "sqlite:///"
    if not url.startswith(prefix) or any(c in url for c in "?%#"):
        return None
    database = url[len(prefix) :]
    if database in ("", ":memory:"):
        return None
    return Path(database).expanduser()


def first_question(
    db: Path,
    *,
    meta: Mapping[str, str],
    learner: str,
    now: datetime,
    day_start: datetime,
    new_per_day: int,
    pack_id: str | None = None,
    topic: str | None = None,
) -> FirstLookRow | None:
    """Today's first question for `learner` and the queue's length, or None.

    `meta` holds values the database's meta table must have (its schema version, the
    built-in pack's fingerprint): any other value means the repository would change
    something on opening, so the look would not be what the session shows.
    """
    conn = _open(db)
    if conn is None:
        return None
    try:
        found = _learner(conn, meta, learner)
        if found is None:
            return None
        return _look(conn, found, now, day_start, new_per_day, pack_id, topic)
    except (sqlite3.Error, ValueError, TypeError):
        return None
    finally:
        conn.close()


def ready(db: Path, *, meta: Mapping[str, str], learner: str) -> bool:
    """True when the file opens, its meta table holds `meta` and `learner` is known."""
    conn = _open(db)
    if conn is None:
        return False
    try:
        return _learner(conn, meta, learner) is not None
    except sqlite3.Error:
        return False
    finally:
        conn.close()


def _open(db: Path) -> sqlite3.Connection | None:
    # Only a file that a read-only look finds to be mpquiz's: another program's file in
    # WAL mode would get -wal and -shm files beside it even from a read-only connection.
    if look(db).kind is not Kind.MPQUIZ:
        return None
    try:
        return sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True, timeout=1.0)
    except sqlite3.Error:
        return None


def _learner(
    conn: sqlite3.Connection, meta: Mapping[str, str], learner: str
) -> tuple[int, object, object] | None:
    """The learner's id, FSRS parameters and desired retention, when `meta` holds."""
    for key, value in meta.items():
        row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        if row is None or row[0] != value:
            return None
    row = conn.execute(
        "SELECT id, fsrs_parameters, desired_retention FROM learner WHERE name = ?", (learner,)
    ).fetchone()
    return None if row is None else (int(row[0]), row[1], row[2])


def _look(
    conn: sqlite3.Connection,
    learner: tuple[int, object, object],
    now: datetime,
    day_start: datetime,
    new_per_day: int,
    pack_id: str | None,
    topic: str | None,
) -> FirstLookRow | None:
    """The look for `learner` (their id, FSRS parameters and desired retention)."""
    learner_id = learner[0]

    def run(sql: str, params: dict[str, Any]) -> list[Any]:
        return conn.execute(sql, params).fetchall()

    # The session's own read (store.queue_reads), here through sqlite3; a read-only look
    # leaves the unseen starts that moved for the session to save.
    queue = queue_reads.day_queue(
        run,
        queue_reads.Values(sqlite=True),
        learner_id=learner_id,
        now=now,
        day_start=day_start,
        new_per_day=new_per_day,
        pack_id=pack_id,
        topic=topic,
    )
    rows = queue.rows
    if not rows:
        return None
    first = rows[0]
    pack = conn.execute(
        "SELECT id, topics, builtin, demos_dir FROM pack WHERE id = ?", (first.pack_id,)
    ).fetchone()
    facts = GlancePack(pack[0], pack[1], bool(pack[2]), pack[3])
    data = first.data if isinstance(first.data, str) else json.dumps(first.data)
    return FirstLookRow(first.question_id, data, facts, len(rows), queue, learner_id, learner[1:])
