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

    def show(self, code: str | None, *, colour_later: bool = False) -> None:
        """Show `code`; hide the widget when there is none. With `colour_later`, the
        first code of the process stays plain until colour() is called (the screen has
        more urgent work right after its first frame)."""
        self.display = bool(code)
        self._code = code
        if not code:
            return
        if CodeView.warmed:
            self.update(_syntax(code, "python"))
            return
        self.update(_syntax(code, "text"))
        if not colour_later:
            self.call_after_refresh(self.colour)

    def colour(self) -> None:
        """Highlight the code shown, if it is still plain."""
        if self._code and not CodeView.warmed:
            CodeView.warmed = True
            self.update(_syntax(self._code, "python"))


def _syntax(code: str, lexer: str) -> Syntax:
    return Syntax(
        code.rstrip("\n"),
        lexer,
        theme="ansi_dark",
        line_numbers=True,
        word_wrap=True,
        background_color="default",
    )
