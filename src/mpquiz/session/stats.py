"""The learner's progress as plain data, for `stats --json`, tables and screens."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from mpquiz.session.queue import new_allowance
from mpquiz.store.repository import Store


def learner_stats(
    store: Store,
    learner_id: int,
    learner: str,
    now: datetime,
    day_start: datetime,
    new_per_day: int,
    lang: str,
) -> dict[str, Any]:
    """One JSON-able object: totals, what is due, per topic questions/reviews/correct, and
    the time studied (in all and today)."""
    packs = store.packs()
    titles = {p.id: p for p in packs}
    per_topic = store.topic_stats(learner_id, titles)
    topics: list[dict[str, Any]] = []
    for pack in packs:
        for topic_id, title in pack.topics.items():
            entry = per_topic.get((pack.id, topic_id))
            if entry is None:
                continue
            topics.append({"pack": pack.id, "topic": topic_id, "title": title.get(lang), **entry})
    unseen = store.count_unseen(learner_id)
    allowance = new_allowance(store, learner_id, day_start, new_per_day)
    reviews = store.review_count(learner_id)
    correct = sum(t["correct"] for t in topics)
    return {
        "learner": learner,
        "at": now.isoformat(),
        "reviews": reviews,
        "correct": correct,
        "due_now": store.count_due(learner_id, now),
        "new_available": unseen,
        "new_today": min(unseen, allowance),
        "questions": sum(t["questions"] for t in topics),
        "topics": topics,
        # Time on questions: each from shown until rated, capped (core.study_time).
        "studied_seconds": store.study_seconds(learner_id),
        "studied_seconds_today": store.study_seconds(learner_id, day_start),
    }
