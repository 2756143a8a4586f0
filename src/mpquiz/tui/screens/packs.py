"""Installed packs: version, questions per topic, trust; trust them and validate them."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.console import Group
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from mpquiz.core.inert import inert
from mpquiz.i18n import error_text
from mpquiz.session.demos import ABSENT, BUILTIN, DAMAGED, TRUSTED
from mpquiz.session.demos import CHANGED_STATE as CHANGED
from mpquiz.session.demos import UNTRUSTED_STATE as UNTRUSTED
from mpquiz.tui.formatting import literal
from mpquiz.tui.screens.base import BaseScreen
from mpquiz.tui.widgets.key_footer import KeyFooter
from mpquiz.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from mpquiz.session.pack_shelf import PackShelf
    from mpquiz.store.values import PackInfo


_STATES = (BUILTIN, TRUSTED, UNTRUSTED, CHANGED, ABSENT, DAMAGED)
_TRUST_WORD = {state: f"tui.trust.{state}" for state in _STATES}


class PacksScreen(BaseScreen):
    """A table of packs; the highlighted one's topics below, and what validation found."""

    HELP_KEY = "tui.help.packs"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("t", "trust", "tui.key.trust"),
        Binding("x", "untrust", "tui.key.untrust"),
        Binding("v", "validate", "tui.key.validate"),
        Binding("d", "demos", "tui.key.demos"),
        Binding("question_mark,f1", "help", "tui.key.help"),
        Binding("escape,q", "home", "tui.key.back"),
    ]

    def __init__(self, shelf: PackShelf) -> None:
        """`shelf`: the installed packs and their trust (session.pack_shelf)."""
        super().__init__()
        self.shelf = shelf
        self.packs: list[PackInfo] = []

    def compose(self) -> ComposeResult:
        """The table, then details and validation results."""
        yield TitleBar(self.say("tui.packs.title"))
        yield DataTable(id="packs", cursor_type="row", zebra_stripes=False)
        with VerticalScroll(id="pack-body"):
            yield Static(id="pack-detail")
            yield Static(id="validation")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        """Fill the table."""
        table = self.query_one(DataTable)
        for key in ("id", "version", "title", "questions", "trust"):
            heading = f"tui.packs.col_{key}"
            table.add_column(self.say(heading), key=key)
        self.reload()
        table.focus()

    def reload(self) -> None:
        """Read the packs and their trust again (after trusting, revoking)."""
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        self.packs = self.shelf.packs()
        for pack in self.packs:
            table.add_row(
                Text(inert(pack.id)),
                Text(inert(pack.version)),
                Text(pack.title.get(self.lang)),
                str(pack.active_questions),
                self.say(_TRUST_WORD[self.shelf.state(pack.id)]),
                key=pack.id,
            )
        if self.packs:
            table.move_cursor(row=min(row, len(self.packs) - 1))
            self._detail()

    def _selected(self) -> PackInfo | None:
        table = self.query_one(DataTable)
        if not self.packs or not 0 <= table.cursor_row < len(self.packs):
            return None
        return self.packs[table.cursor_row]

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Show the highlighted pack's topics."""
        self._detail()
        self.query_one("#validation", Static).update("")

    def _detail(self) -> None:
        pack = self._selected()
        if pack is None:
            return
        counts = self.shelf.question_counts()
        lines = [Text(pack.title.get(self.lang), style="bold")]
        for topic, title in pack.topics.items():
            n = counts.get((pack.id, topic), 0)
            lines.append(Text(f"  {title.get(self.lang)}: " + self.say("tui.packs.questions", n=n)))
        state = self.shelf.state(pack.id)
        explain = f"tui.packs.explain_{state}"
        lines.append(Text(self.say(explain), style="italic"))
        self.query_one("#pack-detail", Static).update(Group(*lines))

    def action_trust(self) -> None:
        """Show the demo files with their SHA-256 and how the questions run them; trust
        exactly that when the learner confirms."""
        from mpquiz.session.pack_shelf import CannotTrust
        from mpquiz.tui.screens.trust import TrustScreen

        pack = self._selected()
        if pack is None:
            return
        if self.shelf.is_builtin(pack.id):
            self.notify(self.say("tui.packs.builtin_trusted"))
            return
        try:
            manifest = self.shelf.to_trust(pack.id)
        except CannotTrust as exc:
            reason = error_text(exc, self.lang)
            why = self.say("tui.packs.cannot_trust", pack=pack.id, reason=reason)
            self.notify(literal(why), severity="error")
            return

        def done(confirmed: bool | None) -> None:
            if confirmed:
                self.shelf.trust(pack.id, manifest)
                count = len(manifest.files)
                self.notify(literal(self.say("tui.packs.trusted", pack=pack.id, n=count)))
                self.reload()

        self.app.push_screen(TrustScreen(pack, manifest), done)

    def action_untrust(self) -> None:
        """Withdraw trust: the pack's demos stop running."""
        pack = self._selected()
        if pack is None or self.shelf.is_builtin(pack.id):
            return
        if self.shelf.revoke(pack.id):
            self.notify(literal(self.say("tui.packs.revoked", pack=pack.id)))
        self.reload()

    def action_validate(self) -> None:
        """Load the pack's folder again with the validator and show every problem."""
        pack = self._selected()
        if pack is not None:
            self.query_one("#validation", Static).update(self.say("tui.packs.validating"))
            self._validate(pack)

    @work(thread=True, exclusive=True, group="validate")
    def _validate(self, pack: PackInfo) -> None:
        found = self.shelf.validate(pack.id)
        if found.problems:
            n = len(found.problems)
            lines = [Text(self.say("tui.packs.problems", n=n), style="bold")]
            lines += [Text(inert(f"✘ {p.in_language(self.lang)}")) for p in found.problems]
            result = Group(*lines)
        else:
            result = Group(Text(self.say("tui.packs.valid", n=found.questions), style="bold"))
        self.app.call_from_thread(self._show_validation, result)

    def _show_validation(self, result: Group) -> None:
        self.query_one("#validation", Static).update(result)

    def action_demos(self) -> None:
        """Browse this pack's demos."""
        pack = self._selected()
        self.run_worker(self.mpq.open_screen("demos", pack_id=pack.id if pack else None))
