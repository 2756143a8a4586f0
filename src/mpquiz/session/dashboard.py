"""What the home and stats screens show: mastery, streaks, the calendar and the forecast."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from mpquiz.core.optimizer import worth_optimizing
from mpquiz.core.scheduling import Scheduler
from mpquiz.session.clock import Clock
from mpquiz.session.queue import new_allowance
from mpquiz.session.stats import retention_facts
from mpquiz.store.repository import Store
from mpquiz.store.values import ExamSummary


@dataclass(frozen=True)
class TopicProgress:
    """One topic of one pack, for one learner."""

    pack_id: str
    topic: str
    title: str
    questions: int
    seen: int
    reviews: int
    correct: int
    mastery: float
    """The mean FSRS recall probability of the topic's questions now (unseen ones count 0)."""

    @property
    def accuracy(self) -> float | None:
        """Share of right answers, None before the first review."""
        return self.correct / self.reviews if self.reviews else None


@dataclass(frozen=True)
class Dashboard:
    """The home screen's figures."""

    learner: str
    due_now: int
    new_today: int
    reviews_today: int
    streak: int
    topics: list[TopicProgress]
    optimize_due: bool = False
    """Enough new reviews that fitting FSRS to them is worth it (core.optimizer)."""
    reviews: int = 0


@dataclass(frozen=True)
class History:
    """The stats screen's figures."""

    per_day: dict[date, int]
    """Reviews per local calendar day (days without reviews are absent)."""
    forecast: list[tuple[date, int]]
    """Cards falling due on each of the next days; today's count includes overdue ones."""
    seconds_total: int
    """Time studied in the period: each question from shown until rated, capped (see
    core.study_time)."""
    seconds_today: int
    streak: int
    longest_streak: int
    topics: list[TopicProgress]
    exams: list[ExamSummary] = field(default_factory=list)
    retention: dict[str, Any] | None = None
    """True retention beside the desired one (session.stats.retention_facts)."""


def topic_progress(
    store: Store, scheduler: Scheduler, learner_id: int, now: datetime, lang: str
) -> list[TopicProgress]:
    """Per topic, in pack and study order: questions, reviews, accuracy and mastery."""
    counts = store.topic_stats(learner_id)
    recall: dict[tuple[str, str], list[float]] = {}
    for pack_id, topic, card in store.card_states(learner_id):
        recall.setdefault((pack_id, topic), []).append(scheduler.retrievability(card, now))
    out: list[TopicProgress] = []
    for pack in store.packs():
        for topic, title in pack.topics.items():
            entry = counts.get((pack.id, topic))
            if entry is None or entry["questions"] == 0:
                continue
            values = recall.get((pack.id, topic), [])
            out.append(
                TopicProgress(
                    pack.id,
                    topic,
                    title.get(lang),
                    entry["questions"],
                    len(values),
                    entry["reviews"],
                    entry["correct"],
                    sum(values) / entry["questions"],
                )
            )
    return out


def _local_day(at: datetime, clock: Clock) -> date:
    return (at.astimezone(clock.zone) if clock.zone else at.astimezone()).date()


def streaks(days: set[date], today: date) -> tuple[int, int]:
    """(current, longest) runs of consecutive study days; today may still be to come."""
    current, day = 0, today if today in days else today - timedelta(days=1)
    while day in days:
        current, day = current + 1, day - timedelta(days=1)
    longest = run = 0
    previous: date | None = None
    for day in sorted(days):
        run = run + 1 if previous is not None and day - previous == timedelta(days=1) else 1
        longest, previous = max(longest, run), day
    return current, longest


def dashboard(
    store: Store,
    scheduler: Scheduler,
    learner_id: int,
    learner: str,
    clock: Clock,
    new_per_day: int,
    lang: str,
    optimized_reviews: int = 0,
) -> Dashboard:
    """The figures for the home screen (`optimized_reviews`: the learner's reviews at their
    last fit, core.scheduling.Tuning)."""
    now = clock.now()
    day_start = clock.day_start(now)
    log = store.review_log(learner_id, now - timedelta(days=400))
    days = {_local_day(r.at, clock) for r in log}
    today = _local_day(now, clock)
    allowance = new_allowance(store, learner_id, day_start, new_per_day)
    reviews = store.review_count(learner_id)
    return Dashboard(
        learner=learner,
        due_now=store.count_due(learner_id, now),
        new_today=min(allowance, store.count_unseen(learner_id)),
        reviews_today=sum(1 for r in log if r.at >= day_start),
        streak=streaks(days, today)[0],
        topics=topic_progress(store, scheduler, learner_id, now, lang),
        optimize_due=worth_optimizing(reviews, optimized_reviews),
        reviews=reviews,
    )


def history(
    store: Store,
    scheduler: Scheduler,
    learner_id: int,
    clock: Clock,
    lang: str,
    *,
    days: int = 365,
    forecast_days: int = 30,
) -> History:
    """The figures for the stats screen."""
    now = clock.now()
    today = _local_day(now, clock)
    log = store.review_log(learner_id, now - timedelta(days=days))
    per_day = Counter(_local_day(r.at, clock) for r in log)
    due = store.due_dates(learner_id, clock.day_start(now) + timedelta(days=forecast_days))
    due_days = Counter(max(_local_day(d, clock), today) for d in due)
    forecast = [
        (today + timedelta(days=i), due_days.get(today + timedelta(days=i), 0))
        for i in range(forecast_days)
    ]
    day_start = clock.day_start(now)
    current, longest = streaks(set(per_day), today)
    topics = topic_progress(store, scheduler, learner_id, now, lang)
    return History(
        per_day=dict(per_day),
        forecast=forecast,
        seconds_total=sum(r.study_ms for r in log) // 1000,
        seconds_today=sum(r.study_ms for r in log if r.at >= day_start) // 1000,
        streak=current,
        longest_streak=longest,
        topics=topics,
        exams=store.exams(learner_id),
        retention=retention_facts(
            store.retention_reviews(learner_id),
            scheduler.desired_retention,
            {(t.pack_id, t.topic): t.title for t in topics},
            clock.zone,
        ),
    )
