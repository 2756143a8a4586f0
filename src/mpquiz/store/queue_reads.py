"""The day's queue, defined once: due cards, unseen questions, today's new count.

The statements are SQL that SQLite and PostgreSQL both run, with named parameters, and
each read takes the function that runs one statement (`Run`). The repository runs them
through its SQLAlchemy connection (store.queue_queries); the first look runs them through
the standard sqlite3 module, before SQLAlchemy is imported (store.first_look). So the
first frame and the session read the same queue, and there is no second copy to keep
equal. This module imports nothing heavy: rows come back as plain tuples.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any, NamedTuple

MAX_DUE = 10_000
"""The most due cards a day's queue holds."""

Run = Callable[[str, dict[str, Any]], Sequence[Sequence[Any]]]
"""Runs one statement with its named parameters and returns every row."""

_NAME = re.compile(r"(?<!:):(\w+)")


def _used(sql: str, params: dict[str, Any]) -> dict[str, Any]:
    """The parameters `sql` names, and only those."""
    return {name: params[name] for name in _names(sql)}


@lru_cache(maxsize=64)
def _names(sql: str) -> frozenset[str]:
    return frozenset(_NAME.findall(sql))


@lru_cache(maxsize=64)
def pyformat(sql: str) -> str:
    """`sql` with its :name parameters written %(name)s, as psycopg takes them."""
    return _NAME.sub(r"%(\1)s", sql)


class DueRow(NamedTuple):
    """A due card: its FSRS fields in CardState's order as stored (times as the driver
    gives them: card_fields() reads them), its question's id and JSON."""

    card: tuple[int, int | None, float | None, float | None, object, object]
    question_id: int
    data: str | dict[str, Any]
    pack_id: str


class UnseenRow(NamedTuple):
    """A question the learner has no card for: its id and JSON."""

    question_id: int
    data: str | dict[str, Any]
    pack_id: str


class DayQueue(NamedTuple):
    """Today's queue: everything due, then the new questions the day still allows."""

    due: list[DueRow]
    unseen: list[UnseenRow]
    moved: dict[str, int]
    """Packs whose unseen start moved (a cache the repository saves; see unseen())."""

    @property
    def rows(self) -> list[DueRow | UnseenRow]:
        """The queue in order."""
        return [*self.due, *self.unseen]


def new_allowed(new_per_day: int, started: int) -> int:
    """How many new questions may still start today, `started` having started already."""
    return max(0, new_per_day - started)


def day_queue(
    run: Run,
    values: Values,
    *,
    learner_id: int,
    now: datetime,
    day_start: datetime,
    new_per_day: int,
    pack_id: str | None = None,
    topic: str | None = None,
) -> DayQueue:
    """Today's questions for a learner: everything due (up to MAX_DUE), then new ones up
    to the daily limit, counted within the same pack and topic (see introduced_since)."""
    scope = {"pack_id": pack_id, "topic": topic}
    due_rows = due(run, values, learner_id=learner_id, now=now, limit=MAX_DUE, **scope)
    started = introduced_since(run, values, learner_id=learner_id, since=day_start, **scope)
    limit = new_allowed(new_per_day, started)
    new_rows, moved = unseen(run, learner_id=learner_id, limit=limit, **scope)
    return DayQueue(due_rows, new_rows, moved)


class Values(NamedTuple):
    """How values travel to and from one backend: SQLite keeps times as naive UTC text."""

    sqlite: bool

    def time(self, when: datetime) -> object:
        """A time as a parameter."""
        when = when.astimezone(UTC)
        return when.strftime("%Y-%m-%d %H:%M:%S.%f") if self.sqlite else when


def read_time(value: object) -> datetime | None:
    """A time column's value as an aware UTC datetime (SQLite gives text)."""
    if value is None:
        return None
    if isinstance(value, str):  # naive UTC text
        return datetime.fromisoformat(value).replace(tzinfo=UTC)
    assert isinstance(value, datetime)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def card_fields(
    row: tuple[int, int | None, float | None, float | None, object, object],
) -> tuple[int, int | None, float | None, float | None, datetime | None, datetime | None]:
    """A card's stored fields with its times read (CardState's fields, in order)."""
    state, step, stability, difficulty, due_at, last = row
    return state, step, stability, difficulty, read_time(due_at), read_time(last)


def _narrowing(pack_id: str | None, topic: str | None) -> str:
    pack = " AND q.pack_id = :pack" if pack_id else ""
    return pack + (" AND q.topic = :topic" if topic else "")


def due(
    run: Run,
    values: Values,
    *,
    learner_id: int,
    now: datetime,
    limit: int,
    pack_id: str | None = None,
    topic: str | None = None,
) -> list[DueRow]:
    """Cards due at `now`, most overdue first, of active questions of active packs."""
    sql = (
        "SELECT c.state, c.step, c.stability, c.difficulty, c.due, c.last_review,"
        " q.id, q.data, q.pack_id"
        " FROM card c JOIN question q ON q.id = c.question_id JOIN pack p ON p.id = q.pack_id"
        " WHERE c.learner_id = :learner AND c.due <= :now"
        " AND q.retired = :no AND p.retired = :no" + _narrowing(pack_id, topic)
        + " ORDER BY c.due, c.id LIMIT :limit"
    )  # fmt: skip
    params = {"learner": learner_id, "now": values.time(now), "no": False, "limit": limit}
    params |= {"pack": pack_id, "topic": topic}
    rows = run(sql, _used(sql, params))
    # The times stay as stored until a card is used (StoredQuestion.card): a queue holds
    # up to MAX_DUE cards, and a sitting uses a few of them.
    return [DueRow((s, st, stab, diff, at, last), qid, data, pack)
            for s, st, stab, diff, at, last, qid, data, pack in rows]  # fmt: skip


def card(run: Run, *, learner_id: int, question_id: int) -> DueRow | None:
    """The learner's card for one question as due() reads it, or None (still new)."""
    sql = (
        "SELECT c.state, c.step, c.stability, c.difficulty, c.due, c.last_review,"
        " q.id, q.data, q.pack_id FROM card c JOIN question q ON q.id = c.question_id"
        " WHERE c.learner_id = :learner AND c.question_id = :question"
    )
    rows = run(sql, {"learner": learner_id, "question": question_id})
    if not rows:
        return None
    state, step, stability, difficulty, at, last, qid, data, pack = rows[0]
    return DueRow((state, step, stability, difficulty, at, last), qid, data, pack)


def introduced_since(
    run: Run,
    values: Values,
    *,
    learner_id: int,
    since: datetime,
    pack_id: str | None = None,
    topic: str | None = None,
) -> int:
    """How many new questions the learner first answered since `since` (of one pack or
    topic, when given: the daily limit counts within the review's scope)."""
    narrow = _narrowing(pack_id, topic)
    sql = (
        "SELECT count(*) FROM review r"
        + (" JOIN question q ON q.id = r.question_id" if narrow else "")
        + " WHERE r.learner_id = :learner AND r.new_card = :yes AND r.reviewed_at >= :since"
        + narrow
    )
    params = {"learner": learner_id, "yes": True, "since": values.time(since)}
    return int(run(sql, _used(sql, params | {"pack": pack_id, "topic": topic}))[0][0])


def unseen(
    run: Run,
    *,
    learner_id: int,
    limit: int,
    pack_id: str | None = None,
    topic: str | None = None,
) -> tuple[list[UnseenRow], dict[str, int]]:
    """Questions the learner has no card for, in pack order (built-in pack first), and
    the packs whose unseen start moved (the caller may save them: see UnseenStartRow).

    Pack by pack, from the learner's unseen start in each, so the cost does not grow with
    the number of questions already seen."""
    found: list[UnseenRow] = []
    moved: dict[str, int] = {}
    if limit <= 0:
        return found, moved
    packs = (
        "SELECT p.id, f.position, (SELECT max(q.position) FROM question q"
        " WHERE q.pack_id = p.id AND q.retired = :no)"
        " FROM pack p LEFT JOIN unseen_start f ON f.pack_id = p.id AND f.learner_id = :learner"
        " WHERE p.retired = :no" + (" AND p.id = :pack" if pack_id else "")
        + " ORDER BY p.builtin DESC, p.id"
    )  # fmt: skip
    listed = {"learner": learner_id, "no": False, "pack": pack_id}
    for pid, start, end in run(packs, _used(packs, listed)):
        if end is None or (start is not None and start > end):
            continue  # no active question, or every one already seen
        sql = (
            "SELECT q.id, q.position, q.data, q.pack_id FROM question q"
            " WHERE q.pack_id = :pack AND q.retired = :no AND NOT EXISTS"
            " (SELECT 1 FROM card c WHERE c.learner_id = :learner AND c.question_id = q.id)"
            + (" AND q.position >= :start" if start is not None else "")
            + (" AND q.topic = :topic" if topic else "")
            + " ORDER BY q.position, q.id LIMIT :limit"
        )
        params = {"pack": pid, "no": False, "learner": learner_id, "start": start}
        rows = run(sql, _used(sql, params | {"topic": topic, "limit": limit - len(found)}))
        found.extend(UnseenRow(question_id, data, pack) for question_id, _, data, pack in rows)
        if not topic:  # a topic's scan says nothing about the other topics
            first_unseen = rows[0][1] if rows else end + 1
            if first_unseen != start:
                moved[pid] = first_unseen
        if len(found) >= limit:
            break
    return found, moved
