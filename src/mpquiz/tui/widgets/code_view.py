"""Python code, syntax-highlighted, as the learner reads it with a question or a demo."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.widgets import Static

if TYPE_CHECKING:
    from collections.abc import Iterator

    from rich.console import Console, ConsoleOptions
    from rich.syntax import Syntax

TAB_SIZE = 4


class CodeView(Static):
    """The code of a demo (or the region a question shows), with line numbers.

    The first code shown in a process is painted plain (PlainCode) and coloured right
    after: importing Pygments and compiling its Python rules on first use would otherwise
    delay the app's first question. Layout and line numbers are the same either way.
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
            self.update(syntax(code))
            return
        self.update(PlainCode(code))
        if not colour_later:
            self.call_after_refresh(self.colour)

    def colour(self) -> None:
        """Highlight the code shown, if it is still plain."""
        if self._code and not CodeView.warmed:
            CodeView.warmed = True
            self.update(syntax(self._code))


def syntax(code: str, lexer: str = "python") -> Syntax:
    """`code` highlighted as the learner reads it: numbered, wrapped, on no background."""
    from rich.syntax import Syntax

    return Syntax(
        code.rstrip("\n"),
        lexer,
        theme="ansi_dark",
        line_numbers=True,
        word_wrap=True,
        background_color="default",
        tab_size=TAB_SIZE,
    )


class PlainCode:
    """Code laid out as `syntax` lays it out (line numbers, words wrapped, no background),
    without colours and without loading Pygments: what rich's Syntax renders for the
    "text" lexer, segment for segment (tests/tui/test_code_view.py holds them equal)."""

    def __init__(self, code: str) -> None:
        self.raw = code.rstrip("\n").split("\n")  # as syntax() hands it to Syntax
        self.lines = [line.expandtabs(TAB_SIZE) for line in self.raw]
        self.numbers = len(str(len(self.lines))) + 2

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        """As wide as the widest line beside the numbers (tabs counted as Syntax counts)."""
        widest = max((cell_len(line) for line in self.raw), default=0)
        return Measurement(self.numbers, self.numbers + widest + 1)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        """Each line numbered, its words wrapped to the width left beside the numbers."""
        width = options.update(width=max(0, options.max_width - self.numbers - 1))
        wrap = width.update(height=None, justify="left")
        base = Style(bgcolor="default")
        number, pad = Style(dim=True), Segment(" " * self.numbers + " ", Style.null())
        for line_no, line in enumerate(self.lines, 1):
            text = Text(line, style=base, justify="default", tab_size=TAB_SIZE)
            text.stylize(base)
            rows = console.render_lines(text, wrap, style=Style.null(), pad=False)
            for index, row in enumerate(rows):
                if index == 0:
                    yield Segment("  ", Style.null())
                    yield Segment(str(line_no).rjust(self.numbers - 2) + " ", number)
                else:
                    yield pad
                yield from row
                yield Segment.line()
