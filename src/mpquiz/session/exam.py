"""The timed exam: a draw of questions, no feedback until the end, then the score.

Answers are graded against the key alone (no demo runs while the clock ticks) and each
is committed as a review in mode "exam" as soon as it is given; the learner's cards are
rescheduled by them, as real retrievals. Open questions are left out: they are self-rated.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from mpquiz.core.errors import BadInput
from mpquiz.core.grading import Verdict, grade, parse_answer
from mpquiz.core.kinds import KINDS, Question
from mpquiz.core.proof import NO_RUN
from mpquiz.core.refusal import Refusal
from mpquiz.core.scheduling import CardState, Scheduler, rating_for
from mpquiz.core.shuffle import Shown, as_shown
from mpquiz.i18n import keyed
from mpquiz.runner import DemoProcess, RunResult
from mpquiz.session.clock import Clock
from mpquiz.session.demos import DemoLauncher
from mpquiz.session.recorded import Recorded, recorded_proof
from mpquiz.session.run_facts import run_facts
from mpquiz.store.repository import PackInfo, Store
from mpquiz.store.values import ExamSummary, ReviewRecord, StoredQuestion

EXAM_KINDS = tuple(kind.value for kind, type_ in KINDS.items() if type_.in_exams)


class ExamOver(Exception):
    """No answer can be taken: `reason` is "time_up" or "finished"."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"the exam is over ({reason})")
        self.reason = reason


@dataclass(frozen=True)
class ExamSettings:
    """What the learner chose."""

    count: int = 10
    minutes: float = 10.0
    topics: tuple[str, ...] | None = None
    pack_id: str | None = None
    weak_first: bool = False
    """Draw the questions the learner is least likely to recall first."""
    seed: int | None = None
    shuffle: bool = True
    """Show options and candidate outputs in a random order (else the pack's)."""


@dataclass(frozen=True)
class ExamAnswer:
    """One answered question."""

    item: StoredQuestion
    answer: str
    correct: bool


@dataclass(frozen=True)
class ExamResult:
    """The score, per topic, the missed questions and the trend of earlier exams."""

    exam_id: int
    total: int
    correct: int
    timed_out: bool
    per_topic: dict[str, tuple[int, int]]
    """topic -> (right, asked)."""
    missed: list[tuple[StoredQuestion, str | None]]
    """Questions answered wrongly (with the answer) or not at all (None)."""
    earlier: list[ExamSummary]

    @property
    def score(self) -> float:
        """Share of right answers among all questions drawn."""
        return self.correct / self.total if self.total else 0.0


@dataclass
class ExamSession:
    """One exam for one learner. Drive it: start → (current, answer | skip)* → finish."""

    store: Store
    scheduler: Scheduler
    learner_id: int
    launcher: DemoLauncher
    settings: ExamSettings
    clock: Clock = field(default_factory=Clock)
    lang: str = "en"
    packs: dict[str, PackInfo] = field(default_factory=dict)
    questions: list[StoredQuestion] = field(init=False, default_factory=list)
    answers: dict[int, ExamAnswer] = field(init=False, default_factory=dict)
    exam_id: int | None = field(init=False, default=None)
    started_at: datetime | None = field(init=False, default=None)
    index: int = field(init=False, default=0)
    _shown_at: float = field(init=False, default=0.0)
    result: ExamResult | None = field(init=False, default=None)
    _shown: dict[int, Shown] = field(init=False, default_factory=dict)

    def start(self) -> list[StoredQuestion]:
        """Draw the questions and start the clock.

        Raises:
            BadInput: no question fits the chosen topics.
        """
        pool = self.store.question_pool(
            self.learner_id,
            pack_id=self.settings.pack_id,
            topics=self.settings.topics,
            kinds=EXAM_KINDS,
        )
        if not pool:
            raise keyed(BadInput, "exam.no_questions")
        rng = random.Random(self.settings.seed)
        now = self.clock.now()
        if self.settings.weak_first:
            # Weakest: least likely to be recalled a day from now (unseen ones first), so a
            # card just failed ranks below one just known, although both are fresh now.
            tomorrow = now + timedelta(days=1)
            rng.shuffle(pool)
            pool.sort(key=lambda q: self.scheduler.retrievability(q.card or CardState(), tomorrow))
            drawn = pool[: self.settings.count]
            rng.shuffle(drawn)
        else:
            drawn = rng.sample(pool, min(self.settings.count, len(pool)))
        order = rng if self.settings.shuffle else None
        for item in drawn:
            self._shown[item.id] = as_shown(item.question, order)
        self.questions = [StoredQuestion(q.id, self._shown[q.id].question, q.card) for q in drawn]
        self.started_at = now
        self.exam_id = self.store.start_exam(
            self.learner_id,
            now,
            self.settings.minutes,
            {
                "count": self.settings.count,
                "topics": list(self.settings.topics or ()),
                "pack": self.settings.pack_id,
                "weak_first": self.settings.weak_first,
                "questions": [q.id for q in drawn],
            },
        )
        self._shown_at = self.clock.monotonic()
        return self.questions

    @property
    def deadline(self) -> datetime:
        """When time is up."""
        assert self.started_at is not None, "start() the exam first"
        return self.started_at + timedelta(minutes=self.settings.minutes)

    def time_left(self) -> timedelta:
        """Time until the deadline (never negative)."""
        return max(timedelta(0), self.deadline - self.clock.now())

    @property
    def expired(self) -> bool:
        """True once the time is up."""
        return self.time_left() <= timedelta(0)

    @property
    def current(self) -> StoredQuestion | None:
        """The question to answer now, None when all were seen or time is up."""
        if self.result is not None or self.expired or self.index >= len(self.questions):
            return None
        return self.questions[self.index]

    def topic_title(self, question: Question) -> str:
        """The question's topic as its pack names it."""
        pack = self.packs.get(question.pack_id)
        title = pack.topics.get(question.topic) if pack else None
        return title.get(self.lang) if title else question.topic

    @property
    def code(self) -> str | None:
        """The code shown with the current question, from its pack's own files."""
        item = self.current
        return self.launcher.code(item.question) if item is not None else None

    def answer(self, raw: str) -> None:
        """Record an answer to the current question (no feedback) and move on.

        Raises:
            AnswerError: the answer does not fit the question; nothing is stored.
            ExamOver: time is up, or every question was seen; nothing is stored.
        """
        item = self.current
        if item is None:
            raise ExamOver("time_up" if self.expired else "finished")
        parsed = parse_answer(item.question, raw)
        correct = bool(grade(item.question, parsed, None, self.lang).correct)
        now = self.clock.now()
        before = item.card
        after = self.scheduler.review(before or CardState(), rating_for(correct), now)
        self.store.record_review(
            ReviewRecord(
                learner_id=self.learner_id,
                question_id=item.id,
                reviewed_at=now,
                rating=int(rating_for(correct)),
                correct=correct,
                answer=self._shown[item.id].stored_answer(parsed),
                duration_ms=int((self.clock.monotonic() - self._shown_at) * 1000),
                mode="exam",
                before=before,
                after=after,
                exam_id=self.exam_id,
                proof=NO_RUN,  # graded by the key: no demo runs while the clock ticks
            )
        )
        self.answers[item.id] = ExamAnswer(item, parsed, correct)
        self._advance()

    def skip(self) -> None:
        """Leave the current question unanswered (it counts as missed)."""
        if self.current is not None:
            self._advance()

    def _advance(self) -> None:
        self.index += 1
        self._shown_at = self.clock.monotonic()

    def finish(self) -> ExamResult:
        """End the exam (also when time is up) and store its score; idempotent."""
        if self.result is not None:
            return self.result
        assert self.exam_id is not None, "start() the exam first"
        per_topic: dict[str, tuple[int, int]] = {}
        missed: list[tuple[StoredQuestion, str | None]] = []
        for item in self.questions:
            given = self.answers.get(item.id)
            right, asked = per_topic.get(item.question.topic, (0, 0))
            ok = given is not None and given.correct
            per_topic[item.question.topic] = (right + int(ok), asked + 1)
            if not ok:
                missed.append((item, given.answer if given else None))
        correct = sum(1 for a in self.answers.values() if a.correct)
        timed_out = self.expired and len(self.answers) < len(self.questions)
        earlier = self.store.exams(self.learner_id)
        self.store.finish_exam(
            self.exam_id,
            self.clock.now(),
            timed_out=timed_out,
            total=len(self.questions),
            correct=correct,
            per_topic={k: list(v) for k, v in per_topic.items()},
        )
        self.result = ExamResult(
            self.exam_id, len(self.questions), correct, timed_out, per_topic, missed, earlier
        )
        return self.result

    def verdict(
        self, item: StoredQuestion, given: str, run: RunResult | None = None
    ) -> tuple[Verdict, Recorded | None]:
        """A missed question's verdict as the results show it: by the key, with what `run`
        (its demo, run on demand after the exam) showed of it, or no run; and the pack's
        recorded run when that one shows the key and this one did not."""
        question = item.question
        verdict = grade(question, given, None if run is None else run_facts(run), self.lang)
        return verdict, recorded_proof(self.launcher.shown, question, verdict)

    def run_demo(self, item: StoredQuestion) -> tuple[DemoProcess | None, Refusal | None]:
        """Start a question's demo on demand, after the exam (the process, or why not)."""
        return self.launcher.start(item.question)

    def demo_command(self, item: StoredQuestion) -> str | None:
        """The `mpquiz demo run` command that runs the question's demo, if it has one."""
        from mpquiz.session.demo_catalog import command_for

        plan = self.launcher.local_plan(item.question)
        if plan is None:
            return None
        return command_for(self.launcher.places, item.question.pack_id, plan)

    def demo_name(self, item: StoredQuestion) -> str:
        """The demo a question runs, as its pack's files name it."""
        return self.launcher.demo_name(item.question)
