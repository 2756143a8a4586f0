"""The answer widget of a predict question with candidate outputs: pick one by its number."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
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
        body = Text("\n".join(f"    │ {line}" for line in lines), no_wrap=True)
        return Group(head, body)
