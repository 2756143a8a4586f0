"""Cards falling due on each of the next days, as columns, with the counts written out."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.text import Text
from textual.widget import Widget

from mpquiz.i18n import t

ROWS = 5
_BLOCKS = " ▁▂▃▄▅▆▇█"


class Forecast(Widget):
    """A bar per day (today first), the largest count on the axis, and a summary line."""

    DEFAULT_CSS = """
    Forecast { height: 8; }
    """

    def __init__(self, lang: str, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.lang = lang
        self.days: list[tuple[date, int]] = []

    def show(self, days: Sequence[tuple[date, int]]) -> None:
        """Set the forecast (date, count) from today on and redraw."""
        self.days = list(days)
        self.refresh()

    def render(self) -> Text:
        """The bars, the day axis and the totals."""
        counts = [n for _, n in self.days]
        most = max(counts, default=0)
        axis = len(str(most)) + 1
        width = 2 if axis + 2 * len(counts) + 1 <= self.size.width else 1
        text = Text(no_wrap=True, overflow="crop")
        for row in range(ROWS, 0, -1):
            label = str(most) if row == ROWS else ("0" if row == 1 and not most else "")
            text.append(f"{label:>{axis - 1}} │", style="dim")
            for n in counts:
                eighths = round(n / most * ROWS * 8) if most else 0
                fill = min(8, max(0, eighths - (row - 1) * 8))
                if row == 1 and n and not fill:
                    fill = 1  # a day with any card due never looks empty
                text.append(_BLOCKS[fill] + " " * (width - 1))
            text.append("\n")
        text.append(" " * axis + "└" + "─" * (width * len(counts)) + "\n", style="dim")
        marks = [" "] * (axis + 1 + width * len(counts))
        for day in range(0, len(counts), 7):
            label = t("tui.stats.today", self.lang) if day == 0 else f"+{day}"
            start = axis + 1 + day * width
            marks[start : start + len(label)] = label
        text.append("".join(marks)[: axis + 1 + width * len(counts)] + "\n", style="dim")
        text.append(
            t(
                "tui.stats.forecast_line",
                self.lang,
                today=counts[0] if counts else 0,
                tomorrow=counts[1] if len(counts) > 1 else 0,
                week=sum(counts[:7]),
                month=sum(counts),
            )
        )
        return text
