"""A small forward-only migrations registry keyed by schema version.

A new database gets the current tables at once and the latest version; an older one runs
each step above its version, in one transaction; a newer one is refused.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import Connection, bindparam, inspect, select, text
from sqlmodel import SQLModel

from mpquiz.core.errors import StoreError
from mpquiz.i18n import keyed
from mpquiz.store import tables as _tables  # also registers the tables
from mpquiz.store.failures import newer, unusable_version
from mpquiz.store.peek import parse_version, shown_value
from mpquiz.store.version import SCHEMA_VERSION

Step = Callable[[Connection], None]


def _add_unseen_start(conn: Connection) -> None:
    """Version 2: the cache of where each learner's unseen questions start in each pack,
    which keeps the day's queue fast (no data moves). Made under its current name; a
    database made by a version-2 mpquiz has it as `new_frontier` (see version 4)."""
    _tables.UnseenStartRow.__table__.create(conn, checkfirst=True)  # type: ignore[attr-defined]


def _rename_unseen_start(conn: Connection) -> None:
    """Version 4: the cache `new_frontier` is called `unseen_start`, as in the code."""
    if inspect(conn).has_table("new_frontier"):
        conn.execute(text("ALTER TABLE new_frontier RENAME TO unseen_start"))


def _questions_as_their_kind(conn: Connection) -> None:
    """Version 3: each stored question holds only its kind's fields (core.codec format 2),
    its content hash recomputed to match, so the next sync sees it unchanged."""
    from mpquiz.core.codec import question_from_dict, question_to_dict
    from mpquiz.store.values import content_hash

    table = _tables.QuestionRow.__table__  # type: ignore[attr-defined]
    rows = conn.execute(text("SELECT id, data FROM question")).all()
    for row_id, stored in rows:
        data = stored if isinstance(stored, dict) else json.loads(stored)
        payload = question_to_dict(question_from_dict(data, shown=False))
        conn.execute(
            table.update()
            .where(table.c.id == row_id)
            .values(data=payload, content_hash=content_hash(payload))
        )


def _add_proofs_and_processes(conn: Connection) -> None:
    """Version 5: each review says what its run showed of the key (`review.proof`), and
    each run keeps the processes it recorded (`demo_run.processes`)."""
    columns = {c["name"] for c in inspect(conn).get_columns("review")}
    if "proof" not in columns:
        conn.execute(text("ALTER TABLE review ADD COLUMN proof VARCHAR(16)"))
    columns = {c["name"] for c in inspect(conn).get_columns("demo_run")}
    if "processes" not in columns:
        conn.execute(text("ALTER TABLE demo_run ADD COLUMN processes JSON"))


def _add_exercise_attempts(conn: Connection) -> None:
    """Version 6: a review of an exercise keeps each check's result (`review.exercise`)."""
    columns = {c["name"] for c in inspect(conn).get_columns("review")}
    if "exercise" not in columns:
        conn.execute(text("ALTER TABLE review ADD COLUMN exercise JSON"))


def _add_study_time(conn: Connection) -> None:
    """Version 7: each review keeps the time spent on its question (`review.study_ms`,
    core.study_time), worked out for the reviews already stored from their times the
    same way a new review's is."""
    from mpquiz.core.study_time import time_on_question

    columns = {c["name"] for c in inspect(conn).get_columns("review")}
    if "study_ms" not in columns:
        conn.execute(text("ALTER TABLE review ADD COLUMN study_ms INTEGER NOT NULL DEFAULT 0"))
    table = _tables.ReviewRow.__table__  # type: ignore[attr-defined]
    c = table.c
    rows = conn.execute(
        select(c.id, c.learner_id, c.reviewed_at, c.duration_ms, c.exercise).order_by(
            c.learner_id, c.reviewed_at, c.id
        )
    ).all()
    updates: list[dict[str, int]] = []
    previous: tuple[int, datetime] | None = None
    for row_id, learner_id, at, answer_ms, exercise in rows:
        since = None
        if previous is not None and previous[0] == learner_id:
            since = int((at - previous[1]).total_seconds() * 1000)
        spent = time_on_question(answer_ms, since, exercise=exercise is not None)
        updates.append({"row": row_id, "spent": spent})
        previous = (learner_id, at)
    if updates:
        conn.execute(
            table.update().where(c.id == bindparam("row")).values(study_ms=bindparam("spent")),
            updates,
        )


def _add_learner_tuning(conn: Connection) -> None:
    """Version 8: each learner's own FSRS parameters and desired retention, and when they
    were last optimized (`learner.fsrs_parameters`, `desired_retention`, `optimized_at`,
    `optimized_reviews`); every learner starts on the defaults."""
    columns = {c["name"] for c in inspect(conn).get_columns("learner")}
    added = {
        "fsrs_parameters": "JSON",
        "desired_retention": "FLOAT",
        "optimized_at": "DATETIME" if conn.dialect.name == "sqlite" else "TIMESTAMP WITH TIME ZONE",
        "optimized_reviews": "INTEGER NOT NULL DEFAULT 0",
    }
    for name, kind in added.items():
        if name not in columns:
            conn.execute(text(f"ALTER TABLE learner ADD COLUMN {name} {kind}"))


# version -> the step that brings a database from version-1 to version.
STEPS: dict[int, Step] = {
    2: _add_unseen_start,
    3: _questions_as_their_kind,
    4: _rename_unseen_start,
    5: _add_proofs_and_processes,
    6: _add_exercise_attempts,
    7: _add_study_time,
    8: _add_learner_tuning,
}
LATEST = SCHEMA_VERSION


def schema_version(conn: Connection, *, where: str = "database") -> int | None:
    """The stored schema version, None for an empty database.

    Raises:
        StoreError: the stored version is not a positive whole number.
    """
    if not inspect(conn).has_table("meta"):
        return None
    row = conn.execute(text("SELECT value FROM meta WHERE key = 'schema_version'")).first()
    if row is None:
        return None
    version = parse_version(row[0])
    if version is None:
        raise unusable_version(where, shown_value(row[0]))
    return version


def _set_version(conn: Connection, version: int) -> None:
    updated = conn.execute(
        text("UPDATE meta SET value = :v WHERE key = 'schema_version'"), {"v": str(version)}
    )
    if updated.rowcount == 0:
        conn.execute(
            text("INSERT INTO meta (key, value) VALUES ('schema_version', :v)"), {"v": str(version)}
        )


def migrate(
    conn: Connection,
    *,
    latest: int = LATEST,
    steps: dict[int, Step] | None = None,
    where: str = "database",
) -> int:
    """Bring the database to `latest`; returns the version it had (0 when new).

    Raises:
        StoreError: the database is newer than this mpquiz, or is not an mpquiz database.
    """
    steps = STEPS if steps is None else steps
    current = schema_version(conn, where=where)
    if current is None:
        if inspect(conn).get_table_names():
            raise keyed(StoreError, "store.other_tables", db=where)
        SQLModel.metadata.create_all(conn)
        _set_version(conn, latest)
        return 0
    if current > latest:
        raise newer(where, current, latest)
    for version in range(current + 1, latest + 1):
        steps[version](conn)
        _set_version(conn, version)
    return current
