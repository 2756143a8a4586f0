"""The day's queue: due reviews first (most overdue first), then new questions."""

from __future__ import annotations

from datetime import datetime

from mpquiz.store.queue_reads import new_allowed
from mpquiz.store.repository import Store, StoredQuestion


def new_allowance(
    store: Store,
    learner_id: int,
    day_start: datetime,
    new_per_day: int,
    *,
    pack_id: str | None = None,
    topic: str | None = None,
) -> int:
    """How many new questions the learner may still start today.

    The daily limit counts within the review's scope: narrowed to a pack or a topic, only
    the new questions of that pack or topic started today count against it. So a pack
    just added can be tried at once, even after the day's new questions went to another.
    """
    started = store.new_introduced_since(learner_id, day_start, pack_id=pack_id, topic=topic)
    return new_allowed(new_per_day, started)


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
    """Today's questions for a learner: everything due, then new ones up to the daily limit
    (counted within the same pack and topic: see new_allowance). One read, the one the
    first look makes too (store.queue_reads)."""
    return store.day_queue(learner_id, now, day_start, new_per_day, pack_id=pack_id, topic=topic)
