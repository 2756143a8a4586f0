"""The learner's progress as plain data, for `stats --json`, tables and screens."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any

from mpquiz.core.optimizer import reviews_until_worth
from mpquiz.core.retention import Tally, overall, tally_by, weekly
from mpquiz.core.scheduling import Scheduler, Tuning
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
    scheduler: Scheduler | None = None,
    tuning: Tuning | None = None,
    zone: tzinfo | None = None,
) -> dict[str, Any]:
    """One JSON-able object: totals, what is due, per topic questions/reviews/correct, the
    time studied (in all and today), the learner's scheduling (scheduling_facts) and their
    true retention (retention_facts, its weeks in `zone`)."""
    scheduler = scheduler or Scheduler()
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
        "scheduling": scheduling_facts(reviews, scheduler, tuning or Tuning()),
        "retention": retention_facts(
            store.retention_reviews(learner_id),
            scheduler.desired_retention,
            {(t["pack"], t["topic"]): t["title"] for t in topics},
            zone,
        ),
    }


def retention_facts(
    reviews: list[tuple[str, str, datetime, int, bool]],
    desired: float,
    titles: dict[tuple[str, str], str],
    zone: tzinfo | None,
) -> dict[str, Any]:
    """True retention (core.retention) beside the desired one: in all, per topic (in the
    study order of `titles`) and per ISO week, oldest first."""

    def figures(tally: Tally) -> dict[str, Any]:
        rate = tally.rate
        return {
            "reviews": tally.reviews,
            "recalled": tally.recalled,
            "rate": None if rate is None else round(rate, 4),
        }

    per_topic = tally_by((at, ok, (pack, topic)) for pack, topic, at, _r, ok in reviews)
    return {
        "desired": desired,
        "overall": figures(overall(ok for *_rest, ok in reviews)),
        "topics": [
            {"pack": pack, "topic": topic, "title": title, **figures(per_topic[(pack, topic)])}
            for (pack, topic), title in titles.items()
            if (pack, topic) in per_topic
        ],
        "weeks": [
            {"week": week, **figures(tally)}
            for week, tally in weekly(((at, ok) for *_x, at, _r, ok in reviews), zone).items()
        ],
    }


def scheduling_facts(reviews: int, scheduler: Scheduler, tuning: Tuning) -> dict[str, Any]:
    """How the learner is scheduled: their own FSRS parameters or the defaults, the desired
    retention, the last fit, and how many reviews until a fit is worth running
    (`mpquiz optimize`; 0: now)."""
    return {
        "parameters": "own" if scheduler.parameters is not None else "default",
        "desired_retention": scheduler.desired_retention,
        "optimized_at": tuning.optimized_at.isoformat() if tuning.optimized_at else None,
        "optimized_reviews": tuning.optimized_reviews,
        "reviews_until_optimize": reviews_until_worth(reviews, tuning.optimized_reviews),
    }
