"""Trusting a pack: the programs it would run here, each with its SHA-256, and a yes/no."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from mpquiz.core.inert import inert
from mpquiz.tui.screens.base import BaseModal

if TYPE_CHECKING:
    from mpquiz.packs.manifest import Manifest
    from mpquiz.store.values import PackInfo


class TrustScreen(BaseModal):
    """Lists every file of the demos folder with its hash, and how the questions run them;
    y trusts exactly that, n or Esc cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y,s", "answer(True)", "tui.key.trust"),
        Binding("n,escape", "answer(False)", "tui.key.no"),
    ]

    def __init__(self, pack: PackInfo, manifest: Manifest) -> None:
        super().__init__()
        self.pack = pack
        self.manifest = manifest
        self.hashes = manifest.files

    def compose(self) -> ComposeResult:
        """The warning, the files and hashes, the keys."""
        with VerticalScroll(id="dialog"):
            yield Static(
                Text(
                    inert(
                        self.say("tui.trust.question", pack=self.pack.id, version=self.pack.version)
                    ),
                    style="bold",
                ),
                classes="dialog-title",
            )
            yield Static(self.say("tui.trust.warning"), classes="help-text")
            files = Text(no_wrap=True, overflow="fold")
            files.append(self.say("tui.trust.files") + "\n")
            for name, digest in self.hashes.items():
                files.append(f"{inert(name)}\n", style="bold")
                files.append(f"{digest}\n", style="dim")  # 64 columns: fits at 80x24
            if not self.hashes:
                files.append(self.say("tui.trust.no_files") + "\n")
            files.append("\n" + self.say("tui.trust.runs") + "\n")
            for command in self.manifest.commands():
                files.append(f"  python {inert(command)}\n")
            yield Static(files, id="trust-files")
            yield Static(self.say("tui.trust.keys"), classes="hint")

    def action_answer(self, yes: bool) -> None:
        """Close with the learner's decision."""
        self.dismiss(yes)
