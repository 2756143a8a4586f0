"""Mastery per topic: a bar and the percentage written beside it (not colour alone)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from mpquiz.i18n import t
from mpquiz.tui.formatting import bar, percent

if TYPE_CHECKING:
    from mpquiz.session.dashboard import TopicProgress


class MasteryBars(Static):
    """One row per topic: title, bar of the mean recall probability, "53%", "12/20 seen"."""

    DEFAULT_CSS = """
    MasteryBars { height: auto; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.topics: list[TopicProgress] = []
        self.lang = "en"

    def on_resize(self) -> None:
        """The bars shrink on narrow screens so topic titles keep their room."""
        self.show(self.topics, self.lang)

    @property
    def bar_width(self) -> int:
        """Cells per bar: 10 on narrow screens, 16 on wide ones."""
        return 16 if self.size.width >= 70 else 10

    def show(self, topics: Sequence[TopicProgress], lang: str) -> None:
        """Draw the rows."""
        self.topics, self.lang = list(topics), lang
        if not topics:
            self.update(Text(t("tui.home.no_topics", lang), style="italic"))
            return
        grid = Table.grid(padding=(0, 1), expand=True)
        grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        grid.add_column(width=self.bar_width, no_wrap=True)
        grid.add_column(width=4, justify="right", no_wrap=True)
        grid.add_column(justify="right", no_wrap=True)
        for topic in topics:
            grid.add_row(
                Text(topic.title),
                Text(bar(topic.mastery, self.bar_width), style="bold"),
                Text(percent(topic.mastery)),
                Text(
                    t("tui.home.seen", lang, seen=topic.seen, questions=topic.questions),
                    style="dim",
                ),
            )
        self.update(grid)
