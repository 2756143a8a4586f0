"""Help text in the user's language and the shared per-invocation state."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from mpquiz.i18n import has_message, pick_language

if TYPE_CHECKING:
    from mpquiz.services import Services


_RUN_LANGUAGE: list[str] = []


def set_run_language(lang: str) -> None:
    """Record the language this run speaks (main.run decides it before parsing)."""
    _RUN_LANGUAGE[:] = [lang]


def help_lang() -> str:
    """The language of this run's command line: what main.run decided, else MPQUIZ_LANG,
    else the system locale."""
    return _RUN_LANGUAGE[0] if _RUN_LANGUAGE else pick_language(os.environ.get("MPQUIZ_LANG"))


def h(key: str) -> str:
    """A help text, given as its message key: language.localize puts it in the language
    of the run once that is known (commands are defined at import, before)."""
    if not has_message(key):
        raise KeyError(f"no message {key!r}")
    return key


@dataclass
class Options:
    """The global options; the Services they describe are built on first use."""

    db_url: str | None = None
    lang_option: str | None = None
    learner: str | None = None
    config_path: Path | None = None
    built: Services | None = field(default=None, init=False)

    def close(self) -> None:
        """Release what was built."""
        if self.built is not None:
            self.built.close()


def services(ctx: typer.Context) -> Services:
    """The Services for this invocation (imports storage only when a command needs it)."""
    from mpquiz.services import Services

    options: Options = ctx.find_root().obj
    if options.built is None:
        options.built = Services(
            db_url=options.db_url,
            lang_option=options.lang_option,
            learner=options.learner,
            config_path=options.config_path,
        )
    return options.built


def opened(ctx: typer.Context, *, as_learner: bool = True) -> Services:
    """The Services for this invocation, with its database open (Services.open); without
    `as_learner` (an instructor's command) no learner row is made."""
    svc = services(ctx)
    svc.open(as_learner=as_learner)
    return svc
