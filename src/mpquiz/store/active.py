"""The filter every query over questions shares: active questions of active packs."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import Select
from sqlmodel import col

from mpquiz.store.tables import PackRow, QuestionRow

Query = TypeVar("Query", bound="Select[*tuple[Any, ...]]")

# Built once: SQL expressions are immutable, and building them is a good part of the cost
# of a query as small as the queue's.
ACTIVE_QUESTION = col(QuestionRow.retired).is_(False)
"""The question is not retired."""
_PACK_OF_QUESTION = col(PackRow.id) == QuestionRow.pack_id
ACTIVE_PACK = col(PackRow.retired).is_(False)
"""The pack is not retired."""


def only_active(query: Query, pack_id: str | None = None, topic: str | None = None) -> Query:
    """Narrow a query over QuestionRow to active questions of active packs (and a pack/topic)."""
    query = query.where(ACTIVE_QUESTION)
    query = query.join(PackRow, _PACK_OF_QUESTION).where(ACTIVE_PACK)
    if pack_id:
        query = query.where(col(QuestionRow.pack_id) == pack_id)
    if topic:
        query = query.where(col(QuestionRow.topic) == topic)
    return query
