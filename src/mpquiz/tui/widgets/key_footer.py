"""The keys line at the bottom of every screen: Textual's Footer, rebuilt only when the
keys it shows change.

Textual's Footer rebuilds all its keys each time the screen's bindings are refreshed, and
they are refreshed several times in a row when a screen opens (the screen stack, the
focus, the screen's own refresh), mostly with nothing changed: each rebuild mounts and
styles every key again and lays the whole screen out anew. Right after the review's first
frame that was six rebuilds, about 50 ms of the event loop while the sitting loads. This
one waits for the next refresh, and rebuilds then only if the keys to show differ from
those shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Footer
from textual.widgets._footer import FooterKey

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.screen import Screen


class KeyFooter(Footer):
    """A Footer rebuilt at most once per refresh, and only for keys that changed."""

    _changed: Screen[object] | None = None
    _shown: tuple[tuple[str, str, bool, str], ...] | None = None

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Note the change; the footer is rebuilt after the next refresh, if it must be."""
        if self._changed is None:
            self.call_after_refresh(self._rebuild)
        self._changed = screen

    def compose(self) -> ComposeResult:
        """Footer's keys, born compact when the footer is: Textual binds `compact` to each
        key once it is mounted, which restyles every key on its own."""
        for widget in super().compose():
            if self.compact and isinstance(widget, FooterKey):
                widget.set_class(True, "-compact", update=False)
            yield widget

    def _rebuild(self) -> None:
        screen, self._changed = self._changed, None
        if screen is None or not self.is_attached:
            return
        keys = tuple(
            (binding.key, binding.description, enabled, tooltip)
            for _, binding, enabled, tooltip in screen.active_bindings.values()
            if binding.show
        )
        if keys != self._shown:
            self._shown = keys
            super().bindings_changed(screen)
