"""True retention: of the reviews of cards in review state, the share recalled.

FSRS aims each review at the desired retention (the probability of recall when a card
falls due); the true retention is what the learner did: among the reviews of cards that
had graduated (FSRS's Review state, not learning or relearning), the share answered
anything but Again. Anki shows the same figure. Counted in all, per topic and per week.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import TypeVar

from mpquiz.core.scheduling import Rating


def recalled(rating: int) -> bool:
    """True for an answer that recalled the card: any rating but Again."""
    return rating != int(Rating.Again)


@dataclass(frozen=True)
class Tally:
    """Reviews of cards in review state, and how many were recalled."""

    reviews: int = 0
    recalled: int = 0

    @property
    def rate(self) -> float | None:
        """The share recalled (None before the first such review)."""
        return self.recalled / self.reviews if self.reviews else None

    def add(self, recalled: bool) -> Tally:
        """This tally with one review more."""
        return Tally(self.reviews + 1, self.recalled + int(recalled))


K = TypeVar("K", bound=Hashable)


def tally_by(reviews: Iterable[tuple[datetime, bool, K]]) -> dict[K, Tally]:
    """A tally per key of (when, recalled, key) rows, in the order keys first appear."""
    out: dict[K, Tally] = {}
    for _at, recalled, key in reviews:
        out[key] = out.get(key, Tally()).add(recalled)
    return out


def week_of(at: datetime, zone: tzinfo | None) -> str:
    """The ISO week of `at` in the learner's zone (local when None): "2026-W10"."""
    local: date = (at.astimezone(zone) if zone else at.astimezone()).date()
    year, week, _day = local.isocalendar()
    return f"{year}-W{week:02d}"


def weekly(reviews: Iterable[tuple[datetime, bool]], zone: tzinfo | None) -> dict[str, Tally]:
    """A tally per ISO week (weeks without such reviews are absent), oldest first."""
    keyed = ((at, recalled, week_of(at, zone)) for at, recalled in reviews)
    return dict(sorted(tally_by(keyed).items()))


def overall(reviews: Iterable[bool]) -> Tally:
    """One tally of every review."""
    total = Tally()
    for recalled in reviews:
        total = total.add(recalled)
    return total
