"""Builds the app from Services: one way in for the command line and for the tests."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mpquiz.tui.app import MpquizApp, ReviewScope

if TYPE_CHECKING:
    from mpquiz.services import Services
    from mpquiz.session.exam import ExamSettings

STARTS = ("home", "review", "exam")


def build_app(
    services: Services,
    *,
    start: str = "home",
    pack_id: str | None = None,
    topic: str | None = None,
    new_per_day: int | None = None,
    exam: ExamSettings | None = None,
    exam_seed: int | None = None,
) -> MpquizApp:
    """The app on `services`, opening on `start`.

    "home"; "review", narrowed by pack, topic and new questions as given; or "exam",
    the exam form filled from `exam`.

    Raises:
        ValueError: an unknown start screen.
    """
    if start not in STARTS:
        raise ValueError(f"unknown start screen {start!r} (use one of {', '.join(STARTS)})")
    return MpquizApp(
        services,
        start=start,
        scope=ReviewScope(pack_id=pack_id, topic=topic, new_per_day=new_per_day),
        exam=exam,
        exam_seed=exam_seed,
    )


def run_app(services: Services, **options: object) -> None:
    """Build the app (see build_app) and run it in this terminal until the learner quits."""
    build_app(services, **options).run()  # type: ignore[arg-type]
