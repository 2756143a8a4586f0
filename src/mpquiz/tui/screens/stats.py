"""Statistics: the calendar, the forecast, topics, time studied, streaks and exams."""

from __future__ import annotations

from datetime import date, tzinfo
from typing import TYPE_CHECKING, ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from mpquiz.tui.formatting import bar, duration, percent
from mpquiz.tui.screens.base import BaseScreen
from mpquiz.tui.widgets.forecast import Forecast
from mpquiz.tui.widgets.heatmap import Heatmap
from mpquiz.tui.widgets.key_footer import KeyFooter
from mpquiz.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from mpquiz.session.dashboard import History

EXAMS_SHOWN = 8
WEEKS_SHOWN = 8


class StatsScreen(BaseScreen):
    """One scrolling page; each section says its figures in words or numbers, not colour."""

    HELP_KEY = "tui.help.stats"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark,f1", "help", "tui.key.help"),
        Binding("escape,q", "home", "tui.key.back"),
    ]

    def __init__(self, history: History, today: date, zone: tzinfo | None) -> None:
        """`history` as read when the screen opens; `today` and `zone` the learner's."""
        super().__init__()
        self.history = history
        self.today = today
        self.zone = zone

    def compose(self) -> ComposeResult:
        """The sections, in a scrolling page."""
        yield TitleBar(self.say("tui.stats.title"))
        with VerticalScroll(id="body"):
            yield Static(id="summary")
            yield Static(self.say("tui.stats.calendar"), classes="section-title")
            yield Heatmap(self.lang, id="heatmap")
            yield Static(self.say("tui.stats.forecast"), classes="section-title")
            yield Forecast(self.lang, id="forecast")
            yield Static(self.say("tui.stats.topics"), classes="section-title")
            yield Static(id="topics-table")
            yield Static(self.say("tui.stats.exams"), classes="section-title")
            yield Static(id="exams")
            yield Static(self.say("tui.stats.retention"), classes="section-title")
            yield Static(id="retention")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        """Read the history and draw every section."""
        history = self.history
        self.query_one("#summary", Static).update(self._summary(history))
        self.query_one(Heatmap).show(history.per_day, self.today)
        self.query_one(Forecast).show(history.forecast)
        self.query_one("#topics-table", Static).update(self._topics(history))
        self.query_one("#exams", Static).update(self._exams(history))
        self.query_one("#retention", Static).update(self._retention(history))
        self.query_one("#body").focus()

    def _summary(self, history: History) -> Text:
        return Text(
            self.say(
                "tui.stats.summary",
                total=duration(history.seconds_total),
                today=duration(history.seconds_today),
                streak=history.streak,
                longest=history.longest_streak,
            )
        )

    def _topics(self, history: History) -> Table:
        table = Table(box=None, padding=(0, 1), header_style="bold", expand=False)
        table.add_column(self.say("stats.col.topic"), no_wrap=True, max_width=24)
        table.add_column(self.say("stats.col.questions"), justify="right")
        table.add_column(self.say("tui.stats.col_seen"), justify="right")
        table.add_column(self.say("stats.col.accuracy"), justify="right")
        table.add_column(self.say("tui.stats.col_mastery"), no_wrap=True)
        for topic in history.topics:
            table.add_row(
                Text(topic.title),
                str(topic.questions),
                str(topic.seen),
                percent(topic.accuracy),
                f"{bar(topic.mastery, 10)} {percent(topic.mastery):>4}",
            )
        return table

    def _exams(self, history: History) -> Text:
        exams = history.exams[:EXAMS_SHOWN]
        if not exams:
            return Text(self.say("tui.stats.no_exams"), style="dim")
        zone = self.zone
        text = Text()
        for exam in reversed(exams):  # oldest first: the trend reads left to right
            share = exam.correct / exam.total if exam.total else 0.0
            day = (
                exam.started_at.astimezone(zone) if zone else exam.started_at.astimezone()
            ).date()
            score = f"{bar(share, 10)} {percent(share):>4}  {exam.correct}/{exam.total}"
            line = f"{day.isoformat()}  {score}"
            if exam.timed_out:
                line += "  " + self.say("tui.stats.exam_timed_out")
            text.append(line + "\n")
        return text

    def _retention(self, history: History) -> RenderableType:
        """True retention in all, in the last weeks and per topic, beside the desired one."""
        facts = history.retention
        if not facts:
            return Text()
        desired = percent(facts["desired"])
        overall = facts["overall"]
        if not overall["reviews"]:
            return Text(self.say("stats.retention.none", desired=desired), style="dim")
        said = self.say(
            "stats.retention",
            rate=percent(overall["rate"]),
            reviews=self.say("count.reviews", count=overall["reviews"]),
            desired=desired,
        )
        rows = Table(box=None, padding=(0, 1), show_header=False, expand=False)
        rows.add_column(no_wrap=True, max_width=24, overflow="ellipsis")
        rows.add_column(no_wrap=True)
        rows.add_column(justify="right")
        weeks = [(w["week"], w) for w in facts["weeks"][-WEEKS_SHOWN:]]
        for label, tally in [*weeks, *((t["title"], t) for t in facts["topics"])]:
            rate = tally["rate"] or 0.0
            rows.add_row(
                Text(str(label)), f"{bar(rate, 10)} {percent(rate):>4}", f"({tally['reviews']})"
            )
        return Group(Text(said), rows)
