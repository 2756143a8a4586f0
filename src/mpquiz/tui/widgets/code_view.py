"""Python code, syntax-highlighted, as the learner reads it with a question or a demo."""

from __future__ import annotations

from rich.syntax import Syntax
from textual.widgets import Static


class CodeView(Static):
    """The code of a demo (or the region a question shows), with line numbers.

    The first code shown in a process is painted plain and coloured right after: Pygments
    compiles its Python rules on first use (about 80 ms), which would otherwise delay the
    app's first question by that much. Layout and line numbers are the same either way.
    """

    DEFAULT_CSS = """
    CodeView { height: auto; padding: 0 1; background: $boost; }
    """

    _code: str | None = None
    warmed = False
    """True once Python highlighting has been used in this process (class-wide)."""

    def show(self, code: str | None) -> None:
        """Show `code`; hide the widget when there is none."""
        self.display = bool(code)
        self._code = code
        if not code:
            return
        if CodeView.warmed:
            self.update(_syntax(code, "python"))
            return
        self.update(_syntax(code, "text"))
        self.call_after_refresh(self._colour, code)

    def _colour(self, code: str) -> None:
        CodeView.warmed = True
        if code == self._code:  # not replaced meanwhile
            self.update(_syntax(code, "python"))


def _syntax(code: str, lexer: str) -> Syntax:
    return Syntax(
        code.rstrip("\n"),
        lexer,
        theme="ansi_dark",
        line_numbers=True,
        word_wrap=True,
        background_color="default",
    )
