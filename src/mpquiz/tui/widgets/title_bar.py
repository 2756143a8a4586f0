"""The one-line bar at the top of every screen: where you are, and what it is about."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.widgets import Static


class TitleBar(Static):
    """ "mpquiz · Review · 3 of 12" on the left, extra detail (topic, clock) on the right."""

    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        height: 1;
        background: $primary-background;
        color: $text;
        padding: 0 1;
    }
    """

    def __init__(self, left: str = "", right: str = "", **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._left = left
        self._right = right

    def on_mount(self) -> None:
        """Draw the first text."""
        self.set_text(self._left, self._right)

    @property
    def text(self) -> str:
        """Both sides, as plain text."""
        return f"{self._left}  {self._right}".strip()

    def set_text(self, left: str, right: str = "") -> None:
        """Replace both sides."""
        self._left, self._right = left, right
        grid = Table.grid(expand=True)
        grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        grid.add_column(justify="right", no_wrap=True)
        grid.add_row(Text(left, style="bold"), Text(right))
        self.update(grid)
