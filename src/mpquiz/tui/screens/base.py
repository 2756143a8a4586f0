"""What every mpquiz screen shares: the app's services, its language, localized keys."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, cast

from textual.binding import Binding
from textual.screen import ModalScreen, Screen
from textual.widgets._toast import ToastRack

from mpquiz.i18n import t
from mpquiz.tui.formatting import literal as literal_text
from mpquiz.tui.keys import localize_bindings
from mpquiz.tui.widgets.status_line import Tell

if TYPE_CHECKING:
    from textual import events
    from textual._path import CSSPathType
    from textual.app import App
    from textual.geometry import Size
    from textual.widget import Widget

    from mpquiz.tui.app import MpquizApp

SCREENS_CSS = Path(__file__).with_name("screens.tcss")
"""The rules of every screen but the review's (those are in the app's app.tcss)."""


class _InApp(Protocol):
    @property
    def app(self) -> App[Any]: ...


def _mpq(node: _InApp) -> MpquizApp:
    return cast("MpquizApp", node.app)


class AppAccess:
    """The running MpquizApp, its language and its messages, for screens (a mixin).

    Screens get what they show through their constructors (tui.screen_builder); the app
    itself is there for navigation and for waiting until the database is open.
    """

    @property
    def mpq(self: _InApp) -> MpquizApp:
        """The running app, typed."""
        return _mpq(self)

    @property
    def lang(self: _InApp) -> str:
        """The learner's language."""
        return _mpq(self).lang

    def say(self: _InApp, key: str, /, **params: object) -> str:
        """A message in the learner's language."""
        return t(key, _mpq(self).lang, **params)


class BaseScreen(AppAccess, Screen[None]):
    """A full screen of the app, with its keys' descriptions in the learner's language."""

    CSS_PATH: ClassVar[CSSPathType | None] = SCREENS_CSS
    """The screens' rules, loaded by Textual with the first screen that names them (the
    review names none: its rules are the app's, parsed before the first frame)."""
    HELP_KEY: ClassVar[str] = "tui.help.home"
    """The message that explains this screen on the help screen."""

    def __init__(self) -> None:
        super().__init__(classes=_breakpoint(self))
        localize_bindings(self, self.lang)

    def _extend_compose(self, widgets: list[Widget]) -> None:
        """Textual's own widgets (the toasts' rack, the tooltip), the rack hidden inline
        from the start: each screen sets it so when it opens with no toasts, which would
        otherwise lay the whole screen out again right after its first frame."""
        super()._extend_compose(widgets)
        for widget in widgets:
            if isinstance(widget, ToastRack):
                widget.display = False

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        """A screen's first resume does not restyle it (Screen's own handler runs next):
        its widgets were styled as they mounted, just before. Textual restyles the whole
        screen at every resume; the later ones may follow a change (a theme, a dialog's
        classes) and still do."""
        if self.stack_updates == 0:  # counted by Screen's handler, at each resume and suspend
            event.refresh_styles = False

    def _screen_resized(self, size: Size) -> None:
        """Lay the screen out again only when its size is new, as Textual (8.2) does when
        a screen resumes: at a resize event it lays the whole screen out whatever the
        size, and a new app gets three at the same size right after its first frame; a
        change at the same size asks for its own layout."""
        if size != self._size:
            super()._screen_resized(size)

    def tell(self, text: str, severity: str = "information") -> None:
        """Say `text` on this screen's status line (the line above the keys, where it hides
        nothing), or as a toast on a screen without one."""
        from mpquiz.tui.widgets.status_line import StatusLine

        found = self.query(StatusLine)
        if found:
            found.first().say(text, severity)
        else:
            self.notify(literal_text(text), severity=severity)  # type: ignore[arg-type]

    def tell_clear(self) -> None:
        """Clear the status line (a new question is on screen)."""
        from mpquiz.tui.widgets.status_line import StatusLine

        for line in self.query(StatusLine):
            line.clear()

    def on_tell(self, message: Tell) -> None:
        """A widget's word for the learner."""
        message.stop()
        self.tell(message.text, message.severity)

    def action_help(self) -> None:
        """Show this screen's keys."""
        from mpquiz.tui.screens.help import HelpScreen

        # What works here and now: the focused widget's keys (an answer's 1-4, Space),
        # the screen's that its phase allows, not those of a later stage.
        active = [
            a.binding
            for a in self.app.active_bindings.values()
            if a.enabled and _declared_by_mpquiz(a.node, a.binding)
        ]
        self.app.push_screen(HelpScreen(self, active))

    def action_home(self) -> None:
        """Back to the home screen."""
        self.mpq.go_home()


class BaseModal(AppAccess, ModalScreen[bool]):
    """A dialog over the current screen; dismissed with True (confirmed) or False."""

    CSS_PATH: ClassVar[CSSPathType | None] = SCREENS_CSS

    def __init__(self) -> None:
        super().__init__()
        localize_bindings(self, self.lang)


def _breakpoint(screen: Screen[None]) -> str:
    """The classes Textual gives a screen of the app's size (its breakpoints), chosen as
    Textual chooses them at a resize, given now: set on the first resize instead, they
    would restyle the whole screen."""
    app = screen.app
    width, height = app.size
    across = screen.HORIZONTAL_BREAKPOINTS
    across = (app.HORIZONTAL_BREAKPOINTS if across is None else across) or []
    down = screen.VERTICAL_BREAKPOINTS
    down = (app.VERTICAL_BREAKPOINTS if down is None else down) or []
    found = screen._get_breakpoint_classes(width, across)
    found |= screen._get_breakpoint_classes(height, down)
    return " ".join(sorted(found))


def _declared_by_mpquiz(node: object, binding: Binding) -> bool:
    """True for a key mpquiz gave (not Textual's own: focus, copy, scroll)."""
    for cls in type(node).__mro__:
        if not cls.__module__.startswith("mpquiz."):
            continue
        for declared in cls.__dict__.get("BINDINGS", ()):
            keys = declared.key.split(",") if isinstance(declared, Binding) else []
            if declared.action == binding.action and binding.key in (k.strip() for k in keys):
                return True
    return False
