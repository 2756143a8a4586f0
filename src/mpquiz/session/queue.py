"""The day's queue: due reviews first (most overdue first), then new questions."""

from __future__ import annotations

from datetime import datetime

from mpquiz.store.first_look import MAX_DUE  # one bound for the queue and for its first look
from mpquiz.store.repository import Store, StoredQuestion


def new_allowance(store: Store, learner_id: int, day_start: datetime, new_per_day: int) -> int:
    """How many new questions the learner may still start today."""
    return max(0, new_per_day - store.new_introduced_since(learner_id, day_start))


def build_queue(
    store: Store,
    learner_id: int,
    now: datetime,
    day_start: datetime,
    new_per_day: int,
    *,
    pack_id: str | None = None,
    topic: str | None = None,
) -> list[StoredQuestion]:
    """Today's questions for a learner: everything due, then new ones up to the daily limit."""
    due = store.due(learner_id, now, MAX_DUE, pack_id=pack_id, topic=topic)
    allowance = new_allowance(store, learner_id, day_start, new_per_day)
    new = store.unseen(learner_id, allowance, pack_id=pack_id, topic=topic) if allowance else []
    return due + new
