"""The answer widget of a numeric question: one line that takes a number."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import Input

from mpquiz.i18n import t
from mpquiz.tui.keys import localize_bindings
from mpquiz.tui.widgets.answers import Answered

if TYPE_CHECKING:
    from mpquiz.core.model import NumericQuestion


class NumberAnswer(Input):
    """A number ("3", "0.5" or "0,5"); Enter answers, Esc leaves the field."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", "tui.key.leave_field"),
    ]

    def __init__(self, question: NumericQuestion, lang: str) -> None:
        unit = f" ({question.unit.get(lang)})" if question.unit else ""
        super().__init__(
            placeholder=t("tui.answer.number_hint", lang) + unit,
            restrict=r"[-+0-9.,_eE ]*",
            max_length=40,
        )
        self.question = question
        self.cursor_blink = False  # a steady cursor: calmer, and the same in every snapshot
        localize_bindings(self, lang)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter: hand the number to the screen."""
        event.stop()
        self.post_message(Answered(event.value))

    def action_leave(self) -> None:
        """Give the keys back to the screen (undo, help, home)."""
        self.screen.set_focus(None)

    def reveal(self) -> None:
        """Nothing to mark: the verdict below says what the key is."""

    def freeze(self) -> None:
        """Keep the answer visible, take no more input."""
        self.disabled = True
