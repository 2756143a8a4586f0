"""The answer widget of a choice question: options marked with their number keys."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from mpquiz.i18n import t
from mpquiz.render.markdown_text import pack_text
from mpquiz.tui.widgets.pick_answer import PickAnswer

if TYPE_CHECKING:
    from mpquiz.core.model import ChoiceQuestion


class ChoiceAnswer(PickAnswer):
    """Options as "☐ 1  text"; number keys tick one or several, Enter answers."""

    def __init__(self, question: ChoiceQuestion, lang: str) -> None:
        self.question = question
        count = len(question.options)
        super().__init__(count, lang, multi=True, hint=t("tui.answer.choice_hint", lang, n=count))

    def render_item(self, index: int, chosen: bool, cursor: bool) -> RenderableType:
        """ "▸ ☑ 2  text" (ticked, under the cursor), with "✔" once known to be right."""
        grid = Table.grid(padding=(0, 1))
        grid.add_column(width=2)
        grid.add_column(width=4, no_wrap=True)
        grid.add_column(ratio=1)
        grid.add_column(width=2)
        mark = "☑" if chosen else "☐"
        right = "✔" if index in self.right else ""
        style = "bold" if chosen else ""
        grid.add_row(
            "▸" if cursor else "",
            Text(f"{mark} {index + 1}", style=style),
            pack_text(self.question.options[index].text.get(self.lang), style=style),
            Text(right, style="bold"),
        )
        return grid

    def reveal(self) -> None:
        """Mark the right options with ✔."""
        self.show_right(set(self.question.correct_options))
