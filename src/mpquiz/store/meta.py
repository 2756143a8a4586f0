"""The `meta` facts for callers that hold a Store: read_meta(store, key), write_meta(...).

Each is one transaction through the facade (Store.read_meta, Store.write_meta); the
queries are in store.meta_queries.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mpquiz.store.repository import Store


def read_meta(store: Store, key: str) -> str | None:
    """The value stored under `key`, or None."""
    return store.read_meta(key)


def write_meta(store: Store, key: str, value: str) -> None:
    """Store `value` under `key` (replacing any earlier value)."""
    store.write_meta(key, value)
