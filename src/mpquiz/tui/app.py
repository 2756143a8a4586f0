"""The mpquiz Textual app: holds the services and moves between screens."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual.app import App
from textual.binding import Binding, BindingType

from mpquiz.i18n import t
from mpquiz.tui.keys import localize_bindings

if TYPE_CHECKING:
    from mpquiz.services import Services
    from mpquiz.session.exam import ExamSettings


@dataclass(frozen=True)
class ReviewScope:
    """What `mpquiz review --pack/--topic/--new` narrowed the first review to."""

    pack_id: str | None = None
    topic: str | None = None
    new_per_day: int | None = None


class MpquizApp(App[None]):
    """Keyboard-first study app. Gets its backend (Services) through the constructor."""

    CSS_PATH = "app.tcss"
    TITLE = "mpquiz"
    ENABLE_COMMAND_PALETTE = False
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (110, "-wide")]
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
    ) -> None:
        """`start` is "home", "review" or "exam" (its form filled from `exam`).

        `exam_seed` fixes every exam's draw (tests).
        """
        super().__init__()
        self.services = services
        self.start = start
        self.scope = scope or ReviewScope()
        self.exam = exam
        self.exam_seed = exam_seed
        localize_bindings(self, self.lang)

    @property
    def lang(self) -> str:
        """The learner's language: --lang, then settings, then the system locale."""
        return self.services.lang

    def say(self, key: str, /, **params: object) -> str:
        """A message in the learner's language."""
        return t(key, self.lang, **params)

    def on_mount(self) -> None:
        """Open the first screen; `mpquiz review` and `mpquiz exam` skip home."""
        if self.start == "review":
            from mpquiz.tui.screens.review import ReviewScreen

            self.push_screen(ReviewScreen(self.scope))
        elif self.start == "exam":
            from mpquiz.tui.screens.exam_setup import ExamSetupScreen

            self.push_screen(ExamSetupScreen(self.exam))
        else:
            from mpquiz.tui.screens.home import HomeScreen

            self.push_screen(HomeScreen())

    def go_home(self) -> None:
        """Back to the home screen (it is built on first need when the app started elsewhere)."""
        from mpquiz.tui.screens.home import HomeScreen

        if any(isinstance(s, HomeScreen) for s in self.screen_stack):
            while not isinstance(self.screen, HomeScreen):
                self.pop_screen()
        else:
            self.switch_screen(HomeScreen())

    async def action_quit(self) -> None:
        """Quit, first committing what the open screens hold (an answer given, an exam)."""
        for screen in reversed(self.screen_stack):
            keep = getattr(screen, "keep_answers", None)
            if keep is not None:
                await keep()
        self.exit()
