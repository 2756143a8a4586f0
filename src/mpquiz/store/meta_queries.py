"""Small facts about the database in the `meta` table (beside the schema version)."""

from __future__ import annotations

from sqlmodel import Session

from mpquiz.store.tables import Meta


def read_meta(*, session: Session, key: str) -> str | None:
    """The value stored under `key`, or None."""
    row = session.get(Meta, key)
    return row.value if row is not None else None


def write_meta(*, session: Session, key: str, value: str) -> None:
    """Store `value` under `key`, replacing any earlier value (the caller commits)."""
    row = session.get(Meta, key) or Meta(key=key, value=value)
    row.value = value
    session.add(row)
