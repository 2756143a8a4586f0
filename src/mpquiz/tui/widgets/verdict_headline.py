"""One line above the demo's output: confirmed or corrected, in words and with a mark."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from mpquiz.i18n import t

if TYPE_CHECKING:
    from mpquiz.core.grading import Verdict


class VerdictHeadline(Static):
    """ "✔ Right, and this run shows it." (or by the key only, this run did not show it,
    or no demo ran; ✘ for a wrong answer; the self-rating prompt of an open question);
    the colour only repeats what the words say.
    """

    DEFAULT_CSS = """
    VerdictHeadline { height: auto; padding: 0 1; text-style: bold; }
    VerdictHeadline.-confirmed { background: $success 30%; }
    VerdictHeadline.-corrected { background: $error 30%; }
    VerdictHeadline.-open { background: $accent 30%; }
    """

    def show(self, verdict: Verdict, lang: str) -> None:
        """Say the verdict: right or wrong by the key, and what this run showed of it."""
        from mpquiz.render.verdicts import verdict_headline, verdict_state

        state = {"right": "-confirmed", "wrong": "-corrected", "open": "-open"}[
            verdict_state(verdict)
        ]
        words = (
            "? " + t("tui.verdict.rate_yourself", lang)
            if verdict.correct is None
            else verdict_headline(verdict, lang)
        )
        for name in ("-confirmed", "-corrected", "-open"):
            self.set_class(name == state, name)
        self.update(Text(words))
