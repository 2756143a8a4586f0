"""A list of things to include, each ticked "☑" or not "☐" (marked, not only coloured)."""

from __future__ import annotations

from collections.abc import Collection
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from mpquiz.tui.keys import localize_bindings


class CheckList(OptionList):
    """Up/down move, space or Enter ticks and unticks, `a` ticks all or none."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "tick", "tui.key.mark"),
        Binding("a", "toggle_all", "tui.key.all"),
    ]

    def __init__(
        self,
        items: list[tuple[str, str]],
        lang: str,
        *,
        ticked: Collection[str] | None = None,
        **kwargs: object,
    ) -> None:
        """`items` are (label, value) pairs; those in `ticked` start ticked (default: all)."""
        self.labels = [label for label, _ in items]
        self.values = [value for _, value in items]
        self.checked = {i for i, v in enumerate(self.values) if ticked is None or v in ticked}
        super().__init__(*(Option(self._prompt(i)) for i in range(len(items))), **kwargs)  # type: ignore[arg-type]
        localize_bindings(self, lang)

    @property
    def selected(self) -> list[str]:
        """The values ticked, in list order."""
        return [self.values[i] for i in sorted(self.checked)]

    def _prompt(self, index: int) -> Text:
        # A Text, not a str: labels hold topic titles from packs, never read as markup.
        return Text(f"{'☑' if index in self.checked else '☐'} {self.labels[index]}")

    def action_tick(self) -> None:
        """Tick or untick the highlighted item."""
        index = self.highlighted
        if index is not None:
            self.checked ^= {index}
            self.replace_option_prompt_at_index(index, self._prompt(index))

    def action_toggle_all(self) -> None:
        """Tick everything, or nothing when everything is ticked."""
        every = set(range(len(self.labels)))
        self.checked = set() if self.checked == every else every
        for index in range(len(self.labels)):
            self.replace_option_prompt_at_index(index, self._prompt(index))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter ticks too."""
        event.stop()
        self.action_tick()
