"""Small pure helpers that turn figures into text for the screens (no quiz logic)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import timedelta
from typing import TYPE_CHECKING

from textual.markup import escape

from mpquiz.core.inert import inert
from mpquiz.i18n import t

if TYPE_CHECKING:
    from mpquiz.core.model import Question

_EIGHTHS = " ▏▎▍▌▋▊▉"
SHADES = "·░▒▓█"
"""Heatmap cells from no reviews to the most: readable without colour."""


def literal(text: str) -> str:
    """Text from a pack, a database or a demo for a place that reads Textual markup (a
    notification, a border title): inert (core.inert) and with markup escaped, so it is
    shown as written and never styles or hides itself."""
    return escape(inert(text))


def bar(fraction: float, width: int) -> str:
    """A horizontal bar `width` cells long, filled to `fraction` in eighths of a cell."""
    fraction = min(1.0, max(0.0, fraction))
    eighths = round(fraction * width * 8)
    full, part = divmod(eighths, 8)
    text = "█" * full + (_EIGHTHS[part] if part else "")
    return text + "░" * (width - len(text))


def percent(fraction: float | None) -> str:
    """ "53%", or "—" when there is no figure yet."""
    return "—" if fraction is None else f"{round(100 * fraction)}%"


def duration(seconds: int) -> str:
    """ "45 s", "12 min", "1 h 05 min": time studied, as people read it."""
    if seconds < 60:
        return f"{seconds} s"
    minutes = seconds // 60
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d} min"


def clock_text(left: timedelta) -> str:
    """A countdown as "07:42" (minutes and seconds, rounded up so 0:00 means time is up)."""
    total = max(0, math.ceil(left.total_seconds()))
    return f"{total // 60:02d}:{total % 60:02d}"


def heat_thresholds(most: int) -> list[int]:
    """The smallest count of each shade above "none": four even steps up to `most`."""
    most = max(most, 1)
    steps = [max(1, math.ceil(most * k / 4)) for k in range(4)]
    steps[0] = 1
    # Small maxima give repeated steps; keep them strictly rising so each shade means one range.
    for i in range(1, 4):
        steps[i] = max(steps[i], steps[i - 1] + 1)
    return steps


def heat_shade(count: int, thresholds: Sequence[int]) -> str:
    """The shade character for a day with `count` reviews."""
    level = sum(1 for lowest in thresholds if count >= lowest)
    return SHADES[level]


def heat_legend(thresholds: Sequence[int]) -> list[tuple[str, str]]:
    """(shade, range) pairs for the legend: ("·", "0"), ("░", "1–2"), ... ("█", "9+")."""
    out = [(SHADES[0], "0")]
    for i, lowest in enumerate(thresholds):
        if i + 1 < len(thresholds):
            highest = thresholds[i + 1] - 1
            out.append((SHADES[i + 1], str(lowest) if highest == lowest else f"{lowest}–{highest}"))
        else:
            out.append((SHADES[i + 1], f"{lowest}+"))
    return out


def changed_lines(previous: Sequence[str], current: Sequence[str]) -> set[int]:
    """Indexes of `current`'s lines that differ from the same line of the previous run."""
    return {i for i, line in enumerate(current) if i >= len(previous) or previous[i] != line}


def kind_name(question: Question, lang: str) -> str:
    """The question's kind in words ("choice", "predict the output", ...)."""
    return t(f"kind.{question.kind.value}", lang)


def one_line(text: str, width: int) -> str:
    """The first line of `text`, cut to `width` characters with an ellipsis."""
    first = text.strip().splitlines()[0] if text.strip() else ""
    return first if len(first) <= width else first[: max(0, width - 1)] + "…"
