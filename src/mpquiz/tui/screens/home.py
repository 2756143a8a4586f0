"""Home: what is due today, the streak, mastery per topic, and every action one key away."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from mpquiz.tui.screens.base import BaseScreen
from mpquiz.tui.widgets.key_footer import KeyFooter
from mpquiz.tui.widgets.mastery_bars import MasteryBars
from mpquiz.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from mpquiz.session.dashboard import Dashboard
    from mpquiz.session.tuning import Optimizing

ACTIONS = ("review", "exam", "stats", "packs", "demos", "class", "help", "quit")
LABELS = {name: f"tui.home.action.{name}" for name in ACTIONS}
KEYS = {
    "review": "r",
    "exam": "e",
    "stats": "s",
    "packs": "p",
    "demos": "d",
    "class": "c",
    "help": "?",
}


class HomeScreen(BaseScreen):
    """The dashboard: today's figures on top, the actions menu, mastery bars beside it."""

    HELP_KEY = "tui.help.home"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "review", "tui.key.review"),
        Binding("e", "exam", "tui.key.exam"),
        Binding("s", "stats", "tui.key.stats"),
        Binding("p", "packs", "tui.key.packs"),
        Binding("d", "demos", "tui.key.demos"),
        Binding("c", "class", "tui.key.class", show=False),
        Binding("o", "optimize", "tui.key.optimize", show=False),
        Binding("question_mark,f1", "help", "tui.key.help"),
        Binding("q", "app.quit", "tui.key.quit"),
    ]

    board: Dashboard | None = None
    """The figures on screen (None until the database has been read)."""

    def __init__(
        self, dashboard: Callable[[], Dashboard], optimize: Callable[[], Optimizing]
    ) -> None:
        """`dashboard` reads today's figures (once the database is open); `optimize` fits
        FSRS to the learner's reviews (Services.optimize)."""
        super().__init__()
        self._dashboard = dashboard
        self._optimize = optimize

    def compose(self) -> ComposeResult:
        """Title, today's figures, the menu and the mastery bars, the keys."""
        yield TitleBar(id="title")
        yield Static(self.say("tui.home.loading"), id="today")
        yield Static("", id="tune")
        with Horizontal(id="home-main"):
            yield OptionList(
                *(
                    Option(f"{KEYS.get(name, 'q')}  {self.say(LABELS[name])}", id=name)
                    for name in ACTIONS
                ),
                id="menu",
            )
            with Vertical(id="mastery-box"):
                yield Static(self.say("tui.home.mastery"), classes="section-title")
                yield MasteryBars(id="mastery")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        """The menu as wide as its longest line, so the mastery titles get the rest."""
        menu = self.query_one("#menu", OptionList)
        longest = max(len(str(menu.get_option_at_index(i).prompt)) for i in range(len(ACTIONS)))
        menu.styles.width = longest + 4

    def on_screen_resume(self) -> None:
        """Fresh figures each time the learner comes back (after a review, an exam)."""
        self.query_one("#menu").focus()
        if self.mpq.backend_ready:
            self.refresh_figures()
        else:  # the app started before opening the database: the figures follow
            self.run_worker(self._figures_when_ready(), group="figures", exclusive=True)

    async def _figures_when_ready(self) -> None:
        await self.mpq.backend()
        self.refresh_figures()

    def refresh_figures(self) -> None:
        """Read the dashboard and redraw."""
        self.board = board = self._dashboard()
        self.query_one(TitleBar).set_text("mpquiz", board.learner)
        today = Text()
        figures = [
            ("tui.home.due", board.due_now),
            ("tui.home.new", board.new_today),
            ("tui.home.reviewed", board.reviews_today),
            ("tui.home.streak", board.streak),
        ]
        for i, (key, value) in enumerate(figures):
            if i:
                today.append("  ·  ", style="dim")
            today.append(self.say(key) + " ")
            today.append(str(value), style="bold")
        self.query_one("#today", Static).update(today)
        tune = self.query_one("#tune", Static)
        tune.update(self.say("tui.home.optimize_due", reviews=board.reviews))
        tune.display = board.optimize_due
        self.query_one(MasteryBars).show(board.topics, self.lang)

    async def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a menu line does what its key does."""
        await self.run_action(event.option.id or "help")

    def action_review(self) -> None:
        """Start today's review."""
        self._open("review")

    def action_exam(self) -> None:
        """Set up an exam."""
        self._open("exam")

    def action_stats(self) -> None:
        """Open the statistics."""
        self._open("stats")

    def action_packs(self) -> None:
        """Open the installed packs."""
        self._open("packs")

    def action_demos(self) -> None:
        """Open the demo browser."""
        self._open("demos")

    def action_optimize(self) -> None:
        """Fit FSRS to the learner's reviews, in a thread; say what came of it."""
        self.run_worker(self._optimized(), group="optimize", exclusive=True)

    async def _optimized(self) -> None:
        from mpquiz.core.errors import MpquizError
        from mpquiz.i18n import error_text

        await self.mpq.backend()
        self.tell(self.say("tui.home.optimizing"))
        try:
            done = await asyncio.to_thread(self._optimize)
        except MpquizError as exc:
            self.tell(error_text(exc, self.lang), "warning")
            return
        fit = done.fit
        scores = {"before": f"{fit.current.log_loss:.4f}", "after": f"{fit.new.log_loss:.4f}"}
        key = "tui.home.optimized" if done.stored else "tui.home.optimize_not_better"
        said = self.say(key, reviews=fit.reviews, **scores)
        moved = done.rescheduled
        if done.stored and moved is not None:
            said += " " + self.say(
                "tui.home.rescheduled",
                moved=moved.moved,
                cards=moved.cards,
                median=f"{moved.median_days:+.1f}",
            )
        self.tell(said)
        self.refresh_figures()

    def action_class(self) -> None:
        """Open the instructor's item analysis of the class."""
        self._open("class")

    def _open(self, name: str) -> None:
        """Open a screen at once, or as soon as the database is open (the app may have
        started before it); the last key wins."""
        if name == "review":  # it paints at once and waits for the session itself
            from mpquiz.tui.app import ReviewScope

            self.app.push_screen(self.mpq.screens.review(ReviewScope()))
            return
        self.run_worker(self.mpq.open_screen(name), group="open", exclusive=True)

    async def action_quit(self) -> None:
        """Leave the app."""
        await self.app.action_quit()
