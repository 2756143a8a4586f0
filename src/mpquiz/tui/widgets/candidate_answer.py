"""The answer widget of a predict question with candidate outputs: pick one by its number."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.text import Text

from mpquiz.i18n import t
from mpquiz.tui.widgets.pick_answer import PickAnswer

if TYPE_CHECKING:
    from mpquiz.core.model import PredictQuestion


class CandidateAnswer(PickAnswer):
    """Each candidate output as a numbered block; a number key picks one, Enter answers."""

    def __init__(self, question: PredictQuestion, lang: str) -> None:
        self.question = question
        count = len(question.candidates)
        super().__init__(
            count, lang, multi=False, hint=t("tui.answer.candidate_hint", lang, n=count)
        )

    def render_item(self, index: int, chosen: bool, cursor: bool) -> RenderableType:
        """ "▸ (•) 2" over the candidate's lines, each behind a bar."""
        head = Text(
            f"{'▸' if cursor else ' '} {'(•)' if chosen else '( )'} {index + 1}",
            style="bold" if chosen or cursor else "",
        )
        lines = self.question.candidates[index].strip("\n").splitlines() or [""]
        return Group(head, Barred(lines))


class Barred:
    """Lines of output behind a bar, each wrapped to the width there is (a candidate is
    often told from another only at its end: "...is the parent: False"), the bar repeated
    on the lines a wrap adds."""

    BAR = "    │ "

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """Each line, wrapped at spaces (or anywhere in a long word), behind the bar."""
        width = max(8, options.max_width - len(self.BAR))
        for line in self.lines:
            parts = Text(line).wrap(console, width, overflow="fold") or [Text("")]
            for part in parts:
                yield Text.assemble(self.BAR, part, no_wrap=True, overflow="crop")
