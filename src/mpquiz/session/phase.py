"""Where a sitting is with the question on screen (light: the app's first frame uses it)."""

from __future__ import annotations

from enum import StrEnum


class Phase(StrEnum):
    """The phases of one question in a review sitting."""

    ANSWER = "answer"
    """A question is shown; its answer is awaited."""
    WAITING = "waiting"
    """Answered; its demo is still running, the verdict comes when it ends."""
    REVEAL = "reveal"
    """The verdict is shown; the rating is awaited."""
    DONE = "done"
    """No question left in this sitting."""
