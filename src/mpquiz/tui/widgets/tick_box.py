"""A checkbox that shows its state by a mark, not by colour alone."""

from __future__ import annotations

from textual.widgets import Checkbox


class TickBox(Checkbox):
    """ "▐✔▌ Weak topics first" when on, "▐ ▌ ..." when off (Textual's own box shows an X
    either way and tells them apart by colour only).
    """

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # Textual's own name
        """The mark inside the box."""
        return "✔" if self.value else " "
