"""A read-only first look at an SQLite database through the standard sqlite3 module.

Importing SQLAlchemy and SQLModel costs about half a second, more than the rest of the
app's start. The first screen needs one answer: which question comes first today, and how
many there are. This module gives it without them, so the app paints the question while
the repository loads in the background. It never writes; the repository stays the one way
in. Its answer equals the first item and the length of `session.queue.build_queue` (see
tests/store/test_first_look.py, on random histories); on anything unusual (no such file, a
file that is not mpquiz's, other meta values, an unknown learner, any SQLite error) it
gives up with None and the caller takes the normal path.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from mpquiz.store.peek import Kind, look

MAX_DUE = 10_000
"""The most due cards a queue holds (session.queue.MAX_DUE is this value)."""


@dataclass(frozen=True)
class GlancePack:
    """The few facts of a pack the first screen shows."""

    id: str
    topics: str
    """The stored JSON of the pack's topic titles."""
    builtin: bool
    demos_dir: str


@dataclass(frozen=True)
class FirstLookRow:
    """The day's first question (its stored JSON) and the length of the day's queue."""

    question_id: int
    data: str
    pack: GlancePack
    total: int


def sqlite_file(url: str) -> Path | None:
    """The file of a plain `sqlite:///PATH` URL; None for any other form (query, driver)."""
    prefix = "sqlite:///"
    if not url.startswith(prefix) or any(c in url for c in "?%#"):
        return None
    database = url[len(prefix) :]
    if database in ("", ":memory:"):
        return None
    return Path(database).expanduser()


def stored_time(when: datetime) -> str:
    """A time as the repository stores it in SQLite: naive UTC with microseconds."""
    return when.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


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
        learner_id = _learner_id(conn, meta, learner)
        if learner_id is None:
            return None
        return _look(conn, learner_id, now, day_start, new_per_day, pack_id, topic)
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
        return _learner_id(conn, meta, learner) is not None
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


def _learner_id(conn: sqlite3.Connection, meta: Mapping[str, str], learner: str) -> int | None:
    for key, value in meta.items():
        row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        if row is None or row[0] != value:
            return None
    row = conn.execute("SELECT id FROM learner WHERE name = ?", (learner,)).fetchone()
    return None if row is None else int(row[0])


def _look(
    conn: sqlite3.Connection,
    learner_id: int,
    now: datetime,
    day_start: datetime,
    new_per_day: int,
    pack_id: str | None,
    topic: str | None,
) -> FirstLookRow | None:
    narrow, params = _narrowing(pack_id, topic)
    due_from = (
        " FROM card c JOIN question q ON q.id = c.question_id JOIN pack p ON p.id = q.pack_id"
        " WHERE c.learner_id = ? AND c.due <= ? AND q.retired = 0 AND p.retired = 0" + narrow
    )
    due_params = (learner_id, stored_time(now), *params)
    due = conn.execute(
        f"SELECT count(*) FROM (SELECT 1 {due_from} LIMIT ?)", (*due_params, MAX_DUE)
    ).fetchone()[0]
    first: tuple[int, str, str] | None = None
    if due:
        first = conn.execute(
            f"SELECT q.id, q.data, q.pack_id {due_from} ORDER BY c.due, c.id LIMIT 1", due_params
        ).fetchone()
    # The daily limit counts within the same pack and topic (session.queue.new_allowance).
    introduced_sql = (
        "SELECT count(*) FROM review r"
        + (" JOIN question q ON q.id = r.question_id" if narrow else "")
        + " WHERE r.learner_id = ? AND r.new_card = 1 AND r.reviewed_at >= ?"
        + narrow
    )
    introduced = conn.execute(
        introduced_sql, (learner_id, stored_time(day_start), *params)
    ).fetchone()[0]
    allowance = max(0, new_per_day - introduced)
    new = 0
    for pid, start, end in _packs_in_order(conn, learner_id, pack_id) if allowance else ():
        if end is None or (start is not None and start > end):
            continue  # no active question, or every one already seen
        unseen_from = (
            " FROM question q WHERE q.pack_id = ? AND q.retired = 0 AND NOT EXISTS"
            " (SELECT 1 FROM card c WHERE c.learner_id = ? AND c.question_id = q.id)"
        )
        unseen_params: list[Any] = [pid, learner_id]
        if start is not None:
            unseen_from += " AND q.position >= ?"
            unseen_params.append(start)
        if topic:
            unseen_from += " AND q.topic = ?"
            unseen_params.append(topic)
        found = conn.execute(
            f"SELECT count(*) FROM (SELECT 1 {unseen_from} LIMIT ?)",
            (*unseen_params, allowance - new),
        ).fetchone()[0]
        if found and first is None:
            first = conn.execute(
                f"SELECT q.id, q.data, q.pack_id {unseen_from} ORDER BY q.position, q.id LIMIT 1",
                unseen_params,
            ).fetchone()
        new += found
        if new >= allowance:
            break
    if first is None:
        return None
    question_id, data, first_pack = first
    pack = conn.execute(
        "SELECT id, topics, builtin, demos_dir FROM pack WHERE id = ?", (first_pack,)
    ).fetchone()
    facts = GlancePack(pack[0], pack[1], bool(pack[2]), pack[3])
    return FirstLookRow(question_id, data, facts, due + new)


def _narrowing(pack_id: str | None, topic: str | None) -> tuple[str, tuple[str, ...]]:
    sql, params = "", []
    if pack_id:
        sql += " AND q.pack_id = ?"
        params.append(pack_id)
    if topic:
        sql += " AND q.topic = ?"
        params.append(topic)
    return sql, tuple(params)


def _packs_in_order(
    conn: sqlite3.Connection, learner_id: int, pack_id: str | None
) -> list[tuple[str, int | None, int | None]]:
    """Active packs, built-in first, with the learner's unseen start and last position."""
    sql = (
        "SELECT p.id, f.position, (SELECT max(q.position) FROM question q"
        " WHERE q.pack_id = p.id AND q.retired = 0)"
        " FROM pack p LEFT JOIN unseen_start f ON f.pack_id = p.id AND f.learner_id = ?"
        " WHERE p.retired = 0"
    )
    params: list[Any] = [learner_id]
    if pack_id:
        sql += " AND p.id = ?"
        params.append(pack_id)
    return conn.execute(sql + " ORDER BY p.builtin DESC, p.id", params).fetchall()
