"""A dialog with the question's forgetting curve: the recall FSRS predicts for the learner
over time, their answers marked on it, and the last answers with the recall predicted
before each."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from mpquiz.core.inert import inert
from mpquiz.render.curve import answer_cells, curve_line, span
from mpquiz.tui.screens.base import BaseModal

if TYPE_CHECKING:
    from mpquiz.session.forgetting import Curve

ANSWERS_SHOWN = 6


class CurveScreen(BaseModal):
    """The curve of one question, over the review."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f,q,enter", "close", "tui.key.close"),
    ]

    def __init__(self, curve: Curve) -> None:
        """`curve`: as session.forgetting reads it."""
        super().__init__()
        self.curve = curve

    def compose(self) -> ComposeResult:
        """The title, the curve, the answers."""
        curve = self.curve
        name = inert(curve.name)
        with VerticalScroll(id="dialog"):
            if not curve.answers:
                yield Static(self.say("stats.curve.none", question=name), classes="help-text")
            else:
                title = self.say("stats.curve.title", question=name)
                yield Static(Text(title, style="bold"), classes="dialog-title")
                heights, marks = curve_line(curve)
                start, end = span(curve)
                axis = self.say("stats.curve.axis", start=start, end=end)
                drawn = Text(heights, style="cyan")
                drawn.append("\n" + marks + "\n" + axis.strip())
                yield Static(drawn, id="curve", classes="help-text")
                yield Static(self._answers(), classes="help-text")
            yield Static(self.say("tui.curve.close"), classes="hint")

    def _answers(self) -> Table:
        table = Table(box=None, padding=(0, 1), header_style="bold")
        for key in ("stats.col.when", "stats.col.rating", "stats.col.predicted"):
            table.add_column(self.say(key), justify="left" if key.endswith("when") else "right")
        for answer in self.curve.answers[-ANSWERS_SHOWN:]:
            when, rating, predicted, mark = answer_cells(answer, self.lang)
            table.add_row(when, f"{mark} {rating}", predicted)
        return table

    def action_close(self) -> None:
        """Back to the review."""
        self.dismiss(False)
