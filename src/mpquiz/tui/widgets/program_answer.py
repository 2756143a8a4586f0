"""The answer widget of an exercise: a Python editor holding the starter (TextArea with
highlighting and line numbers). ctrl+s submits the program, whose checks then run."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import TextArea

from mpquiz.tui.keys import localize_bindings
from mpquiz.tui.widgets.answers import Answered

if TYPE_CHECKING:
    from mpquiz.core.model import ExerciseQuestion


class ProgramAnswer(TextArea):
    """The learner's program; Enter is a new line, ctrl+s answers, Esc leaves the field."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "submit", "tui.key.answer"),
        Binding("escape", "leave", "tui.key.leave_field"),
    ]

    def __init__(self, question: ExerciseQuestion, lang: str, starter: str) -> None:
        super().__init__(
            starter,
            language="python",
            show_line_numbers=True,
            tab_behavior="indent",
            soft_wrap=False,
            highlight_cursor_line=False,
        )
        self.question = question
        self.cursor_blink = False
        localize_bindings(self, lang)

    def action_submit(self) -> None:
        """Answer with the program as written."""
        self.post_message(Answered(self.text))

    def action_leave(self) -> None:
        """Give the keys back to the screen."""
        self.screen.set_focus(None)

    def reveal(self) -> None:
        """Nothing to mark: the checks below say what passed."""

    def freeze(self) -> None:
        """Keep the program visible, take no more input."""
        self.read_only = True
