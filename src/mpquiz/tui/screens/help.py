"""The keys of the screen the learner came from, with a word on what the screen does."""

from __future__ import annotations

from collections.abc import Sequence
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

GENERAL = (
    ("pgup pgdn", "tui.help.key_scroll"),
    ("tab", "tui.help.key_tab"),
    ("ctrl+q", "tui.help.key_quit"),
)


class HelpScreen(BaseModal):
    """A dialog: what the screen is for, then each key and what it does there."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,f1,q,enter", "close", "tui.key.close"),
    ]

    def __init__(self, screen: BaseScreen, active: Sequence[Binding] | None = None) -> None:
        """`active`: the bindings that work where the learner is now (the focused answer's
        own keys included, a later stage's not), in the order to list them; without it,
        the screen's own."""
        super().__init__()
        self.described = screen
        self.active = list(active) if active is not None else None

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
        said_once: set[str] = set()  # descriptions whose keys one label gives ("1-4")
        bindings = self.active
        if bindings is None:
            bindings = [b for b in type(self.described).BINDINGS if isinstance(b, Binding)]
        for binding in bindings:
            if not binding.description or binding.action in _LISTED_APART:
                continue
            description = binding.description
            if description.startswith("tui."):
                description = self.say(description)
            if description in said_once:
                continue  # "1-4" says it for 1, 2, 3 and 4
            keys = by_description.setdefault(description, [])
            if binding.key_display:
                keys[:] = [binding.key_display]
                said_once.add(description)
                continue
            for key in binding.key.split(","):
                shown = self.app.get_key_display(replace(binding, key=key.strip()))
                if shown not in keys:
                    keys.append(shown)
        for description, keys in by_description.items():
            table.add_row(_spans(keys), description)
        for key, message in GENERAL:
            table.add_row(key, self.say(message))
        return table

    def action_close(self) -> None:
        """Back to the screen."""
        self.dismiss(False)


# Keys the table lists on a line of their own (GENERAL), or that help itself is.
_LISTED_APART = frozenset({"quit", "app.quit", "help_quit", "app.help_quit", "focus_next"})


def _spans(keys: list[str]) -> str:
    """ "1 2 3 4" as "1-4"; other keys as they are."""
    if len(keys) > 2 and all(k.isdigit() for k in keys):
        numbers = sorted(int(k) for k in keys)
        if numbers == list(range(numbers[0], numbers[-1] + 1)):
            return f"{numbers[0]}-{numbers[-1]}"
    return " ".join(keys)
