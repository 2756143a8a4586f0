"""After an exam: the score, per topic, the trend, and the missed questions with their demos."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from mpquiz.core.grading import answer_key
from mpquiz.i18n import reason
from mpquiz.render.markdown_text import pack_text
from mpquiz.render.verdicts import render_proof, render_recorded, verdict_headline
from mpquiz.tui.formatting import bar, one_line, percent
from mpquiz.tui.screens.base import BaseScreen
from mpquiz.tui.widgets.key_footer import KeyFooter
from mpquiz.tui.widgets.output_panel import OutputPanel
from mpquiz.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from mpquiz.core.grading import Verdict
    from mpquiz.runner import RunResult
    from mpquiz.session.exam import ExamResult, ExamSession

TREND = 6
"""Exams shown in the trend: the earlier ones (oldest first) and this one."""


class ExamResultScreen(BaseScreen):
    """The score overall and per topic, the trend, and each missed question on demand."""

    HELP_KEY = "tui.help.exam_result"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d", "demo", "tui.key.demo"),
        Binding("question_mark,f1", "help", "tui.key.help"),
        Binding("escape", "home", "tui.key.home"),
    ]

    def __init__(self, session: ExamSession, result: ExamResult) -> None:
        super().__init__()
        self.session = session
        self.result = result
        self.output = OutputPanel(self.lang, id="exam-output")

    def compose(self) -> ComposeResult:
        """Score, per topic, trend, the missed list, the chosen one's details and demo."""
        yield TitleBar(self.say("tui.exam.result_title"))
        with VerticalScroll(id="body"):
            yield Static(self._score(), id="score")
            yield Static(self._per_topic(), id="per-topic")
            yield Static(self._trend(), id="trend")
            yield Static(self.say("tui.exam.missed_title"), classes="section-title")
            yield OptionList(
                *(
                    Option(
                        Text(f"{i + 1}. {one_line(item.question.prompt.get(self.lang), 64)}"),
                        id=str(i),
                    )
                    for i, (item, _answer) in enumerate(self.result.missed)
                ),
                id="missed",
            )
            yield Static(id="missed-detail")
            yield self.output
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        """Focus the missed list (or the page when nothing was missed)."""
        self.output.display = False
        missed = self.query_one("#missed", OptionList)
        if self.result.missed:
            missed.highlighted = 0
            missed.focus(scroll_visible=False)  # the score first
            self.query_one("#body").scroll_home(animate=False)
        else:
            missed.display = False
            self.query_one("#missed-detail", Static).update(self.say("tui.exam.none_missed"))
            self.query_one("#body").focus()

    def _topic_title(self, topic: str) -> str:
        for pack in self.session.packs.values():
            if topic in pack.topics:
                return pack.topics[topic].get(self.lang)
        return topic

    def _score(self) -> Group:
        result = self.result
        line = Text(
            self.say("tui.exam.score", right=result.correct, total=result.total),
            style="bold",
        )
        line.append(f"  {bar(result.score, 20)}  {percent(result.score)}")
        parts = [line]
        if result.timed_out:
            parts.append(Text(self.say("tui.exam.timed_out"), style="bold"))
        return Group(*parts)

    def _per_topic(self) -> Table:
        table = Table.grid(padding=(0, 1))
        table.add_column(no_wrap=True)
        table.add_column(justify="right", no_wrap=True)
        table.add_column(no_wrap=True)
        table.add_column(justify="right", no_wrap=True)
        for topic, (right, asked) in self.result.per_topic.items():
            share = right / asked if asked else 0.0
            table.add_row(
                Text(self._topic_title(topic)), f"{right}/{asked}", bar(share, 12), percent(share)
            )
        return table

    def _trend(self) -> Text:
        earlier = list(reversed(self.result.earlier[: TREND - 1]))
        if not earlier:
            return Text(self.say("tui.exam.first_exam"), style="dim")
        scores = [f"{percent(e.correct / e.total if e.total else 0.0)}" for e in earlier]
        scores.append(self.say("tui.exam.now", score=percent(self.result.score)))
        return Text(self.say("tui.exam.trend", scores=" → ".join(scores)))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Show the highlighted missed question: prompt, your answer, the key, the verdict
        (by the key: no demo ran during the exam), why."""
        self.output.stop()
        self.output.display = False
        self._detail(int(event.option.id or 0), None)

    def _detail(self, index: int, run: RunResult | None) -> Verdict | None:
        """Show the missed question at `index`, its verdict saying what `run` (its demo,
        run on demand) showed of the key, or that no demo ran; the verdict (None when the
        question was not answered)."""
        item, given = self.result.missed[index]
        question = item.question
        lang = self.lang
        parts: list[RenderableType] = [
            pack_text(question.prompt.get(lang), "bold"),
            Text(
                self.say("tui.exam.your_answer", answer=given)
                if given is not None
                else self.say("tui.exam.not_answered")
            ),
            Text(self.say("tui.exam.right_answer", key=answer_key(question, lang))),
        ]
        verdict = None
        if given is not None:
            verdict, recorded = self.session.verdict(item, given, run)
            parts.append(Text(verdict_headline(verdict, lang), style="bold"))
            parts.extend(render_proof(verdict, lang))
            if recorded is not None:
                parts.append(render_recorded(recorded, lang, most=6))
        parts += [
            Text(self.say("explain.header"), style="bold"),
            Text(question.explain.get(lang)),
        ]
        if run is None:
            parts.append(Text(self.say("tui.exam.demo_hint"), style="dim"))
        self.query_one("#missed-detail", Static).update(Group(*parts))
        return verdict

    def action_demo(self) -> None:
        """Run the highlighted missed question's demo and stream its output."""
        missed = self.query_one("#missed", OptionList)
        if not self.result.missed or missed.highlighted is None:
            return
        index = missed.highlighted
        item, _given = self.result.missed[index]
        demo, blocked = self.session.run_demo(item)
        title = self.say("tui.demo.title", demo=self.session.demo_name(item))
        self.output.display = True
        if demo is None:
            self.output.show_blocked(title, reason(blocked, self.lang))
        else:
            self.output.follow(demo, title, then=lambda run: self._ran(index, run))
        body = self.query_one("#body")
        self.call_after_refresh(body.scroll_to_widget, self.output, animate=False)

    def _ran(self, index: int, run: RunResult) -> None:
        """The demo of the missed question at `index` has ended: say what it showed."""
        missed = self.query_one("#missed", OptionList)
        if missed.highlighted == index:
            verdict = self._detail(index, run)
            if verdict is not None:
                self.output.mark_evidence(verdict.evidence)

    def on_unmount(self) -> None:
        """Stop a demo still running."""
        self.output.stop()
