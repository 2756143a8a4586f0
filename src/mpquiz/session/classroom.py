"""The instructor's report: mastery per learner and topic, hard questions, misconceptions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from mpquiz.core.codec import question_from_dict
from mpquiz.core.model import Question
from mpquiz.core.scheduling import Scheduler
from mpquiz.store.repository import Store

MIN_REVIEWS = 3
"""A question needs this many answers in the period before its error rate is ranked."""


@dataclass(frozen=True)
class LearnerTopic:
    """One learner on one topic."""

    learner: str
    pack: str
    topic: str
    title: str
    mastery: float
    reviews: int
    correct: int


@dataclass(frozen=True)
class WrongAnswer:
    """An answer given wrongly, and by how many."""

    answer: str
    shown: str
    count: int


@dataclass(frozen=True)
class HardQuestion:
    """A question with its error rate and the class's most common wrong answers."""

    pack: str
    qid: str
    topic: str
    prompt: str
    reviews: int
    wrong: int
    wrong_answers: list[WrongAnswer] = field(default_factory=list)

    @property
    def error_rate(self) -> float:
        """Share of wrong answers."""
        return self.wrong / self.reviews if self.reviews else 0.0


@dataclass(frozen=True)
class ClassReport:
    """Everything `mpquiz class report` shows."""

    since: datetime
    learners: list[str]
    rows: list[LearnerTopic]
    hardest: list[HardQuestion]

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form."""
        return {
            "since": self.since.isoformat(),
            "learners": self.learners,
            "topics": [r.__dict__ for r in self.rows],
            "hardest": [
                {
                    **{k: v for k, v in h.__dict__.items() if k != "wrong_answers"},
                    "error_rate": round(h.error_rate, 3),
                    "wrong_answers": [w.__dict__ for w in h.wrong_answers],
                }
                for h in self.hardest
            ],
        }


def answer_shown(question: Question, answer: str, lang: str) -> str:
    """A stored answer in words: option numbers with their text, outputs on one line."""
    return question.answer_in_words(answer, lang)


def class_report(
    store: Store,
    scheduler: Scheduler,
    now: datetime,
    *,
    since_days: int = 30,
    pack_id: str | None = None,
    lang: str = "en",
    top: int = 10,
    wrong_per_question: int = 3,
) -> ClassReport:
    """Build the report from real review rows (and the cards' state now)."""
    since = now - timedelta(days=since_days)
    packs = {p.id: p for p in store.packs() if pack_id in (None, p.id)}
    totals = store.question_counts(pack_id)
    learners = store.learner_names()
    recall: dict[tuple[str, str, str], float] = {}
    for learner, pack_name, topic, card in store.class_cards(pack_id):
        key = (learner, pack_name, topic)
        recall[key] = recall.get(key, 0.0) + scheduler.retrievability(card, now)
    reviews = {(n, p, t): (r, c) for n, p, t, r, c in store.class_reviews(since, pack_id)}
    rows: list[LearnerTopic] = []
    for learner in learners:
        for info in packs.values():
            for topic, title in info.topics.items():
                count = totals.get((info.id, topic), 0)
                done, right = reviews.get((learner, info.id, topic), (0, 0))
                if not count:
                    continue
                mastery = recall.get((learner, info.id, topic), 0.0) / count
                rows.append(
                    LearnerTopic(learner, info.id, topic, title.get(lang), mastery, done, right)
                )
    outcomes = [o for o in store.question_outcomes(since, pack_id) if o[1] >= MIN_REVIEWS]
    outcomes.sort(key=lambda o: (-(o[2] / o[1]), -o[1], o[0]))
    ranked = [o for o in outcomes if o[2] > 0][:top]
    ids = [q for q, _, _ in ranked]
    data = store.question_data(ids)
    wrong: dict[int, list[tuple[str, int]]] = {}
    for qid, answer, n in store.wrong_answers(ids, since):
        wrong.setdefault(qid, []).append((answer, n))
    hardest: list[HardQuestion] = []
    for qid, n, w in ranked:
        question = question_from_dict(data[qid])
        answers = sorted(wrong.get(qid, []), key=lambda a: (-a[1], a[0]))[:wrong_per_question]
        hardest.append(
            HardQuestion(
                question.pack_id,
                question.qid,
                question.topic,
                question.prompt.get(lang),
                n,
                w,
                [WrongAnswer(a, answer_shown(question, a, lang), c) for a, c in answers],
            )
        )
    return ClassReport(since, learners, rows, hardest)
