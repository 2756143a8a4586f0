"""A forgetting curve drawn in text: one block character per point, the answers marked
below (the command line's `stats --question` and the app's curve dialog)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mpquiz.session.forgetting import Curve

BLOCKS = " ▁▂▃▄▅▆▇█"
RATING_KEYS = {1: "rating.again", 2: "rating.hard", 3: "rating.good", 4: "rating.easy"}


def curve_line(curve: Curve) -> tuple[str, str]:
    """The curve as one line of block characters (one per point, the taller the likelier
    to recall), and a line below it: ✓ or ✗ where each answer was given, │ at now."""
    points = curve.points
    heights = "".join(BLOCKS[round(r * (len(BLOCKS) - 1))] for _at, r in points)
    marks = [" "] * len(points)
    if len(points) > 1:
        start, end = points[0][0], points[-1][0]
        span = (end - start).total_seconds() or 1.0

        def column(at: datetime) -> int:
            seconds = (at - start).total_seconds()
            return min(len(points) - 1, max(0, round(seconds / span * (len(points) - 1))))

        marks[column(curve.now)] = "│"
        for answer in curve.answers:
            marks[column(answer.at)] = "✓" if answer.recalled else "✗"
    return heights, "".join(marks)
