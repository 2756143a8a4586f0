"""The answer widget of an exercise: a Python editor holding the starter (TextArea with
highlighting and line numbers), with keys to run the checks as often as the learner
likes (ctrl+r), to start again from the starter (ctrl+t), to give up (ctrl+g) and to
submit (ctrl+s). The review screen runs what they ask for (it owns the session)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import TextArea

from mpquiz.tui.keys import localize_bindings
from mpquiz.tui.widgets.answers import Answered

if TYPE_CHECKING:
    from mpquiz.core.model import ExerciseQuestion


class CheckRequested(Message):
    """The learner asked to run the checks on the program as it stands."""

    def __init__(self, program: str) -> None:
        super().__init__()
        self.program = program


class GaveUp(Message):
    """The learner gave up: the program as it stands is their answer."""

    def __init__(self, program: str) -> None:
        super().__init__()
        self.program = program


class ProgramAnswer(TextArea):
    """The learner's program; Enter is a new line and Tab indents."""

    DEFAULT_CSS = """
    ProgramAnswer { height: auto; max-height: 16; min-height: 6; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+r", "check", "tui.key.check_program"),
        Binding("ctrl+s", "submit", "tui.key.submit_program"),
        Binding("ctrl+t", "reset", "tui.key.reset_program"),
        Binding("ctrl+g", "give_up", "tui.key.give_up"),
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
            id="program",
        )
        self.question = question
        self.starter = starter
        self.cursor_blink = False
        localize_bindings(self, lang)

    def action_check(self) -> None:
        """Run the checks on the program as it stands (nothing is stored)."""
        self.post_message(CheckRequested(self.text))

    def action_submit(self) -> None:
        """Answer with the program as written."""
        self.post_message(Answered(self.text))

    def action_reset(self) -> None:
        """Start again from the starter (ctrl+z takes it back)."""
        self.replace(self.starter, self.document.start, self.document.end)

    def action_give_up(self) -> None:
        """Give up: the solution and a diff against this program follow."""
        self.post_message(GaveUp(self.text))

    def action_leave(self) -> None:
        """Give the keys back to the screen."""
        self.screen.set_focus(None)

    def reveal(self) -> None:
        """Nothing to mark: the checks below say what passed."""

    def freeze(self) -> None:
        """Keep the program visible, take no more input."""
        self.read_only = True
