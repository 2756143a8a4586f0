"""Answers picked from a numbered list with the number keys (base of choice and candidates)."""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from rich.console import RenderableType
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Static

from mpquiz.i18n import t
from mpquiz.tui.keys import localize_bindings
from mpquiz.tui.widgets.answers import Answered
from mpquiz.tui.widgets.status_line import Tell


class PickAnswer(Vertical, can_focus=True):
    """Numbered items: a number key (or Space on the highlighted row) marks one, Enter
    answers with what is marked; with nothing marked Enter asks for a mark and answers
    nothing (an answer is never taken from where the cursor happens to be). With
    `multi`, number keys toggle marks, so several can be given.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        *(Binding(str(n), f"pick({n})", "tui.key.pick", show=False) for n in range(1, 10)),
        Binding("up,k", "move(-1)", "tui.key.up", show=False),
        Binding("down,j", "move(1)", "tui.key.down", show=False),
        Binding("space", "pick_cursor", "tui.key.mark", show=False),
        Binding("enter", "submit", "tui.key.answer"),
    ]

    def __init__(self, count: int, lang: str, *, multi: bool, hint: str) -> None:
        super().__init__()
        self.count = count
        self.lang = lang
        self.multi = multi
        self.hint = hint
        self.cursor = 0
        self.chosen: set[int] = set()
        self.right: set[int] = set()
        localize_bindings(self, lang)
        # The footer shows "1-4 Mark an option": the list may be below the fold, under a
        # long program, and the keys work from anywhere on the screen.
        table = self._bindings.key_to_bindings
        table["1"] = [replace(b, show=True, key_display=f"1-{count}") for b in table["1"]]

    def compose(self) -> ComposeResult:
        """The hint, then one line (or block) per item."""
        yield Static(self.hint, classes="hint")
        for i in range(self.count):  # drawn now, as _paint draws them later
            chosen, cursor = self._look(i)
            classes = " ".join(["item", *["-cursor"] * cursor, *["-chosen"] * chosen])
            yield Static(self.render_item(i, chosen, cursor), id=f"item-{i}", classes=classes)

    def render_item(self, index: int, chosen: bool, cursor: bool) -> RenderableType:
        """How item `index` looks (overridden by each kind)."""
        raise NotImplementedError

    def _look(self, index: int) -> tuple[bool, bool]:
        """Whether item `index` is chosen, and whether the cursor is on it."""
        return index in self.chosen, index == self.cursor and not self.disabled

    def _paint(self) -> None:
        for i in range(self.count):
            item = self.query_one(f"#item-{i}", Static)
            chosen, cursor = self._look(i)
            item.set_class(cursor, "-cursor")
            item.set_class(chosen, "-chosen")
            item.update(self.render_item(i, chosen, cursor))

    def action_pick(self, number: int) -> None:
        """Mark item `number` (1-based); in multi mode toggle it."""
        if not 1 <= number <= self.count:
            self.post_message(Tell(t("answer.no_such_option", self.lang, n=self.count), "error"))
            return
        index = number - 1
        self.cursor = index
        if self.multi:
            self.chosen ^= {index}
        else:
            self.chosen = {index}
        self._paint()
        self.query_one(f"#item-{index}").scroll_visible()

    def action_pick_cursor(self) -> None:
        """Mark the item under the cursor."""
        self.action_pick(self.cursor + 1)

    def action_move(self, step: int) -> None:
        """Move the cursor up or down."""
        self.cursor = (self.cursor + step) % self.count
        self._paint()
        self.query_one(f"#item-{self.cursor}").scroll_visible()

    def action_submit(self) -> None:
        """Answer with the marked items; with none marked, say how to mark one."""
        if not self.chosen:
            self.post_message(Tell(t("tui.answer.mark_first", self.lang, n=self.count), "warning"))
            return
        self.post_message(Answered(",".join(str(i + 1) for i in sorted(self.chosen))))

    def freeze(self) -> None:
        """Keep showing the answer given, but take no more keys."""
        self.disabled = True
        self._paint()

    def reveal(self) -> None:
        """Nothing to mark by default (a choice marks its right options)."""

    def show_right(self, right: set[int]) -> None:
        """Mark the right items (after the verdict)."""
        self.right = set(right)
        self._paint()
