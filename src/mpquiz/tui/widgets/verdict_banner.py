"""The verdict after an answer: confirmed or corrected, in words as well as colour."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.text import Text
from textual.widgets import Static

from mpquiz.core.inert import inert
from mpquiz.i18n import t

if TYPE_CHECKING:
    from mpquiz.core.model import Question
    from mpquiz.session.review_state import Outcome


class VerdictBanner(Static):
    """The rest of the shared verdict rendering below the demo's output: the key, feedback,
    diff and notes; for an open question the learner's answer beside the model answer and
    key points. (The headline above the output says confirmed or corrected.)
    """

    DEFAULT_CSS = """
    VerdictBanner { height: auto; padding: 0 1; border: heavy $foreground-muted; }
    VerdictBanner.-confirmed { border: heavy $success; }
    VerdictBanner.-corrected { border: heavy $error; }
    VerdictBanner.-open { border: heavy $accent; }
    """

    def show(self, question: Question, outcome: Outcome, lang: str) -> bool:
        """Fill the banner from the outcome of an answer; False when it has nothing to say."""
        from mpquiz.render.verdicts import (  # after the first frame
            render_key_details,
            render_recorded,
            render_verdict,
        )

        verdict = outcome.verdict
        state = {True: "-confirmed", False: "-corrected", None: "-open"}[verdict.correct]
        for name in ("-confirmed", "-corrected", "-open"):
            self.set_class(name == state, name)
        title = f"tui.verdict.title{state.replace('-', '_')}"
        self.border_title = t(title, lang)
        parts: list[RenderableType] = []
        details = render_key_details(question, lang)
        if details is not None:  # a key longer than a line: beside the learner's answer
            parts.append(Text(t("tui.verdict.your_answer", lang), style="bold"))
            parts.append(Text(inert(outcome.answer) or "—"))
            parts.append(details)
        shared = render_verdict(question, verdict, lang)
        rest = list(shared.renderables) if isinstance(shared, Group) else [shared]
        if verdict.correct is not None:
            rest = rest[1:]  # its first line is the headline, shown above the output
        parts.extend(rest)
        if outcome.recorded is not None:
            parts.append(render_recorded(outcome.recorded, lang))
        if outcome.exercise is not None:
            from mpquiz.render.exercise import render_attempt

            parts.extend(render_attempt(outcome.exercise, lang))
        self.update(Group(*parts))
        return bool(parts)
