"""Builds the app from Services: one way in for the command line and for the tests."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mpquiz import startup
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
    fast_start: bool = False,
) -> MpquizApp:
    """The app on `services`, opening on `start`.

    "home"; "review", narrowed by pack, topic and new questions as given; or "exam",
    the exam form filled from `exam`. With `fast_start`, an SQLite database that needs no
    change on opening is opened in the background after the first screen is painted, and
    a review first shows the question read by a quick look (see Services.first_look);
    otherwise it is opened here, so its errors come before any screen.

    Raises:
        ValueError: an unknown start screen.
    """
    if start not in STARTS:
        raise ValueError(f"unknown start screen {start!r} (use one of {', '.join(STARTS)})")
    look = None
    deferred = False
    if fast_start and start != "exam":
        if start == "review":
            look = services.first_look(pack_id=pack_id, topic=topic, new_per_day=new_per_day)
        deferred = look is not None or (start == "home" and services.can_defer())
    services.quiet_notices = True  # the app shows them, and run_app prints them on exit
    if not deferred:
        services.open()  # now, so its errors come before any screen
    return MpquizApp(
        services,
        start=start,
        scope=ReviewScope(pack_id=pack_id, topic=topic, new_per_day=new_per_day),
        exam=exam,
        exam_seed=exam_seed,
        deferred=deferred,
        first_look=look,
    )


def run_app(services: Services, **options: object) -> None:
    """Build the app (see build_app) and run it in this terminal until the learner quits.

    Raises:
        StoreError, BadInput: the database failed while the app was loading it.
    """
    app = build_app(services, fast_start=True, **options)  # type: ignore[arg-type]
    try:
        app.run()
    finally:
        startup.resume()  # the app hands it back once up; not if it ended before that
        services.repeat_notices()  # the app's screen is gone: say them again here
    if app.failure is not None:
        raise app.failure
