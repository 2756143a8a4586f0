"""Python code, syntax-highlighted, as the learner reads it with a question or a demo."""

from __future__ import annotations

from rich.syntax import Syntax
from textual.widgets import Static


class CodeView(Static):
    """The code of a demo (or the region a question shows), with line numbers."""

    DEFAULT_CSS = """
    CodeView { height: auto; padding: 0 1; background: $boost; }
    """

    def show(self, code: str | None) -> None:
        """Show `code`; hide the widget when there is none."""
        self.display = bool(code)
        if code:
            self.update(
                Syntax(
                    code.rstrip("\n"),
                    "python",
                    theme="ansi_dark",
                    line_numbers=True,
                    word_wrap=True,
                    background_color="default",
                )
            )
