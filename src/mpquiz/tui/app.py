"""The mpquiz Textual app: holds the services and moves between screens."""

from __future__ import annotations

import asyncio
import signal
from typing import TYPE_CHECKING, ClassVar, NamedTuple

from textual.app import App
from textual.binding import Binding, BindingType
from textual.worker import Worker, WorkerState

from mpquiz import startup
from mpquiz.i18n import t
from mpquiz.tui.keys import localize_bindings
from mpquiz.tui.screen_builder import ScreenBuilder
from mpquiz.tui.screens.base import SCREENS_CSS

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.screen import Screen

    from mpquiz.services import Services
    from mpquiz.session.exam import ExamSettings
    from mpquiz.session.first_look import FirstLook


class ReviewScope(NamedTuple):
    """What `mpquiz review --pack/--topic/--new` narrowed the first review to."""

    pack_id: str | None = None
    topic: str | None = None
    new_per_day: int | None = None


class MpquizApp(App[None]):
    """Keyboard-first study app. Gets its backend (Services) through the constructor."""

    CSS_PATH = "app.tcss"
    TITLE = "mpquiz"
    ENABLE_COMMAND_PALETTE = False
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]  # noqa: RUF012 - Textual's own
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "tui.key.quit", show=False, priority=True),
    ]

    def __init__(
        self,
        services: Services,
        *,
        start: str = "home",
        scope: ReviewScope | None = None,
        exam: ExamSettings | None = None,
        exam_seed: int | None = None,
        deferred: bool = False,
        first_look: FirstLook | None = None,
    ) -> None:
        """`start` is "home", "review" or "exam" (its form filled from `exam`).

        `deferred`: the database is opened in the background once the first screen is
        painted (a review first shows `first_look`). `exam_seed` fixes every exam's draw.
        """
        super().__init__()
        if start != "review":  # the first screen is not pushed: Textual loads no CSS of it
            self.css_path.append(SCREENS_CSS)
        self.services = services
        self.screens = ScreenBuilder(services, self.backend)
        """Builds each screen with what it needs (the only user of `services` but this)."""
        self.start = start
        self.scope = scope or ReviewScope()
        self.exam = exam
        self.exam_seed = exam_seed
        self.deferred = deferred
        self.first_look = first_look
        self._looked = first_look is not None
        self.failure: BaseException | None = None
        """What stopped the background loading; the command line reports it on exit."""
        self._backend_ready = asyncio.Event()
        self._backend_loading = False
        localize_bindings(self, self.lang)

    @property
    def lang(self) -> str:
        """The learner's language: --lang, then settings, then the system locale."""
        return self.services.lang

    def say(self, key: str, /, **params: object) -> str:
        """A message in the learner's language."""
        return t(key, self.lang, **params)

    def get_default_screen(self) -> Screen[None]:
        """The first screen, at the bottom of the stack (`mpquiz review` and `mpquiz exam`
        skip home): styled and laid out once, with no blank screen beneath it."""
        if self.start == "review":
            screen = self.screens.review(self.scope, self.take_first_look())
        elif self.start == "exam":
            screen = self.screens.exam_setup(self.exam, self.exam_seed)
        else:
            screen = self.screens.home()
        # As push_screen gives it (textual 8.2, pinned): switch_screen takes it back.
        screen._push_result_callback(self, None)
        return screen

    async def on_mount(self) -> None:
        """If deferred, load the database in a thread while the learner reads the first
        screen (after a first look, the review screen starts that once its sitting holds
        the question)."""
        if self.deferred and not self._looked:
            self.call_after_refresh(self.load_backend)
        elif not self.deferred:
            self._backend_ready.set()
            self.call_after_refresh(startup.resume)  # up: the collector is back
        self._catch_termination()
        self._show_notices()

    def _show_notices(self) -> None:
        """What opening the database told the learner (an empty file made anew)."""
        from mpquiz.tui.formatting import literal

        for message in self.services.notices:
            self.notify(literal(message), severity="warning", timeout=30)

    def _catch_termination(self) -> None:
        """SIGTERM and SIGHUP (the terminal closed) quit as ctrl+q does, keeping an answer
        already given; Python's default would end at once and lose it."""
        if self.is_headless or not hasattr(signal, "SIGHUP"):
            return
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGHUP):
            try:
                loop.add_signal_handler(signum, self._terminated)
            except (RuntimeError, ValueError, NotImplementedError):  # not the main thread
                return

    def _terminated(self) -> None:
        self.call_later(self.action_quit)

    def load_backend(self) -> None:
        """Open the database in a thread, if the app started before it (once)."""
        if not self.deferred or self._backend_loading:
            return
        self._backend_loading = True
        self.run_worker(self._warm, name="backend", thread=True, exit_on_error=False)

    def _warm(self) -> None:
        self.services.warm()
        # Set from here, not on the worker's message: a key's action may be awaiting it
        # (a rating waiting to be written), and the app handles its messages one by one.
        self.call_from_thread(self._backend_ready.set)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The background loading finished (the screens were let go on by _warm itself):
        the collector is back; on an error, leave with it."""
        if event.worker.name != "backend":
            return
        if event.state in (WorkerState.SUCCESS, WorkerState.ERROR):
            startup.resume()  # loaded: the collector is back (mpquiz.startup)
        if event.state is WorkerState.ERROR:
            self.failure = event.worker.error
            self.exit(return_code=1)

    async def backend(self) -> None:
        """Wait until the database is open (at once unless the app started deferred)."""
        await self._backend_ready.wait()

    @property
    def backend_ready(self) -> bool:
        """True once the database is open."""
        return self._backend_ready.is_set()

    def take_first_look(self) -> FirstLook | None:
        """The question read before the database opened, for the first review screen only."""
        look, self.first_look = self.first_look, None
        return look

    def go_home(self) -> None:
        """Back to the home screen (it is built on first need when the app started elsewhere)."""
        from mpquiz.tui.screens.home import HomeScreen

        if any(isinstance(s, HomeScreen) for s in self.screen_stack):
            while not isinstance(self.screen, HomeScreen):
                self.pop_screen()
        else:
            self.switch_screen(self.screens.home())

    async def open_screen(self, name: str, *, pack_id: str | None = None) -> None:
        """Open "review", "exam", "stats", "packs", "demos" (on `pack_id`'s demos) or
        "class" (the instructor's item analysis) once
        the database is open (the app may have started before it)."""
        await self.backend()
        builders: dict[str, Callable[[], Screen[None]]] = {
            "review": lambda: self.screens.review(ReviewScope()),
            "exam": lambda: self.screens.exam_setup(None, self.exam_seed),
            "stats": self.screens.stats,
            "packs": self.screens.packs,
            "demos": lambda: self.screens.demos(pack_id),
            "class": self.screens.class_items,
        }
        await self.push_screen(builders[name]())

    async def action_quit(self) -> None:
        """Quit, first committing what the open screens hold (an answer given, an exam)."""
        for screen in reversed(self.screen_stack):
            keep = getattr(screen, "keep_answers", None)
            if keep is not None:
                await keep()
        self.exit()

    def action_help_quit(self) -> None:
        """Ctrl+C (Textual's copy key) says how to quit, in the learner's language."""
        for key, active in self.active_bindings.items():
            if active.binding.action in ("quit", "app.quit"):
                key_shown = self.get_key_display(active.binding) or key
                self.notify(
                    self.say("tui.quit_hint.text", key=key_shown),
                    title=self.say("tui.quit_hint.title"),
                )
                return
