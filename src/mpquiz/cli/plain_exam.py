"""The line-by-line exam: questions without feedback, a clock, then the score."""

from __future__ import annotations

import sys
from typing import TextIO

from rich.console import Console
from rich.rule import Rule
from rich.text import Text as RichText

from mpquiz.cli.line_reader import EndOfInput, LineReader
from mpquiz.cli.plain_kinds import ask_answer
from mpquiz.core.errors import AnswerError
from mpquiz.core.grading import answer_key
from mpquiz.core.inert import inert
from mpquiz.core.model import Question
from mpquiz.i18n import t
from mpquiz.render.verdicts import render_question, render_recorded, text_console, verdict_headline
from mpquiz.session.exam import ExamResult, ExamSession


def _clock(seconds: float) -> str:
    seconds = max(0, int(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}"


class PlainExam:
    """Drives an ExamSession on standard input and output."""

    def __init__(
        self,
        exam: ExamSession,
        lang: str,
        *,
        stdin: TextIO | None = None,
        console: Console | None = None,
    ) -> None:
        self.exam = exam
        self.lang = lang
        self.console = console or text_console()
        self.reader = LineReader(stdin or sys.stdin, self.console)

    def say(self, key: str, /, **params: object) -> str:
        """A message in the exam's language."""
        return t(key, self.lang, **params)

    def run(self) -> ExamResult:
        """Ask every question until the end, the time limit or the end of input."""
        drawn = self.exam.start()
        self.console.print(
            self.say(
                "exam.start",
                questions=self.say("count.questions", count=len(drawn)),
                minutes=self.say("count.minutes", count=f"{self.exam.settings.minutes:g}"),
            )
        )
        try:
            while (item := self.exam.current) is not None:
                self._one(item.question)
        except EndOfInput:
            self.console.print()
        if self.exam.expired:
            self.console.print(RichText(self.say("exam.time_up"), style="bold red"))
        result = self.exam.finish()
        self._report(result)
        return result

    def _one(self, question: Question) -> None:
        exam = self.exam
        left = exam.time_left().total_seconds()
        header = self.say(
            "exam.header",
            n=exam.index + 1,
            total=len(exam.questions),
            topic=exam.topic_title(question),
            left=_clock(left),
        )
        self.console.print(Rule())
        code = exam.code
        self.console.print(
            render_question(question, self.lang, code, header, highlight=self.console.is_terminal)
        )
        while True:
            raw = ask_answer(question, self.reader, self.lang)
            if exam.expired:
                return  # too late: the answer is not taken
            if raw.strip() == "-":
                exam.skip()
                return
            try:
                exam.answer(raw)
                return
            except AnswerError as exc:
                self.console.print(RichText("✘ " + self.say(exc.key, **exc.params), style="red"))

    def _report(self, result: ExamResult) -> None:
        self.console.print(Rule())
        self.console.print(
            RichText(
                self.say(
                    "exam.score",
                    right=result.correct,
                    total=result.total,
                    percent=f"{100 * result.score:.0f}",
                ),
                style="bold",
            )
        )
        for topic, (right, asked) in result.per_topic.items():
            title = self.exam.topic_title(
                next(q.question for q in self.exam.questions if q.question.topic == topic)
            )
            self.console.print(f"  {title}: {right}/{asked}")
        if result.earlier:
            trend = " → ".join(
                f"{100 * e.correct / e.total:.0f}%" for e in reversed(result.earlier) if e.total
            )
            self.console.print(self.say("exam.trend", trend=f"{trend} → {100 * result.score:.0f}%"))
        for item, given in result.missed:
            q = item.question
            self.console.print(Rule(style="dim"))
            self.console.print(RichText(q.prompt.get(self.lang), style="bold"))
            shown = given if given is not None else self.say("exam.unanswered")
            self.console.print(self.say("exam.your_answer", answer=inert(shown)))
            self.console.print(self.say("exam.key", key=inert(answer_key(q, self.lang))))
            if given is not None:
                verdict, recorded = self.exam.verdict(item, given)
                self.console.print(RichText(verdict_headline(verdict, self.lang), style="bold"))
                if recorded is not None:
                    self.console.print(render_recorded(recorded, self.lang, most=6))
            self.console.print(q.explain.get(self.lang))
            command = self.exam.demo_command(item)
            if command is not None:
                self.console.print(
                    RichText(self.say("exam.run_it", command=inert(command)), style="dim")
                )
        if result.missed:
            self.console.print(self.say("exam.demos_hint"))
