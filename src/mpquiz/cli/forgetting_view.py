"""`mpquiz stats --question`: a question's forgetting curve drawn in text, with the
answers marked on it, and the answers listed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table
from rich.text import Text

from mpquiz.core.inert import inert
from mpquiz.i18n import t
from mpquiz.render.curve import answer_cells, curve_line, span

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
    start, end = span(curve)
    console.print(t("stats.curve.axis", lang, start=start, end=end))
    if curve.due is not None:
        console.print(t("stats.curve.due", lang, due=curve.due.strftime("%Y-%m-%d %H:%M")))
    table = Table()
    for key in ("stats.col.when", "stats.col.rating", "stats.col.predicted", "stats.col.recalled"):
        table.add_column(t(key, lang), justify="left" if key.endswith("when") else "right")
    for answer in curve.answers:
        table.add_row(*answer_cells(answer, lang))
    console.print(table)
