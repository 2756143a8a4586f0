"""The demo browser: every demo of the installed packs, its code, and a live run."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text as RichText
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from mpquiz.core.inert import inert
from mpquiz.i18n import reason
from mpquiz.tui.screens.base import BaseScreen
from mpquiz.tui.widgets.code_view import CodeView
from mpquiz.tui.widgets.key_footer import KeyFooter
from mpquiz.tui.widgets.output_panel import OutputPanel
from mpquiz.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from mpquiz.session.pack_shelf import PackShelf
    from mpquiz.store.values import PackInfo


@dataclass(frozen=True)
class DemoEntry:
    """One demo file of one installed pack."""

    pack: PackInfo
    name: str


class DemosScreen(BaseScreen):
    """Demos listed by pack; the highlighted one's code; Enter or r runs it (trusted only)."""

    HELP_KEY = "tui.help.demos"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "run", "tui.key.run"),
        Binding("s", "stop", "tui.key.stop"),
        Binding("question_mark,f1", "help", "tui.key.help"),
        Binding("escape,q", "back", "tui.key.back"),
    ]

    def __init__(self, shelf: PackShelf, pack_id: str | None = None) -> None:
        """`shelf`: the installed packs and their demos; `pack_id`'s are highlighted."""
        super().__init__()
        self.shelf = shelf
        self.pack_id = pack_id
        self.entries: list[DemoEntry] = []
        self.output = OutputPanel(self.lang, id="demo-output")

    def compose(self) -> ComposeResult:
        """The list on the left; state, code and output on the right."""
        yield TitleBar(self.say("tui.demos.title"))
        with Horizontal(id="demos-main"):
            yield OptionList(id="demo-list")
            with Vertical(id="demo-right"):
                yield Static(id="demo-state")
                with VerticalScroll(id="demo-code"):
                    yield CodeView()
                with VerticalScroll(id="demo-out"):
                    yield self.output
        yield KeyFooter(compact=True)

    def on_resize(self) -> None:
        """The list keeps the width its names need, up to half the screen."""
        self._fit_list()

    def _fit_list(self) -> None:
        # A name on one line (borders and scrollbar beside it), never more than half the
        # screen: the code needs the rest; a longer name ends in "…".
        longest = getattr(self, "_longest", 30)
        half = max(24, self.size.width // 2) if self.size.width else 40
        self.query_one("#demo-list").styles.width = min(longest + 4, half)

    def on_mount(self) -> None:
        """List every pack's demo files (the same files trust covers)."""
        options: list[Option] = []
        for pack in self.shelf.packs():
            names = self.shelf.demo_files(pack.id)
            options.append(Option(RichText(pack.title.get(self.lang), style="bold"), disabled=True))
            for name in names:
                label = RichText(f"  {inert(name)}", no_wrap=True, overflow="ellipsis")
                options.append(Option(label, id=str(len(self.entries))))
                self.entries.append(DemoEntry(pack, name))
        listing = self.query_one("#demo-list", OptionList)
        listing.add_options(options)
        self._longest = max((len(str(o.prompt)) for o in options), default=20)
        self._fit_list()
        self.output.display = False
        listing.focus()
        if self.entries:
            wanted = next((i for i, e in enumerate(self.entries) if e.pack.id == self.pack_id), 0)
            listing.highlighted = next(i for i, o in enumerate(options) if o.id == str(wanted))
        else:
            self.query_one("#demo-state", Static).update(self.say("tui.demos.none"))

    def _entry(self) -> DemoEntry | None:
        listing = self.query_one("#demo-list", OptionList)
        if listing.highlighted is None:
            return None
        option = listing.get_option_at_index(listing.highlighted)
        return self.entries[int(option.id)] if option.id is not None else None

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Show the highlighted demo's code and whether it may run."""
        entry = self._entry()
        if entry is None:
            return
        self.output.stop()
        self.output.display = False
        code = self.shelf.source(entry.pack.id, entry.name)
        self.query_one(CodeView).show(code)
        self.query_one("#demo-code").scroll_home(animate=False)
        blocked = self.shelf.blocked(entry.pack.id, entry.name)
        state = (
            self.say("tui.demos.can_run", demo=inert(entry.name))
            if blocked is None
            else self.say(
                "tui.demos.blocked", demo=inert(entry.name), reason=reason(blocked, self.lang)
            )
        )
        self.query_one("#demo-state", Static).update(RichText(state))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter runs the demo."""
        self.action_run()

    def action_run(self) -> None:
        """Run the highlighted demo with its pack's limits; only trusted packs' demos run."""
        entry = self._entry()
        if entry is None:
            return
        title = self.say("tui.demo.title", demo=inert(entry.name))
        self.output.display = True
        demo, blocked = self.shelf.start(entry.pack.id, entry.name)
        if demo is None:
            self.output.show_blocked(title, reason(blocked, self.lang))
        else:
            self.output.follow(demo, title)

    def action_stop(self) -> None:
        """Stop the run (the whole process group)."""
        self.output.stop()

    def action_back(self) -> None:
        """Back to where the browser was opened from."""
        self.output.stop()
        self.app.pop_screen()

    def on_unmount(self) -> None:
        """Never leave a demo running."""
        self.output.stop()
