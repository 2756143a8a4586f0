"""Time as an argument: the real clock, and the start of the learner's day."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, tzinfo


def utc_now() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(UTC)


@dataclass
class Clock:
    """Wall time and a monotonic timer, both replaceable in tests."""

    now: Callable[[], datetime] = utc_now
    monotonic: Callable[[], float] = time.monotonic
    zone: tzinfo | None = field(default=None)

    def day_start(self, at: datetime | None = None) -> datetime:
        """Midnight (in the learner's zone, local by default) of the day holding `at`, in UTC."""
        at = at or self.now()
        local = at.astimezone(self.zone) if self.zone else at.astimezone()
        midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
        return midnight.astimezone(UTC)


LEARN_AHEAD = timedelta(minutes=20)
"""A card due again within this time comes back in the same session, as in Anki."""
