"""The review flow as a state machine: show a question, take the answer, reveal, rate.

The demo of a question starts when the question is shown (prefetch), so its output is
ready, or already streaming, when the answer is in. Each rating is committed at once.
The faces (the app's review screen, the plain review) only render what the session
says and forward what the learner types: `show()`, `submit(raw)`, `outcome()` (or
`await outcome_async()`), `rate()`, `rerun()`, `undo()`, `keep()`; `phase` says where
the question on screen is.
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from mpquiz.core.grading import grade, parse_answer
from mpquiz.core.kinds import ExerciseQuestion
from mpquiz.core.refusal import Refusal
from mpquiz.core.scheduling import CardState, Rating, Scheduler, rating_for
from mpquiz.core.shuffle import Shown, as_shown
from mpquiz.runner import DemoProcess, RunResult
from mpquiz.session.clock import LEARN_AHEAD, Clock
from mpquiz.session.demos import DemoLauncher
from mpquiz.session.phase import Phase
from mpquiz.session.review_state import Current, Ledger, Outcome, RatedReview, run_record
from mpquiz.session.run_facts import run_facts
from mpquiz.store.values import PackInfo, ReviewRecord, StoredQuestion

if TYPE_CHECKING:  # an exercise's runner loads with the first exercise (session.exercise_run)
    from mpquiz.core.grading import Verdict
    from mpquiz.core.kinds import Question
    from mpquiz.session.exercise_run import CheckRun
    from mpquiz.session.recorded import Recorded


@dataclass
class ReviewSession:
    """One sitting of reviews for one learner. Drive it: show → answer → rate, repeat."""

    store: Ledger
    scheduler: Scheduler
    learner_id: int
    launcher: DemoLauncher
    items: list[StoredQuestion]
    lang: str = "en"
    mode: str = "review"
    clock: Clock = field(default_factory=Clock)
    packs: Mapping[str, PackInfo] = field(default_factory=dict)
    rng: random.Random | None = None
    """Shuffles options and candidate outputs each time a question is shown (None: the
    pack's order)."""
    first_shown: tuple[int, Shown] | None = None
    """The first question as the first frame showed it (its id, its shuffle), shown so."""
    _queue: deque[StoredQuestion] = field(init=False)
    _later: list[StoredQuestion] = field(init=False, default_factory=list)
    """Questions answered Again (or Hard while learning), back when their step is due."""
    _places: dict[int, int] = field(init=False, default_factory=dict)
    """Each question's place in the sitting, given when first shown (1, 2, ...)."""
    _current: Current | None = field(init=False, default=None)
    _history: list[RatedReview] = field(init=False, default_factory=list)
    answered: int = field(init=False, default=0)
    correct: int = field(init=False, default=0)

    def __post_init__(self) -> None:
        self._queue = deque(self.items)

    @property
    def remaining(self) -> int:
        """Questions still to answer, counting the one on screen and those coming back."""
        on_screen = 1 if self._current and not self._current.outcome else 0
        return len(self._queue) + len(self._later) + on_screen

    @property
    def total(self) -> int:
        """The distinct questions of this sitting: one asked again counts once, so the
        counter's total stays put ("3 of 10", not "3 of 11")."""
        return len(self._places) + sum(1 for q in self._queue if q.id not in self._places)

    @property
    def place(self) -> int:
        """The place of the question on screen among the sitting's questions (1-based)."""
        current = self._current
        return self._places.get(current.item.id, 0) if current else len(self._places) + 1

    @property
    def asked_again(self) -> bool:
        """True when the question on screen was answered earlier in this sitting."""
        current = self._current
        return current is not None and current.again

    @property
    def coming_back(self) -> list[datetime]:
        """When each question answered Again comes back (its learning step), soonest first;
        none of them is shown before then while other questions wait."""
        return sorted(q.card.due for q in self._later if q.card and q.card.due)

    def take_early(self) -> None:
        """Bring back now the questions whose learning step is not due yet (the learner
        chose to go on rather than stop or wait)."""
        self._queue.extendleft(reversed(self._later))
        self._later = []

    def _bring_back_due(self) -> None:
        now = self.clock.now()
        due = [q for q in self._later if q.card is None or q.card.due is None or q.card.due <= now]
        if due:
            self._later = [q for q in self._later if q not in due]
            self._queue.extendleft(reversed(due))

    def show(self) -> StoredQuestion | None:
        """The next question (None at the end, or while the only ones left come back
        later: see coming_back); its demo starts now so it is ready later."""
        if self._current is not None and self._current.outcome is None:
            return self._current.view
        self._bring_back_due()
        if not self._queue:
            self._current = None
            return None
        item = self._queue.popleft()
        again = item.id in self._places
        self._places.setdefault(item.id, len(self._places) + 1)
        if isinstance(item.question, ExerciseQuestion):
            # Nothing to prefetch: the learner's program runs when they submit it.
            demo, blocked = None, self.launcher.plan(item.question).blocked
        else:
            demo, blocked = self.launcher.start(item.question)
        shown, self.first_shown = self.first_shown, None
        self._current = Current(
            item,
            shown[1] if shown and shown[0] == item.id else as_shown(item.question, self.rng),
            self.clock.monotonic(),
            self.clock.now(),
            demo,
            blocked,
            again=again,
        )
        return self._current.view

    def topic_title(self, question: Question) -> str:
        """The question's topic as its pack names it, in the session's language."""
        pack = self.packs.get(question.pack_id)
        title = pack.topics.get(question.topic) if pack else None
        return title.get(self.lang) if title else question.topic

    @property
    def current(self) -> StoredQuestion | None:
        """The question on screen (as shown), if any."""
        return self._current.view if self._current else None

    @property
    def pending(self) -> Outcome | None:
        """The outcome of the answer on screen, given but not rated (nothing is stored
        until rate())."""
        return self._current.outcome if self._current else None

    @property
    def demo(self) -> DemoProcess | None:
        """The current question's running or finished demo, for live output."""
        return self._current.demo if self._current else None

    @property
    def phase(self) -> Phase:
        """Where the question on screen is (DONE before the first show() and at the end)."""
        current = self._current
        if current is None:
            return Phase.DONE
        if current.outcome is not None:
            return Phase.REVEAL
        return Phase.WAITING if current.parsed is not None else Phase.ANSWER

    @property
    def code(self) -> str | None:
        """The code shown with the question on screen, from its pack's own files."""
        return self.launcher.code(self._current.shown.question) if self._current else None

    @property
    def starter(self) -> str | None:
        """The code an exercise on screen starts from (None for other kinds)."""
        current = self._current
        if current is None or not isinstance(current.item.question, ExerciseQuestion):
            return None
        from mpquiz.session.exercise_run import ExerciseRunner

        return ExerciseRunner(self.launcher, current.item.question).starter()

    @property
    def demo_name(self) -> str | None:
        """The demo the question on screen runs, as its pack's files name it."""
        return self.launcher.demo_name(self._current.item.question) if self._current else None

    def parse(self, raw: str) -> str:
        """Check an answer for the current question, changing nothing (raises AnswerError)."""
        assert self._current is not None, "show() a question first"
        return parse_answer(self._current.shown.question, raw)

    def submit(self, raw: str) -> str:
        """Take the answer to the question on screen; its verdict follows from outcome().

        Returns the answer checked and normalised.

        Raises:
            AnswerError: the answer does not fit the question; nothing changed.
            RuntimeError: no question is waiting for an answer.
        """
        current = self._current
        if current is None or current.parsed is not None:
            raise RuntimeError("no question waiting for an answer")
        current.parsed = parse_answer(current.shown.question, raw)
        current.answered_at = self.clock.monotonic()
        return current.parsed

    def outcome(self) -> Outcome:
        """The verdict of the answer submitted, once its demo has finished (waits)."""
        current = self._submitted()
        if current.outcome is None:
            if isinstance(current.shown.question, ExerciseQuestion):
                self._reveal_exercise(current)
                assert current.outcome is not None
                return current.outcome
            run = current.demo.wait() if current.demo is not None else None
            self._reveal(current, current.parsed or "", run)
        assert current.outcome is not None
        return current.outcome

    async def outcome_async(self) -> Outcome:
        """outcome() for an event loop: awaits the demo without blocking the loop."""
        current = self._submitted()
        if current.outcome is None and isinstance(current.shown.question, ExerciseQuestion):
            import asyncio

            await asyncio.to_thread(self._reveal_exercise, current)
        if current.outcome is None:
            run = await current.demo.result() if current.demo is not None else None
            if current.outcome is None:  # not revealed meanwhile by keep()
                self._reveal(current, current.parsed or "", run)
        assert current.outcome is not None
        return current.outcome

    def _submitted(self) -> Current:
        current = self._current
        if current is None or current.parsed is None:
            raise RuntimeError("submit() an answer first")
        return current

    def answer(self, raw: str) -> Outcome:
        """submit() and outcome() in one (waits for the demo)."""
        self.submit(raw)
        return self.outcome()

    async def answer_async(self, raw: str) -> Outcome:
        """submit() and outcome_async() in one."""
        self.submit(raw)
        return await self.outcome_async()

    def rerun(self) -> tuple[DemoProcess | None, Refusal | None]:
        """Run the revealed question's demo again (the running process, or why not)."""
        if self.phase is not Phase.REVEAL or self._current is None:
            raise RuntimeError("answer the question before running its demo again")
        return self.launcher.start(self._current.item.question)

    def keep(self) -> bool:
        """Before leaving: store an answer given but not rated with its suggested rating.

        A demo still running is stopped and the verdict comes from what it printed and
        the key. Returns False when nothing was stored: no answer given, or an open
        question, which needs the learner's own rating.
        """
        current = self._current
        if current is None or current.parsed is None:
            return False
        if current.outcome is None:
            if current.demo is not None:
                current.demo.cancel()
            self.outcome()
        assert current.outcome is not None
        if current.outcome.suggested is None:
            return False
        self.rate(current.outcome.suggested)
        return True

    def _reveal(self, current: Current, parsed: str, run: RunResult | None) -> Outcome:
        question = current.shown.question
        facts = None if run is None else run_facts(run)
        verdict = grade(question, parsed, facts, self.lang)
        card = current.item.card or CardState()
        now = self.clock.now()
        suggested = None if verdict.correct is None else rating_for(verdict.correct)
        current.outcome = Outcome(
            parsed,
            verdict,
            run,
            current.blocked,
            self.scheduler.preview(card, now),
            suggested,
            _recorded_proof(self.launcher, question, verdict),
        )
        return current.outcome

    # Exercises: the learner may check their program as often as they like.

    def check_program(self, text: str) -> CheckRun | Refusal:
        """Run the checks of the exercise on screen on `text`, storing nothing (blocks
        while the program runs; call it from a thread in an event loop).

        Raises:
            AnswerError: the text is no program (empty, too long).
            RuntimeError: no exercise is waiting for an answer.
        """
        current = self._current
        question = current.shown.question if current is not None else None
        if (
            current is None
            or current.parsed is not None
            or not isinstance(question, ExerciseQuestion)
        ):
            raise RuntimeError("no exercise waiting for an answer")
        from mpquiz.session.exercise_run import CheckRun, ExerciseRunner

        program = parse_answer(question, text)
        checked = ExerciseRunner(self.launcher, question).check(program)
        if isinstance(checked, CheckRun):
            current.attempts += 1
            current.last_check = (program, checked)
        return checked

    def adopt_check(self, text: str, checked: CheckRun) -> None:
        """Take a check already run on `text` (by `mpquiz exercise check`) as this
        exercise's first, so submitting the same text runs nothing again."""
        current = self._current
        if current is None or current.parsed is not None:
            raise RuntimeError("no exercise waiting for an answer")
        current.attempts += 1
        current.last_check = (text, checked)

    @property
    def current_attempts(self) -> int:
        """How many times the exercise on screen has been checked."""
        return self._current.attempts if self._current is not None else 0

    def give_up(self, text: str = "") -> None:
        """Give up the exercise on screen: it is answered as it stands (`text`, else the
        starter), wrong, and the solution is shown."""
        current = self._current
        if current is None or current.parsed is not None:
            raise RuntimeError("no question waiting for an answer")
        if not isinstance(current.shown.question, ExerciseQuestion):
            raise RuntimeError("only an exercise can be given up")
        current.parsed = text if text.strip() else (self.starter or "")
        current.gave_up = True
        current.answered_at = self.clock.monotonic()

    def _reveal_exercise(self, current: Current) -> None:
        """Run the checks of the program submitted (unless its last check was of the same
        text, or the learner gave up) and reveal their verdict."""
        question = current.shown.question
        assert isinstance(question, ExerciseQuestion)
        from mpquiz.session.exercise_run import (
            CheckRun,
            ExerciseOutcome,
            ExerciseRunner,
            facts_with,
            gave_up_verdict,
            suggested_rating,
        )

        runner = ExerciseRunner(self.launcher, question)
        program = current.parsed or ""
        checked: CheckRun | Refusal | None = None
        if current.last_check is not None and current.last_check[0] == program:
            checked = current.last_check[1]
        elif not current.gave_up:
            checked = runner.check(program)
            if isinstance(checked, CheckRun):
                current.attempts += 1
        if isinstance(checked, Refusal):
            current.blocked = current.blocked or checked
            checked = None
        shown = current.gave_up or (checked is not None and checked.report.passed)
        solution = runner.solution() if shown else None
        ended = ExerciseOutcome(
            current.attempts,
            current.gave_up,
            checked,
            solution,
            tuple(runner.diff(program, solution)) if current.gave_up else (),
        )
        if current.gave_up:
            verdict = gave_up_verdict(question, self.lang)
        else:
            facts = facts_with(checked.report) if checked is not None else None
            verdict = grade(question, program, facts, self.lang)
        card = current.item.card or CardState()
        suggested = suggested_rating(ended) if checked or current.gave_up else None
        current.outcome = Outcome(
            program,
            verdict,
            checked.runs[0] if checked and checked.runs else None,
            current.blocked,
            self.scheduler.preview(card, self.clock.now()),
            suggested,
            exercise=ended,
        )

    def rate(self, rating: Rating | None = None) -> int:
        """Commit the current answer with `rating` (default: the suggested one); returns its id."""
        current = self._current
        if current is None or current.outcome is None:
            raise RuntimeError("answer the question before rating it")
        outcome = current.outcome
        rating = rating or outcome.suggested
        if rating is None:
            raise ValueError("open questions need a self-rating")
        item = current.item
        now = self.clock.now()
        before = item.card
        after = self.scheduler.review(before or CardState(), rating, now)
        correct = (
            outcome.verdict.correct
            if outcome.verdict.correct is not None
            else (rating != Rating.Again)
        )
        answered_at = current.answered_at or self.clock.monotonic()
        review_id = self.store.record_review(
            ReviewRecord(
                learner_id=self.learner_id,
                question_id=item.id,
                reviewed_at=now,
                rating=int(rating),
                correct=correct,
                answer=current.shown.stored_answer(outcome.answer),
                duration_ms=int((answered_at - current.shown_at) * 1000),
                mode=self.mode,
                before=before,
                after=after,
                run=run_record(outcome.run, current.started),
                proof=outcome.verdict.proof.status if outcome.verdict.proof else None,
                exercise=outcome.exercise.to_dict() if outcome.exercise else None,
                shown_ms=int((self.clock.monotonic() - current.shown_at) * 1000),
            )
        )
        self._history.append(RatedReview(review_id, item, correct))
        self.answered += 1
        self.correct += int(correct)
        self._current = None
        if after.due is not None and after.due - now <= LEARN_AHEAD:
            # Back when its learning step is due, not straight after its own answer.
            self._later.append(StoredQuestion(item.id, item.question, after))
        return review_id

    @property
    def can_undo(self) -> bool:
        """True when a rating of this sitting can be taken back."""
        return bool(self._history)

    def undo(self) -> StoredQuestion | None:
        """Take back the last rating; its question comes back next. None if nothing to undo.

        The question on screen, answered or not, goes back to the front of the queue
        behind it: an answer not yet rated was never stored, so it is asked again.
        """
        if not self._history:
            return None
        last = self._history.pop()
        self.store.undo_review(last.review_id)
        self._queue = deque(q for q in self._queue if q.id != last.item.id)
        self._later = [q for q in self._later if q.id != last.item.id]
        if self._current is not None:
            if self._current.demo is not None:
                self._current.demo.cancel()
            if self._current.item.id != last.item.id:  # not the undone card shown again
                self._queue.appendleft(self._current.item)
            self._current = None
        self._queue.appendleft(last.item)
        self.answered -= 1
        self.correct -= int(last.correct)
        return last.item

    def close(self) -> None:
        """Stop a demo still running for an unanswered question."""
        if self._current is not None and self._current.demo is not None:
            self._current.demo.cancel()


def _recorded_proof(
    launcher: DemoLauncher, question: Question, verdict: Verdict
) -> Recorded | None:
    """What the pack's recorded run proves of the key (session.recorded), loaded with the
    first verdict rather than before the first question."""
    from mpquiz.session.recorded import recorded_proof

    return recorded_proof(launcher.shown, question, verdict)
