"""The instructor's report: mastery per learner and topic, hard questions, misconceptions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from mpquiz.core.codec import question_from_dict
from mpquiz.core.item_analysis import item_statistics
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
class ExerciseStats:
    """How a class did on one exercise: its pass rate and the check failed most often."""

    pack: str
    qid: str
    topic: str
    prompt: str
    attempts: int
    passed: int
    gave_up: int
    most_failed: str | None
    """The check that failed in most attempts (None when none failed)."""
    most_failed_count: int = 0

    @property
    def pass_rate(self) -> float:
        """Share of attempts that passed."""
        return self.passed / self.attempts if self.attempts else 0.0

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form."""
        return {**self.__dict__, "pass_rate": round(self.pass_rate, 3)}


@dataclass(frozen=True)
class ItemReport:
    """One question's item analysis (core.item_analysis), with what the class answered
    wrongly most often."""

    pack: str
    qid: str
    topic: str
    prompt: str
    attempts: int
    """Exams and learners' first answers in review that hold the question."""
    right: int
    facility: float
    discrimination: float | None
    second_look: str | None
    """Why it is worth a second look ("everyone_right", "everyone_wrong", "weak"), or None."""
    wrong_answers: list[WrongAnswer] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form."""
        return {
            **{k: v for k, v in self.__dict__.items() if k != "wrong_answers"},
            "facility": round(self.facility, 4),
            "discrimination": None
            if self.discrimination is None
            else round(self.discrimination, 4),
            "wrong_answers": [w.__dict__ for w in self.wrong_answers],
        }


@dataclass(frozen=True)
class ClassReport:
    """Everything `mpquiz class report` shows."""

    since: datetime
    learners: list[str]
    rows: list[LearnerTopic]
    hardest: list[HardQuestion]
    exercises: list[ExerciseStats] = field(default_factory=list)
    items: list[ItemReport] = field(default_factory=list)

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
            "exercises": [e.to_dict() for e in self.exercises],
            "items": [i.to_dict() for i in self.items],
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
    found = _with_wrong_answers(store, [q for q, _, _ in ranked], since, lang, wrong_per_question)
    hardest: list[HardQuestion] = []
    for qid, n, w in ranked:
        question, answers = found[qid]
        hardest.append(
            HardQuestion(
                question.pack_id, question.qid, question.topic, question.prompt.get(lang), n, w,
                answers,
            )
        )  # fmt: skip
    return ClassReport(
        since,
        learners,
        rows,
        hardest,
        _exercises(store, since, pack_id, lang),
        _items(store, since, pack_id, lang, wrong_per_question),
    )


def _with_wrong_answers(
    store: Store, ids: list[int], since: datetime, lang: str, most: int
) -> dict[int, tuple[Question, list[WrongAnswer]]]:
    """Each question of `ids`, decoded, with the `most` wrong answers the class gave it most
    often since `since` (the commonest first), in words."""
    data = store.question_data(ids)
    wrong: dict[int, list[tuple[str, int]]] = {}
    for question_id, answer, n in store.wrong_answers(ids, since):
        wrong.setdefault(question_id, []).append((answer, n))
    found = {}
    for question_id in ids:
        question = question_from_dict(data[question_id])
        answers = sorted(wrong.get(question_id, []), key=lambda a: (-a[1], a[0]))[:most]
        shown = [WrongAnswer(a, answer_shown(question, a, lang), c) for a, c in answers]
        found[question_id] = (question, shown)
    return found


def _items(
    store: Store, since: datetime, pack_id: str | None, lang: str, wrong_per_question: int
) -> list[ItemReport]:
    """Each question answered in an exam or first answered in review since `since`: its
    facility and discrimination index, and its most common wrong answers; those worth a
    second look first, then by discrimination, weakest first."""
    stats = item_statistics(store.item_answers(since, pack_id))
    questions = _with_wrong_answers(store, list(stats), since, lang, wrong_per_question)
    found = []
    for question_id, item in stats.items():
        question, answers = questions[question_id]
        found.append(
            ItemReport(
                question.pack_id,
                question.qid,
                question.topic,
                question.prompt.get(lang),
                item.attempts,
                item.right,
                item.facility,
                item.discrimination,
                item.second_look,
                answers,
            )
        )
    found.sort(
        key=lambda i: (
            i.second_look is None,
            i.discrimination if i.discrimination is not None else 2.0,
            i.pack,
            i.qid,
        )
    )
    return found


def _exercises(
    store: Store, since: datetime, pack_id: str | None, lang: str
) -> list[ExerciseStats]:
    """Each exercise answered since `since`: attempts, passes, the check failed most."""
    tallies: dict[int, list[tuple[bool, dict[str, Any] | None]]] = {}
    for question_id, passed, kept in store.exercise_attempts(since, pack_id):
        tallies.setdefault(question_id, []).append((passed, kept))
    data = store.question_data(list(tallies))
    found = []
    for question_id, attempts in tallies.items():
        question = question_from_dict(data[question_id])
        failures: dict[str, int] = {}
        for _passed, kept in attempts:
            for check in (kept or {}).get("checks", ()):
                if isinstance(check, dict) and check.get("status") == "failed":
                    name = str(check.get("name"))
                    failures[name] = failures.get(name, 0) + 1
        worst = min(failures.items(), key=lambda f: (-f[1], f[0]), default=(None, 0))
        found.append(
            ExerciseStats(
                question.pack_id,
                question.qid,
                question.topic,
                question.prompt.get(lang),
                len(attempts),
                sum(1 for passed, _ in attempts if passed),
                sum(1 for _, kept in attempts if kept and kept.get("gave_up")),
                worst[0],
                worst[1],
            )
        )
    found.sort(key=lambda e: (e.pass_rate, -e.attempts, e.qid))
    return found
