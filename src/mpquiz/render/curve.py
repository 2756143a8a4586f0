"""A forgetting curve drawn in text: one block character per point, the answers marked
below (the command line's `stats --question` and the app's curve dialog)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from mpquiz.i18n import t

if TYPE_CHECKING:
    from mpquiz.session.forgetting import Answer, Curve

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


def span(curve: Curve) -> tuple[str, str]:
    """The first and the last day the curve shows (ISO dates)."""
    return curve.points[0][0].date().isoformat(), curve.points[-1][0].date().isoformat()


def answer_cells(answer: Answer, lang: str) -> tuple[str, str, str, str]:
    """An answer on the curve as its table shows it: when (UTC), the rating in `lang`, the
    recall predicted before it ("—" for the first), and ✓ recalled or ✗ forgotten."""
    predicted = "—" if answer.predicted is None else f"{100 * answer.predicted:.0f}%"
    rating = t(RATING_KEYS.get(answer.rating, "rating.good"), lang)
    return answer.at.strftime("%Y-%m-%d %H:%M"), rating, predicted, "✓" if answer.recalled else "✗"
