"""Small facts about the database kept in the `meta` table (beside the schema version)."""

from __future__ import annotations

from sqlmodel import Session

from mpquiz.store.failures import guarded
from mpquiz.store.repository import Store
from mpquiz.store.tables import Meta


@guarded(lambda store: store.where)
def read_meta(store: Store, key: str) -> str | None:
    """The value stored under `key`, or None."""
    with Session(store.engine) as s:
        row = s.get(Meta, key)
        return row.value if row is not None else None


@guarded(lambda store: store.where)
def write_meta(store: Store, key: str, value: str) -> None:
    """Store `value` under `key` (replacing any earlier value)."""
    with Session(store.engine) as s:
        row = s.get(Meta, key) or Meta(key=key, value=value)
        row.value = value
        s.add(row)
        s.commit()
