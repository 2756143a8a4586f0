"""Why the right answer is right: the question's explanation, under its heading."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group
from rich.text import Text
from textual.widgets import Static

from mpquiz.i18n import t
from mpquiz.render.markdown_text import pack_text

if TYPE_CHECKING:
    from mpquiz.core.model import Question


class Explanation(Static):
    """ "Why:" and the pack's explanation, in the learner's language."""

    DEFAULT_CSS = """
    Explanation { height: auto; padding: 0 1; }
    """

    def show(self, question: Question, lang: str) -> None:
        """Explain `question`."""
        self.update(
            Group(
                Text(t("explain.header", lang), style="bold"), pack_text(question.explain.get(lang))
            )
        )
