"""The line-by-line review: Rich on a terminal, plain text when piped."""

from __future__ import annotations

import contextlib
import sys
from datetime import timedelta
from typing import TextIO

from rich.console import Console
from rich.rule import Rule
from rich.text import Text as RichText

from mpquiz.cli.interrupts import Interrupts
from mpquiz.cli.line_reader import EndOfInput, LineReader
from mpquiz.cli.plain_kinds import ask_answer
from mpquiz.core.errors import AnswerError, StoreError
from mpquiz.core.inert import inert
from mpquiz.core.model import ExerciseQuestion, Question
from mpquiz.core.scheduling import Rating, format_interval
from mpquiz.i18n import error_text, reason, t
from mpquiz.render.timeline import render_timeline
from mpquiz.render.verdicts import (
    RATING_KEYS,
    intervals_line,
    rating_name,
    render_evidence,
    render_key_details,
    render_question,
    render_recorded,
    render_verdict,
    text_console,
)
from mpquiz.session.phase import Phase
from mpquiz.session.review import ReviewSession
from mpquiz.session.review_state import Outcome


def rating_keys(lang: str) -> dict[str, Rating]:
    """What a learner may type for each rating in `lang`: its digit, its letter in that
    language (rate.letters: "o d b f" in Spanish, for Otra vez, Difícil, Bien, Fácil) and
    its name."""
    ratings = list(RATING_KEYS)
    keys: dict[str, Rating] = {key: rating for rating, key in RATING_KEYS.items()}
    keys |= dict(zip(t("rate.letters", lang).split(), ratings, strict=True))
    keys |= {rating_name(rating, lang).lower(): rating for rating in ratings}
    return keys


class PlainReview:
    """Drives a ReviewSession on standard input and output."""

    def __init__(
        self,
        session: ReviewSession,
        lang: str,
        *,
        ask_rating: bool,
        stdin: TextIO | None = None,
        console: Console | None = None,
    ) -> None:
        self.session = session
        self.lang = lang
        self.ask_rating = ask_rating
        self.console = console or text_console()
        self.reader = LineReader(stdin or sys.stdin, self.console)
        self.interrupts = Interrupts()

    def say(self, key: str, /, **params: object) -> str:
        """A message in the session's language."""
        return t(key, self.lang, **params)

    def run(self) -> int:
        """Review until the queue is empty or input ends; returns how many were answered.

        Ctrl+C, SIGTERM and SIGHUP stop it like the end of input, after keeping an answer
        already given (with its suggested rating), and then raise KeyboardInterrupt.
        """
        with self.interrupts:
            try:
                if self.session.remaining == 0:
                    self.console.print(self.say("review.nothing_due"))
                    return 0
                while (item := self.session.show()) is not None or self._take_early():
                    if item is not None:
                        self._one(item.question)
            except EndOfInput:
                self._stop()
                return self.session.answered
            except KeyboardInterrupt:
                self._stop()
                raise
            finally:
                self.session.close()
            self._summary()
        return self.session.answered

    def _take_early(self) -> bool:
        """With only questions answered Again left (back when their step is due), ask
        whether to take them now; True when the learner does (Enter)."""
        coming = self.session.coming_back
        if not coming:
            return False
        from mpquiz.core.scheduling import format_interval

        wait = format_interval(max(coming[0] - self.session.clock.now(), timedelta(seconds=1)))
        prompt = self.say("review.coming_back", count=len(coming), wait=wait) + " > "
        if self.reader.line(prompt).strip():
            return False
        self.session.take_early()
        return True

    def _stop(self) -> None:
        """Keep an answer given but not rated, then say the session stopped."""
        with self.interrupts.held(), contextlib.suppress(OSError):  # SIGHUP: no terminal
            self.console.print()
            self._keep_pending()
            self.console.print(self.say("review.stopped"))
            self._summary()

    def _summary(self) -> None:
        with contextlib.suppress(OSError):
            self.console.print(
                self.say(
                    "review.summary", answered=self.session.answered, correct=self.session.correct
                )
            )

    def _keep_pending(self) -> None:
        session = self.session
        if session.phase not in (Phase.WAITING, Phase.REVEAL):
            return  # no answer given
        outcome = session.outcome()
        if outcome.suggested is None:
            self.console.print(RichText(self.say("review.open_not_kept"), style="yellow"))
            return
        self._commit(outcome, outcome.suggested, "review.kept_on_stop")

    def _one(self, question: Question) -> None:
        session = self.session
        header = self.say(
            "review.header",
            n=session.answered + 1,
            total=session.total,
            topic=session.topic_title(question),
            kind=self.say(f"kind.{question.kind.value}"),
        )
        self.console.print(Rule())
        # An exercise shows its starter: the program the learner changes and sends back.
        code = session.starter if isinstance(question, ExerciseQuestion) else session.code
        self.console.print(
            render_question(question, self.lang, code, header, highlight=self.console.is_terminal)
        )
        self._ask(question)
        try:
            self._stream_demo(question)
            outcome = session.outcome()
        except KeyboardInterrupt:  # the answer is given: stop the demo, grade, keep it
            if session.demo is not None:
                session.demo.cancel()
            with self.interrupts.held():
                session.outcome()
            raise
        self._show(question, outcome)
        rating, announce = self._rating(question, outcome)
        self._commit(outcome, rating, "rate.auto" if announce else None)

    def _commit(self, outcome: Outcome, rating: Rating, announce: str | None) -> None:
        """Store the answer with `rating`, and only then say so (`announce`: the message)."""
        try:
            with self.interrupts.held():
                self.session.rate(rating)
        except StoreError as exc:
            why = error_text(exc, self.lang)
            raise StoreError(self.say("review.not_saved", reason=why)) from None
        if announce is not None:
            self.console.print(
                RichText(
                    self.say(
                        announce,
                        rating=rating_name(rating, self.lang),
                        interval=format_interval(outcome.intervals[rating]),
                    ),
                    style="dim",
                )
            )

    def _ask(self, question: Question) -> None:
        if isinstance(question, ExerciseQuestion):
            from mpquiz.cli.plain_exercise import PlainExercise

            PlainExercise(self.session, self.reader, self.console, self.lang).ask()
            return
        while True:
            raw = ask_answer(question, self.reader, self.lang)
            try:
                self.session.submit(raw)
                return
            except AnswerError as exc:
                self.console.print(RichText("✘ " + self.say(exc.key, **exc.params), style="red"))

    def _stream_demo(self, question: Question) -> None:
        demo = self.session.demo
        if demo is None:
            return
        self.console.print(
            RichText(
                self.say("demo.header", demo=self.session.demo_name),
                style="bold cyan",
            )
        )
        for line in demo.iter_lines():
            self.console.print(RichText(f"  {inert(line.text)}"))

    def _show(self, question: Question, outcome: Outcome) -> None:
        run = outcome.run
        if run is None:
            why = reason(outcome.blocked, self.lang)
            self.console.print(RichText(self.say("demo.not_run", reason=why), style="yellow"))
        else:
            status = self.say("demo.finished", code=run.exit_code, seconds=f"{run.duration:.2f}")
            self.console.print(RichText(status if not run.error else run.error, style="dim"))
            drawing = render_timeline(
                run.processes, run.duration, self.lang, width=self.console.width, most=8
            )
            if drawing is not None:
                self.console.print(drawing)
            lines = run.output.splitlines()
            if outcome.verdict.evidence:
                self.console.print(RichText(self.say("demo.evidence"), style="bold"))
                self.console.print(render_evidence(lines[i] for i in outcome.verdict.evidence))
        details = render_key_details(question, self.lang)
        if details is not None:
            self.console.print(details)
        self.console.print(render_verdict(question, outcome.verdict, self.lang))
        if outcome.recorded is not None:
            self.console.print(render_recorded(outcome.recorded, self.lang))
        if outcome.exercise is not None:
            from mpquiz.render.exercise import render_attempt

            for part in render_attempt(
                outcome.exercise, self.lang, highlight=self.console.is_terminal
            ):
                self.console.print(part)
        self.console.print(RichText(self.say("explain.header"), style="bold"))
        self.console.print(RichText(question.explain.get(self.lang)))

    def _rating(self, question: Question, outcome: Outcome) -> tuple[Rating, bool]:
        """The rating to store, and whether it was chosen without asking (then the
        learner is told which, once it is stored)."""
        line = intervals_line(outcome.intervals, self.lang)
        if outcome.suggested is None:
            self.console.print(RichText(self.say("rate.next", intervals=line), style="dim"))
            return self._read_rating(self.say("rate.self"), None), False
        if outcome.suggested is Rating.Again or not self.ask_rating:
            return outcome.suggested, True
        self.console.print(RichText(self.say("rate.next", intervals=line), style="dim"))
        return self._read_rating(self.say("rate.ask"), outcome.suggested), False

    def _read_rating(self, prompt: str, default: Rating | None) -> Rating:
        """The rating typed (Enter: `default`). The end of input raises EndOfInput: the
        session stops, keeping the answer with its suggested rating, and says so."""
        while True:
            raw = self.reader.line(prompt).strip().lower()
            if not raw and default is not None:
                return default
            typed = rating_keys(self.lang)
            if raw in typed:
                return typed[raw]
            self.console.print(RichText("✘ " + self.say("rate.invalid"), style="red"))
