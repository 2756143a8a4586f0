"""The line above the keys where a screen says what just happened ("Tick an option
first"), instead of a toast that would cover the rating bar or the exam's question."""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.widgets import Static

from mpquiz.core.inert import inert

_SEVERITIES = ("information", "warning", "error")


class Tell(Message):
    """A widget's word for the learner, shown by its screen's status line."""

    def __init__(self, text: str, severity: str = "information") -> None:
        super().__init__()
        self.text = text
        self.severity = severity


class StatusLine(Static):
    """One or two lines of plain text (never markup: it may quote a pack or a demo)."""

    DEFAULT_CSS = """
    StatusLine { height: auto; max-height: 2; padding: 0 1; display: none; }
    StatusLine.-warning { color: $warning; text-style: bold; }
    StatusLine.-error { color: $error; text-style: bold; }
    """

    said = ""
    """What the line says now (empty when hidden)."""

    def say(self, text: str, severity: str = "information") -> None:
        """Show `text` until the next message or question."""
        for name in _SEVERITIES:
            self.set_class(name == severity, f"-{name}")
        self.said = text
        self.update(Text(inert(text)))
        self.display = True

    def clear(self) -> None:
        """Nothing to say (a new question is on screen)."""
        self.said = ""
        self.update("")
        self.display = False
