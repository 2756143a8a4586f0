"""Help text in the user's language and the shared per-invocation state."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from mpquiz.i18n import pick_language, t

if TYPE_CHECKING:
    from mpquiz.services import Services


def help_lang() -> str:
    """The language of --help texts: MPQUIZ_LANG, else the system locale."""
    return pick_language(os.environ.get("MPQUIZ_LANG"))


def h(key: str) -> str:
    """A help text from the translation layer."""
    return t(key, help_lang())


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
