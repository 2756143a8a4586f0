"""The answer widget of a typed prediction or an open question: several lines of text."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.widgets import TextArea

from mpquiz.i18n import t
from mpquiz.tui.keys import localize_bindings
from mpquiz.tui.widgets.answers import Answered

if TYPE_CHECKING:
    from mpquiz.core.model import Question


class TextAnswer(TextArea):
    """Lines of text. As in the plain review, an empty last line ends the answer (Enter
    twice); ctrl+s answers too, and Esc leaves the field.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "submit", "tui.key.answer"),
        Binding("escape", "leave", "tui.key.leave_field"),
    ]

    def __init__(self, question: Question, lang: str, *, predict: bool) -> None:
        """`predict`: the text is a program's output (kept as typed, no soft wrap)."""
        super().__init__(
            soft_wrap=not predict,
            tab_behavior="focus",
            placeholder=t("tui.answer.predict_hint" if predict else "tui.answer.open_hint", lang),
            highlight_cursor_line=False,
        )
        self.question = question
        self.cursor_blink = False  # a steady cursor: calmer, and the same in every snapshot
        self.predict = predict
        localize_bindings(self, lang)

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter" and self._on_empty_last_line() and self.text.strip():
            event.stop()
            event.prevent_default()
            self.action_submit()
            return
        await super()._on_key(event)

    def _on_empty_last_line(self) -> bool:
        row, _col = self.cursor_location
        last = self.document.line_count - 1
        return row == last and not self.document.get_line(row).strip()

    def action_submit(self) -> None:
        """Answer with the text, without the blank lines that ended it."""
        text = self.text.rstrip()
        if self.predict:
            text = "\n".join(line.rstrip() for line in text.splitlines())
        self.post_message(Answered(text))

    def action_leave(self) -> None:
        """Give the keys back to the screen (undo, help, home)."""
        self.screen.set_focus(None)

    def reveal(self) -> None:
        """Nothing to mark: the verdict below says what the key is."""

    def freeze(self) -> None:
        """Keep the answer visible, take no more input."""
        self.read_only = True
        self.disabled = True
