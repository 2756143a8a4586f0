"""What every mpquiz screen shares: the app's services, its language, localized keys."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual.screen import ModalScreen, Screen

from mpquiz.i18n import t
from mpquiz.tui.keys import localize_bindings

if TYPE_CHECKING:
    from mpquiz.services import Services
    from mpquiz.tui.app import MpquizApp


class AppAccess:
    """Access to the running MpquizApp for screens (a mixin)."""

    app: object

    @property
    def mpq(self) -> MpquizApp:
        """The running app, typed."""
        return cast("MpquizApp", self.app)

    @property
    def services(self) -> Services:
        """Everything the screens drive: sessions, dashboard, packs, trust."""
        return self.mpq.services

    @property
    def lang(self) -> str:
        """The learner's language."""
        return self.mpq.lang

    def say(self, key: str, /, **params: object) -> str:
        """A message in the learner's language."""
        return t(key, self.lang, **params)


class BaseScreen(AppAccess, Screen[None]):
    """A full screen of the app, with its keys' descriptions in the learner's language."""

    HELP_KEY: ClassVar[str] = "tui.help.home"
    """The message that explains this screen on the help screen."""

    def __init__(self) -> None:
        super().__init__()
        localize_bindings(self, self.lang)

    def action_help(self) -> None:
        """Show this screen's keys."""
        from mpquiz.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self))

    def action_home(self) -> None:
        """Back to the home screen."""
        self.mpq.go_home()


class BaseModal(AppAccess, ModalScreen[bool]):
    """A dialog over the current screen; dismissed with True (confirmed) or False."""

    def __init__(self) -> None:
        super().__init__()
        localize_bindings(self, self.lang)
