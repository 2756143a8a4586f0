"""What a learner sees of the app's screen, as text: the composed screen, cell by cell,
less the regions that hold a program or its output (Python, English on purpose: see
docs/course.md), each visible line cut into the pieces that each widget draws.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from rich.cells import cell_len
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import TextArea

from mpquiz.tui.widgets.candidate_answer import CandidateAnswer
from mpquiz.tui.widgets.code_view import CodeView
from mpquiz.tui.widgets.output_panel import OutputPanel

PROGRAM_WIDGETS: tuple[type[Widget], ...] = (CodeView, OutputPanel, TextArea)
"""Widgets that show a program, its output or the learner's program (the editor)."""

_CLIPPED = re.compile(r"…(?=\s|$|[│┃║|▕▏])")


@dataclass(frozen=True)
class Piece:
    """What one widget draws on one row of the screen."""

    widget: Widget
    row: int
    text: str


def _is_program(widget: Widget) -> bool:
    node: Any = widget
    while node is not None and not isinstance(node, Screen):
        if isinstance(node, PROGRAM_WIDGETS):
            return True
        node = node.parent
    return False


def _cells(strip: Any, width: int) -> list[str]:
    """The characters of a rendered line, one per cell (a wide one, then "")."""
    cells: list[str] = []
    for segment in strip:
        for char in segment.text:
            cells.append(char)
            cells.extend([""] * (cell_len(char) - 1))
    return (cells + [" "] * width)[:width]


def _owners(compositor: Any, row: int, width: int) -> list[Widget | None]:
    """The widget drawn at each cell of `row` (the topmost, as the mouse would find)."""
    owners: list[Widget | None] = [None] * width
    free = set(range(width))
    layers = compositor.layers_visible
    for widget, cropped, _region in layers[row] if row < len(layers) else ():
        if not widget.visible:
            continue
        for x in range(max(0, cropped.x), min(width, cropped.right)):
            if x in free:
                owners[x] = widget
                free.discard(x)
    return owners


def pieces(app: Any) -> list[Piece]:
    """Every widget's text on every row of the screen now, program regions left out
    (and a candidate output's lines, behind their bar)."""
    screen = app.screen
    compositor = screen._compositor
    width = screen.size.width
    program: dict[Widget, bool] = {}
    found: list[Piece] = []
    for row, strip in enumerate(compositor.render_strips()):
        cells = _cells(strip, width)
        runs: list[tuple[Widget | None, list[str]]] = []
        for x, widget in enumerate(_owners(compositor, row, width)):
            if widget is not None and widget not in program:
                program[widget] = widget is screen or _is_program(widget)
            if widget is not None and program[widget]:
                widget = None  # a modal's dimmed background, or a program
            if runs and runs[-1][0] is widget:
                runs[-1][1].append(cells[x])
            else:
                runs.append((widget, [cells[x]]))
        for widget, chars in runs:
            text = "".join(chars).rstrip()
            if widget is None or not text.strip():
                continue
            if isinstance(widget, CandidateAnswer) and text.lstrip().startswith("│"):
                continue  # a candidate output's line
            found.append(Piece(widget, row, text))
    return found


def screen_text(app: Any) -> str:
    """The learner's text on the screen now, a line per widget's piece of a row."""
    return "\n".join(p.text for p in pieces(app))


ALLOWED_CUTS = frozenset({"demo-list"})
"""Widgets that may cut a text with "…": the demo browser's list fits long file names into
at most half the screen, then "…" (the file's full name is in the code's title)."""


def clipped(app: Any) -> list[str]:
    """The pieces that end in "…" where a text was cut (the widgets of ALLOWED_CUTS and
    their children aside)."""

    def allowed(widget: Widget) -> bool:
        return any(node.id in ALLOWED_CUTS for node in widget.ancestors_with_self)

    return [
        p.text.strip() for p in pieces(app) if _CLIPPED.search(p.text) and not allowed(p.widget)
    ]


async def every_page(pilot: Any) -> str:
    """The learner's text on the screen, scrolled through: each scrolling part of the
    screen is moved down a page at a time, and back to the top at the end."""
    seen = [screen_text(pilot.app)]
    for widget in pilot.app.screen.query("*"):
        if not widget.display or widget.max_scroll_y <= 0 or _is_program(widget):
            continue
        step = max(1, widget.scrollable_content_region.height - 1)
        y = 0
        while y < widget.max_scroll_y:
            y = min(y + step, widget.max_scroll_y)
            widget.scroll_to(y=y, animate=False, immediate=True)
            await pilot.pause()
            seen.append(screen_text(pilot.app))
        widget.scroll_to(y=0, animate=False, immediate=True)
        await pilot.pause()
    return "\n".join(seen)
