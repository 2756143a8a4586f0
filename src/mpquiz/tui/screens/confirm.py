"""A yes/no question over the current screen."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Static

from mpquiz.tui.screens.base import BaseModal


class ConfirmScreen(BaseModal):
    """ "Finish the exam now?" — y (or s, for sí) confirms, n or Esc cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y,s", "answer(True)", "tui.key.yes"),
        Binding("n,escape", "answer(False)", "tui.key.no"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        """The question and the keys."""
        with Vertical(id="dialog"):
            yield Static(Text(self.question, style="bold"), classes="dialog-title")
            yield Static(self.say("tui.confirm.keys"), classes="hint")

    def action_answer(self, yes: bool) -> None:
        """Close with the learner's answer."""
        self.dismiss(yes)
