"""A calendar of reviews per day, as Anki and GitHub draw it: weeks as columns, days as
rows, shades from · to █ with a legend of what each shade counts (readable without colour).
"""

from __future__ import annotations

from datetime import date, timedelta

from rich.text import Text
from textual.widget import Widget

from mpquiz.i18n import t
from mpquiz.tui.formatting import heat_legend, heat_shade, heat_thresholds

LABEL = 4
"""Columns for the weekday labels."""
MAX_WEEKS = 53


class Heatmap(Widget):
    """As many weeks as fit (up to a year), this week on the right."""

    DEFAULT_CSS = """
    Heatmap { height: 10; }
    """

    def __init__(self, lang: str, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.lang = lang
        self.per_day: dict[date, int] = {}
        self.today = date.today()

    def show(self, per_day: dict[date, int], today: date) -> None:
        """Set the figures (reviews per local day) and redraw."""
        self.per_day, self.today = dict(per_day), today
        self.refresh()

    def render(self) -> Text:
        """The month row, seven day rows and the legend."""
        # Two columns a week when a whole year fits that way: easier to read on wide screens.
        cell = 2 if self.size.width >= LABEL + 2 * MAX_WEEKS else 1
        weeks = max(1, min(MAX_WEEKS, (self.size.width - LABEL) // cell))
        monday = self.today - timedelta(days=self.today.weekday())
        first = monday - timedelta(weeks=weeks - 1)
        shown = {d: n for d, n in self.per_day.items() if first <= d <= self.today}
        thresholds = heat_thresholds(max(shown.values(), default=0))
        text = Text(no_wrap=True, overflow="crop")
        text.append(self._months(first, weeks, cell) + "\n", style="dim")
        for row in range(7):
            weekday = f"tui.weekday.{row}"
            label = t(weekday, self.lang) if row in (0, 2, 4) else ""
            text.append(f"{label:<{LABEL}}", style="dim")
            for week in range(weeks):
                day = first + timedelta(weeks=week, days=row)
                shade = " " if day > self.today else heat_shade(shown.get(day, 0), thresholds)
                text.append(shade * cell, style="bold" if day == self.today else "")
            text.append("\n")
        text.append("\n" + " " * LABEL)
        for shade, span in heat_legend(thresholds):
            text.append(f"{shade} {span}  ")
        text.append(t("tui.stats.heat_total", self.lang, n=sum(shown.values())), style="dim")
        return text

    def _months(self, first: date, weeks: int, cell: int) -> str:
        """Each month's name above its first week; a month that starts too close to the
        previous name is left unnamed, except that the partial month at the left edge
        gives way to the whole month after it (as GitHub's and Anki's calendars do); a name
        that would run past the right edge is left out, never cut ("m" for "mar")."""
        end = LABEL + weeks * cell
        row = [" "] * end
        previous = None
        for week in range(weeks):
            day = first + timedelta(weeks=week)
            if day.month != previous:
                month = f"tui.month.{day.month}"
                name = t(month, self.lang)
                start = LABEL + week * cell
                free = all(c == " " for c in row[start - 1 : start + len(name)])
                if not free and week * cell <= len(name):  # only the edge month is in the way
                    row[LABEL:start] = [" "] * (start - LABEL)
                    free = True
                if (week == 0 or free) and start + len(name) <= end:
                    row[start : start + len(name)] = name
                previous = day.month
        return "".join(row)
