"""The keys of the screen the learner came from, with a word on what the screen does."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from mpquiz.tui.screens.base import BaseModal

if TYPE_CHECKING:
    from mpquiz.tui.screens.base import BaseScreen

GENERAL = (("tab", "tui.help.key_tab"), ("ctrl+q", "tui.help.key_quit"))


class HelpScreen(BaseModal):
    """A dialog: what the screen is for, then each key and what it does there."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,f1,q,enter", "close", "tui.key.close"),
    ]

    def __init__(self, screen: BaseScreen) -> None:
        super().__init__()
        self.described = screen

    def compose(self) -> ComposeResult:
        """The text and the key table in a scrolling box."""
        with VerticalScroll(id="dialog"):
            yield Static(Text(self.say("tui.help.title"), style="bold"), classes="dialog-title")
            yield Static(self.say(self.described.HELP_KEY), classes="help-text")
            yield Static(self._keys(), id="help-keys")
            yield Static(self.say("tui.help.close"), classes="hint")

    def _keys(self) -> Table:
        table = Table.grid(padding=(0, 2))
        table.add_column(no_wrap=True, style="bold")
        table.add_column()
        by_description: dict[str, list[str]] = {}
        for binding in type(self.described).BINDINGS:
            if not isinstance(binding, Binding) or not binding.description:
                continue
            keys = by_description.setdefault(self.say(binding.description), [])
            for key in binding.key.split(","):
                shown = self.app.get_key_display(replace(binding, key=key.strip()))
                if shown not in keys:
                    keys.append(shown)
        for description, keys in by_description.items():
            table.add_row(" ".join(keys), description)
        for key, message in GENERAL:
            table.add_row(key, self.say(message))
        return table

    def action_close(self) -> None:
        """Back to the screen."""
        self.dismiss(False)
