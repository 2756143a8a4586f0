"""What the review screen shows after an answer: the verdict in words, the demo's output,
the verdict's details, the explanation, the ratings, and the end-of-sitting text.

They are mounted (hidden) right after the first frame, or at the first answer if that
comes sooner: the first question appears sooner without them (see "Starting fast" in
docs/ARCHITECTURE.md). Their modules load then too.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, cast

from textual.widget import Widget
from textual.widgets import Footer, Static

if TYPE_CHECKING:
    from mpquiz.core.model import Question
    from mpquiz.session.review_state import Outcome
    from mpquiz.tui.widgets.explanation import Explanation
    from mpquiz.tui.widgets.output_panel import OutputPanel
    from mpquiz.tui.widgets.rating_bar import RatingBar
    from mpquiz.tui.widgets.verdict_banner import VerdictBanner
    from mpquiz.tui.widgets.verdict_headline import VerdictHeadline

NAMES = ("headline", "output", "verdict", "explain", "ratings", "done")


class Reveal:
    """The after-answer widgets of one review screen: mounted once, shown by name."""

    def __init__(self, screen: Widget, lang: str) -> None:
        self.screen = screen
        self.lang = lang
        self._output: OutputPanel | None = None
        self._mounted: asyncio.Task[None] | None = None

    @property
    def output(self) -> OutputPanel:
        """The demo's output panel (made, and its module loaded, when first needed)."""
        if self._output is None:
            from mpquiz.tui.widgets.output_panel import OutputPanel

            self._output = OutputPanel(self.lang, id="output")
        return self._output

    def stop(self) -> None:
        """Stop the demo the output panel follows, if it was ever made."""
        if self._output is not None:
            self._output.stop()

    async def ready(self) -> None:
        """Mount them (hidden) unless done or under way; wait until they are in place."""
        if self._mounted is None:
            self._mounted = asyncio.ensure_future(self._mount())
        await asyncio.shield(self._mounted)

    async def _mount(self) -> None:
        from mpquiz.tui.widgets.explanation import Explanation
        from mpquiz.tui.widgets.rating_bar import RatingBar
        from mpquiz.tui.widgets.verdict_banner import VerdictBanner
        from mpquiz.tui.widgets.verdict_headline import VerdictHeadline

        in_body = [
            VerdictHeadline(id="headline"),
            self.output,
            VerdictBanner(id="verdict"),
            Explanation(id="explain"),
            Static(id="done"),
        ]
        ratings = RatingBar(id="ratings")
        for part in [*in_body, ratings]:
            part.display = False
        if self._closing():
            return
        await self.screen.query_one("#body").mount_all(in_body)
        if not self._closing():
            await self.screen.mount(ratings, before=self.screen.query_one(Footer))

    def _closing(self) -> bool:
        """The screen is being taken down (the learner quit while the parts loaded)."""
        return not self.screen.is_attached or self.screen._closing

    def show(self, *names: str) -> None:
        """Show the parts named, hide the others (nothing to do before they are mounted)."""
        for name in NAMES:
            for part in self.screen.query(f"#{name}"):
                part.display = name in names

    def fill(self, question: Question, outcome: Outcome) -> Widget:
        """Put an answer's verdict, explanation and ratings in place and show them with the
        output; returns the verdict headline (the first thing to scroll to)."""
        headline = cast("VerdictHeadline", self.screen.query_one("#headline"))
        headline.show(outcome.verdict, self.lang)
        banner = cast("VerdictBanner", self.screen.query_one("#verdict"))
        details = banner.show(question, outcome, self.lang)
        cast("Explanation", self.screen.query_one("#explain")).show(question, self.lang)
        ratings = cast("RatingBar", self.screen.query_one("#ratings"))
        ratings.show(outcome.intervals, outcome.suggested, self.lang)
        self.show("headline", "output", "explain", "ratings", *(["verdict"] if details else []))
        return headline

    @property
    def done(self) -> Static:
        """The end-of-sitting text."""
        return self.screen.query_one("#done", Static)
