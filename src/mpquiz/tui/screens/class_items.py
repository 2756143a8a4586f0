"""For instructors: how the class answers each question (item analysis), over a period and
a pack chosen with keys; the highlighted question's prompt and most common wrong answers
below."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from mpquiz.core.inert import inert
from mpquiz.tui.formatting import percent
from mpquiz.tui.screens.base import BaseScreen
from mpquiz.tui.widgets.key_footer import KeyFooter
from mpquiz.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from mpquiz.session.classroom import ClassReport, ItemReport

PERIODS = (7, 30, 90, 365)
"""The periods `t` cycles through, in days."""


class ClassItemsScreen(BaseScreen):
    """A table of the questions answered in the period, those worth a second look first."""

    HELP_KEY = "tui.help.class"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("t", "period", "tui.key.period"),
        Binding("k", "pack", "tui.key.pack"),
        Binding("question_mark,f1", "help", "tui.key.help"),
        Binding("escape,q", "home", "tui.key.back"),
    ]

    def __init__(self, report: Callable[[int, str | None], ClassReport], packs: list[str]) -> None:
        """`report(days, pack)` reads the class report (session.classroom); `packs` the
        installed packs' ids, which `k` cycles through (after all of them)."""
        super().__init__()
        self._report = report
        self._packs: list[str | None] = [None, *packs]
        self.days = 30
        self.pack: str | None = None
        self.items: list[ItemReport] = []

    def compose(self) -> ComposeResult:
        """The scope line, the table, the highlighted question's detail."""
        yield TitleBar(self.say("tui.class.title"))
        yield Static(id="class-scope")
        yield DataTable(id="class-items", cursor_type="row", zebra_stripes=False)
        with VerticalScroll(id="class-body"):
            yield Static(id="class-detail")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        """Fill the table for the last 30 days and every pack."""
        table = self.query_one(DataTable)
        for key in ("question", "attempts", "facility", "discrimination"):
            table.add_column(self.say(f"class.col.{key}"), key=key)
        table.add_column(self.say("tui.class.col_look"), key="second_look")
        self.reload()
        table.focus()

    def reload(self) -> None:
        """Read the report for the period and pack, and show it."""
        report = self._report(self.days, self.pack)
        self.items = report.items
        scope = self.say(
            "tui.class.period",
            learners=len(report.learners),
            days=self.days,
            pack=self.pack or self.say("tui.class.all_packs"),
        )
        self.query_one("#class-scope", Static).update(Text(scope))
        table = self.query_one(DataTable)
        table.clear()
        for item in self.items:
            look = self.say(f"tui.class.look.{item.second_look}") if item.second_look else ""
            index = "—" if item.discrimination is None else f"{item.discrimination:+.2f}"
            table.add_row(
                Text(inert(f"{item.qid}")),
                str(item.attempts),
                percent(item.facility),
                index,
                Text(look, style="bold yellow" if look else ""),
            )
        detail = self.query_one("#class-detail", Static)
        if not self.items:
            detail.update(Text(self.say("tui.class.none"), style="dim"))
        else:
            self._detail()

    def on_data_table_row_highlighted(self, _event: DataTable.RowHighlighted) -> None:
        """Show the highlighted question."""
        self._detail()

    def _detail(self) -> None:
        table = self.query_one(DataTable)
        if not self.items or not 0 <= table.cursor_row < len(self.items):
            return
        item = self.items[table.cursor_row]
        lines = [
            Text(inert(f"[{item.pack}] {item.qid}"), style="bold"),
            Text(inert(item.prompt)),
            Text(self.say("tui.class.right", right=item.right, attempts=item.attempts)),
        ]
        if item.second_look:
            why = self.say(f"class.second_look.{item.second_look}")
            lines.append(Text(self.say("tui.class.why", why=why), style="bold yellow"))
        if item.wrong_answers:
            lines.append(Text(self.say("tui.class.wrong_answers"), style="bold"))
            lines.extend(Text(inert(f"  ✘ {w.count}× {w.shown}")) for w in item.wrong_answers)
        self.query_one("#class-detail", Static).update(Group(*lines))

    def action_period(self) -> None:
        """The next period: 7, 30, 90, 365 days."""
        self.days = PERIODS[(PERIODS.index(self.days) + 1) % len(PERIODS)]
        self.reload()

    def action_pack(self) -> None:
        """The next pack (after all of them)."""
        self.pack = self._packs[(self._packs.index(self.pack) + 1) % len(self._packs)]
        self.reload()
