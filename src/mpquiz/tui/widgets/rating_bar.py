"""The four ratings with the interval each would give, as Anki shows above its buttons."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from mpquiz.i18n import t

if TYPE_CHECKING:
    from mpquiz.core.scheduling import Rating


class RatingBar(Static):
    """ "1 Again <1m │ 2 Hard 10m │ ▸3 Good 2d◂ │ 4 Easy 8d", the suggested one marked and
    named as the Enter key's choice (not by colour alone).
    """

    DEFAULT_CSS = """
    RatingBar {
        height: 3;
        border-top: solid $primary;
        padding: 0 1;
    }
    """

    def show(self, intervals: dict[Rating, timedelta], suggested: Rating | None, lang: str) -> None:
        """Draw the four choices."""
        # Imported here: fsrs is not needed until the first answer (see "Starting fast").
        from mpquiz.core.scheduling import Rating, format_interval
        from mpquiz.render.verdicts import RATING_KEYS, rating_name

        grid = Table.grid(expand=True)
        for _ in Rating:
            grid.add_column(ratio=1, justify="center", no_wrap=True)
        names, times = [], []
        for rating in Rating:
            chosen = rating is suggested
            label = f"{RATING_KEYS[rating]} {rating_name(rating, lang)}"
            when = format_interval(intervals[rating])
            if chosen:
                label = f"▸{label}◂"
                when = f"{when} · {t('tui.rate.enter', lang)}"
            style = "bold reverse" if chosen else "bold"
            names.append(Text(label, style=style))
            times.append(Text(when, style="" if chosen else "dim"))
        grid.add_row(*names)
        grid.add_row(*times)
        self.update(grid)

    def show_self_rating(self, intervals: dict[Rating, timedelta], lang: str) -> None:
        """Open questions: no suggestion, the learner picks."""
        self.show(intervals, None, lang)
