"""One line above the demo's output: confirmed or corrected, in words and with a mark."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from mpquiz.i18n import t

if TYPE_CHECKING:
    from mpquiz.core.grading import Verdict


class VerdictHeadline(Static):
    """ "✔ Confirmed: the real run agrees with you." (or ✘ Corrected, or the self-rating
    prompt of an open question); the colour only repeats what the words say.
    """

    DEFAULT_CSS = """
    VerdictHeadline { height: auto; padding: 0 1; text-style: bold; }
    VerdictHeadline.-confirmed { background: $success 30%; }
    VerdictHeadline.-corrected { background: $error 30%; }
    VerdictHeadline.-open { background: $accent 30%; }
    """

    def show(self, verdict: Verdict, lang: str) -> None:
        """Say the verdict."""
        if verdict.correct is True:
            state, words = "-confirmed", "✔ " + t("verdict.confirmed", lang)
        elif verdict.correct is False:
            state, words = "-corrected", "✘ " + t("verdict.corrected", lang)
        else:
            state, words = "-open", "? " + t("tui.verdict.rate_yourself", lang)
        for name in ("-confirmed", "-corrected", "-open"):
            self.set_class(name == state, name)
        self.update(Text(words))
