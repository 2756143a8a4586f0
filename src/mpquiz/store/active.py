"""The filter every query over questions shares: active questions of active packs."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import Select
from sqlmodel import col

from mpquiz.store.tables import PackRow, QuestionRow

Query = TypeVar("Query", bound="Select[*tuple[Any, ...]]")


def only_active(query: Query, pack_id: str | None = None, topic: str | None = None) -> Query:
    """Narrow a query over QuestionRow to active questions of active packs (and a pack/topic)."""
    query = query.where(col(QuestionRow.retired).is_(False))
    query = query.join(PackRow, col(PackRow.id) == QuestionRow.pack_id).where(
        col(PackRow.retired).is_(False)
    )
    if pack_id:
        query = query.where(col(QuestionRow.pack_id) == pack_id)
    if topic:
        query = query.where(col(QuestionRow.topic) == topic)
    return query
