"""A run's processes as text: the timeline of core.timeline, one line per row.

    pid    process              0 s                            1.31 s     cpu   exit
    41200  MainProcess          ▒──────────────────────────────────▒   0.04 s     0
    41201    Process-1           ████████████████                      0.60 s     0
    41202    Process-2           ████████████████                      0.61 s     0
    █ on a CPU  ▒ partly  ─ alive, waiting  ✘ failed or killed

Shapes carry the meaning (core.timeline); colour only repeats it. Names come from the
demo's own processes and are made inert.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.text import Text as RichText

from mpquiz.core.inert import inert
from mpquiz.core.timeline import (
    BUSY,
    CRASH,
    GONE,
    IDLE,
    MAX_ROWS,
    SOME,
    Row,
    Timeline,
    lay_out,
)
from mpquiz.i18n import t

if TYPE_CHECKING:
    from mpquiz.core.processes import ProcessRecord

PID, NAME, CPU, EXIT = 7, 20, 7, 7
"""Column widths; the bar takes what is left of the line."""

_STYLES = {BUSY: "green", SOME: "yellow", IDLE: "dim", CRASH: "bold red", GONE: ""}


def bar_width(width: int) -> int:
    """The cells of the bar on a line `width` characters wide."""
    return max(width - (PID + NAME + CPU + EXIT + 4), 8)


def render_timeline(
    records: Sequence[ProcessRecord],
    duration: float,
    lang: str,
    *,
    width: int = 80,
    most: int = MAX_ROWS,
) -> RenderableType | None:
    """The run's processes over its wall time, `width` characters wide, at most `most`
    rows; None without records."""
    if not records:
        return None
    timeline = lay_out(records, duration, bar_width(width), max_rows=most)
    lines: list[RenderableType] = [_header(timeline, lang)]
    lines.extend(_row(row, lang) for row in timeline.rows)
    if timeline.hidden:
        more = t("timeline.hidden", lang, count=timeline.hidden, cpu=f"{timeline.hidden_cpu:.2f}")
        lines.append(RichText(" " * (PID + 1) + more, style="dim"))
    lines.append(RichText(t("timeline.legend", lang), style="dim"))
    return Group(*lines)


def timeline_text(
    records: Sequence[ProcessRecord], duration: float, lang: str, *, width: int = 80
) -> str:
    """The same timeline as plain text (for plain mode's logs and tests)."""
    if not records:
        return ""
    timeline = lay_out(records, duration, bar_width(width))
    lines = [_header(timeline, lang).plain, *(_row(row, lang).plain for row in timeline.rows)]
    if timeline.hidden:
        more = t("timeline.hidden", lang, count=timeline.hidden, cpu=f"{timeline.hidden_cpu:.2f}")
        lines.append(" " * (PID + 1) + more)
    lines.append(t("timeline.legend", lang))
    return "\n".join(line.rstrip() for line in lines)


def _header(timeline: Timeline, lang: str) -> RichText:
    start, end = "0 s", f"{timeline.duration:.2f} s"
    axis = start + " " * max(timeline.width - len(start) - len(end), 1) + end
    text = (
        f"{t('timeline.pid', lang):<{PID}} {t('timeline.process', lang):<{NAME}} {axis} "
        f"{t('timeline.cpu', lang):>{CPU}} {t('timeline.exit', lang):>{EXIT}}"
    )
    return RichText(text, style="bold")


def _row(row: Row, lang: str) -> RichText:
    pid = "" if row.pid is None else str(row.pid)
    depth = min(row.depth - 1 if row.thread else row.depth, 4)
    indent = "  " * depth + ("· " if row.thread else "")
    label = _fit(indent + inert(row.label), NAME)
    text = RichText(f"{pid:<{PID}} ", style="dim" if row.thread else "")
    text.append(f"{label:<{NAME}} ", style="dim" if row.thread else "bold")
    if not row.started:
        never = _fit(t("timeline.never_started", lang), len(row.cells))
        text.append(f"{never:<{len(row.cells)}}", style="italic")
    for cell in row.cells if row.started else ():
        text.append(cell, style=_STYLES.get(cell, ""))
    cpu = "" if row.cpu is None else f"{row.cpu:.2f} s"
    text.append(f" {cpu:>{CPU}}")
    exit_text = row.exit_text()
    text.append(f" {exit_text:>{EXIT}}", style="bold red" if row.failed else "")
    return text


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
