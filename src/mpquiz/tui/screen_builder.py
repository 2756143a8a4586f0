"""Each screen built with what it needs, from the app's Services: the one place where the
app's screens meet the rest of mpquiz. Screens get sessions, figures and shelves through
their constructors and never reach for the services, the store or the demo launcher.

Every builder but the home screen's and the first review's reads the database, so the
app calls them once it is open (MpquizApp.open_screen waits for that).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.screen import Screen

    from mpquiz.services import Services
    from mpquiz.session.exam import ExamSettings
    from mpquiz.session.first_look import FirstLook
    from mpquiz.session.review import ReviewSession
    from mpquiz.tui.app import ReviewScope


class ScreenBuilder:
    """Builds the app's screens from Services."""

    def __init__(self, services: Services, backend: Callable[[], Awaitable[None]]) -> None:
        """`backend` waits until the database is open."""
        self.services = services
        self._backend = backend

    def home(self) -> Screen[None]:
        """The home screen (its figures are read once the database is open)."""
        from mpquiz.tui.screens.home import HomeScreen

        return HomeScreen(self.services.dashboard, self.services.optimize)

    def review(self, scope: ReviewScope, first_look: FirstLook | None = None) -> Screen[None]:
        """A review screen for `scope`, starting from `first_look` when there is one."""
        from mpquiz.tui.screens.review import ReviewScreen

        async def open_session() -> ReviewSession:
            if first_look is not None:  # its queue and question, painted: not read again
                # In a thread: keys pressed meanwhile are taken (an answer given early).
                return await asyncio.to_thread(self.services.early_review_session, first_look)
            await self._backend()
            return self.services.review_session(
                pack_id=scope.pack_id, topic=scope.topic, new_per_day=scope.new_per_day
            )

        return ReviewScreen(scope, open_session, first_look)

    def exam_setup(self, preset: ExamSettings | None, seed: int | None) -> Screen[None]:
        """The exam form, filled from `preset`, listing the topics it may draw from."""
        from mpquiz.tui.screens.exam_setup import ExamSetupScreen

        pack_id = preset.pack_id if preset else None
        topics = [t for t in self.services.dashboard().topics if pack_id in (None, t.pack_id)]
        return ExamSetupScreen(preset, topics, self.services.exam_session, seed)

    def stats(self) -> Screen[None]:
        """The statistics, read now."""
        from mpquiz.tui.screens.stats import StatsScreen

        clock = self.services.clock
        now = clock.now()
        today = (now.astimezone(clock.zone) if clock.zone else now.astimezone()).date()
        return StatsScreen(self.services.history(), today, clock.zone)

    def packs(self) -> Screen[None]:
        """The installed packs."""
        from mpquiz.tui.screens.packs import PacksScreen

        return PacksScreen(self.services.pack_shelf())

    def curve(self, name: str) -> Screen[bool]:
        """The forgetting curve of the question called `name` (PACK:ID)."""
        from mpquiz.tui.screens.curve import CurveScreen

        return CurveScreen(self.services.forgetting_curve(name))

    def class_items(self) -> Screen[None]:
        """For instructors: the item analysis of the class sharing this database."""
        from mpquiz.tui.screens.class_items import ClassItemsScreen

        packs = [p.id for p in self.services.store.packs()]
        return ClassItemsScreen(self.services.class_report, packs)

    def demos(self, pack_id: str | None = None) -> Screen[None]:
        """The demo browser, on `pack_id`'s demos first."""
        from mpquiz.tui.screens.demos import DemosScreen

        return DemosScreen(self.services.pack_shelf(), pack_id)
