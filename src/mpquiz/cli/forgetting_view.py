"""`mpquiz stats --question`: a question's forgetting curve drawn in text, with the
answers marked on it, and the answers listed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table
from rich.text import Text

from mpquiz.core.inert import inert
from mpquiz.i18n import t
from mpquiz.render.curve import RATING_KEYS, curve_line

if TYPE_CHECKING:
    from mpquiz.session.forgetting import Curve


def show_curve(curve: Curve, lang: str, console: Console) -> None:
    """Print the curve and the answers in `lang`."""
    name = inert(curve.name)
    if not curve.answers:
        console.print(t("stats.curve.none", lang, question=name))
        return
    console.print(t("stats.curve.title", lang, question=name))
    heights, marks = curve_line(curve)
    console.print(Text("100% " + heights, style="cyan"))
    console.print(Text("     " + marks))
    first, last = curve.points[0][0], curve.points[-1][0]
    console.print(
        t("stats.curve.axis", lang, start=first.date().isoformat(), end=last.date().isoformat())
    )
    if curve.due is not None:
        console.print(t("stats.curve.due", lang, due=curve.due.strftime("%Y-%m-%d %H:%M")))
    table = Table()
    for key in ("stats.col.when", "stats.col.rating", "stats.col.predicted", "stats.col.recalled"):
        table.add_column(t(key, lang), justify="left" if key.endswith("when") else "right")
    for answer in curve.answers:
        predicted = "—" if answer.predicted is None else f"{100 * answer.predicted:.0f}%"
        table.add_row(
            answer.at.strftime("%Y-%m-%d %H:%M"),
            t(RATING_KEYS.get(answer.rating, "rating.good"), lang),
            predicted,
            "✓" if answer.recalled else "✗",
        )
    console.print(table)
