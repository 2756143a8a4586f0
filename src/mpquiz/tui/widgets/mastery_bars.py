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
        self._shown = False

    def on_resize(self) -> None:
        """The bars shrink on narrow screens so topic titles keep their room (nothing is
        drawn before the figures are read: "no questions" would be untrue then)."""
        if self._shown:
            self.show(self.topics, self.lang)

    @property
    def bar_width(self) -> int:
        """Cells per bar: 16 on wide screens, 10 on narrow ones."""
        return 16 if self.size.width >= 70 else 10

    def show(self, topics: Sequence[TopicProgress], lang: str) -> None:
        """Draw the rows: the bars and the "seen" words give way before the titles do."""
        self.topics, self.lang, self._shown = list(topics), lang, True
        if not topics:
            self.update(Text(t("tui.home.no_topics", lang), style="italic"))
            return
        width = self.size.width or 80
        longest = max(len(topic.title) for topic in topics)
        seen = [t("tui.home.seen", lang, seen=p.seen, questions=p.questions) for p in topics]
        bar_width = self.bar_width
        if width - bar_width - 4 - max(map(len, seen)) - 3 < longest:
            seen = [f"{p.seen}/{p.questions}" for p in topics]
        room = width - 4 - max(map(len, seen)) - 3 - longest
        bar_width = max(5, min(bar_width, room))
        grid = Table.grid(padding=(0, 1), expand=True)
        grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        grid.add_column(width=bar_width, no_wrap=True)
        grid.add_column(width=4, justify="right", no_wrap=True)
        grid.add_column(justify="right", no_wrap=True)
        for topic, words in zip(topics, seen, strict=True):
            grid.add_row(
                Text(topic.title),
                Text(bar(topic.mastery, bar_width), style="bold"),
                Text(percent(topic.mastery)),
                Text(words, style="dim"),
            )
        self.update(grid)
