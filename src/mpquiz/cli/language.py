"""The command line in the learner's language: help, and Click's and Typer's own messages.

Commands are defined at import, before anyone knows the language of this run, so their
help texts are message keys (context.h); `localize` puts each in the run's language on the
Click command tree that Typer builds for the run. Click and Typer speak through
gettext's module-level functions; `speak` points those at mpquiz's catalogs. (Help is
Click's plain format, `rich_markup_mode=None`: Typer's Rich panels would add type labels
such as `<bool>` to flags and translate their headings only at import.)
"""

from __future__ import annotations

import importlib
import os
import re
from collections.abc import Sequence

import click

from mpquiz.i18n import LANGUAGES, click_plural, click_text, has_message, pick_language, t

# The modules whose messages a learner can see (tools/i18n.py extracts the same ones).
_SPEAKING_MODULES = (
    "click.core",
    "click.decorators",
    "click.exceptions",
    "click.formatting",
    "click.parser",
    "click.types",
    "click.termui",
    "click.utils",
    "typer.core",
)


def cli_language(argv: Sequence[str]) -> str:
    """The language of this run, read before the command line is parsed: --lang, then the
    settings file's language (--config or the default one), then MPQUIZ_LANG, then the
    system locale, as Services.lang decides it."""
    option = _option_value(argv, "--lang")
    if option in LANGUAGES:
        return option
    return pick_language(option, _settings_language(_option_value(argv, "--config")))


def _option_value(argv: Sequence[str], name: str) -> str | None:
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == name and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith(name + "="):
            return arg.split("=", 1)[1]
    return None


def _settings_language(config: str | None) -> str | None:
    from pathlib import Path

    from mpquiz import paths
    from mpquiz.core.errors import MpquizError
    from mpquiz.settings import load_settings

    try:
        settings = load_settings(Path(config) if config else paths.config_file())
    except (MpquizError, OSError):
        return os.environ.get("MPQUIZ_LANG")  # the command itself reports the bad file
    return settings.language or os.environ.get("MPQUIZ_LANG")


def speak(lang: str) -> None:
    """Make Click's and Typer's own messages (errors, "Usage:", "Show this message and
    exit.") come out in `lang`."""

    def gettext(message: str) -> str:
        return click_text(message, lang)

    def ngettext(singular: str, plural: str, count: int) -> str:
        return click_plural(singular, plural, count, lang)

    for name in _SPEAKING_MODULES:
        module = importlib.import_module(name)
        if hasattr(module, "_"):
            module._ = gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]


def localize(command: click.Command, lang: str) -> None:
    """Put every help text of `command` and its subcommands in `lang`."""
    for attr in ("help", "epilog", "short_help"):
        setattr(command, attr, _text(getattr(command, attr), lang))
    for param in command.params:
        if isinstance(param, click.Option | click.Argument):
            param.help = _text(getattr(param, "help", None), lang)  # type: ignore[union-attr]
        _without_range(param)
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            localize(sub, lang)


def _text(value: str | None, lang: str) -> str | None:
    if value and has_message(value):
        return t(value, lang)
    return value


def _without_range(param: click.Parameter) -> None:
    """Leave Click's "[default: 10; 1<=x<=200]" without its range: the help text says it in
    words ("from 1 to 200"), and an out-of-range value's error still gives it."""
    kind = param.type
    if not isinstance(kind, click.types._NumberRangeBase):
        return
    shown = kind._describe_range()
    original = param.get_help_record

    def record(ctx: click.Context) -> tuple[str, str] | None:
        found = original(ctx)
        if found is None:
            return None
        words, extras = found[1], ""
        match = _EXTRAS.search(words)
        if match:
            words = words[: match.start()]
            kept = [e for e in match.group(1).split("; ") if e != shown]
            extras = f"  [{'; '.join(kept)}]" if kept else ""
        return found[0], words + extras

    param.get_help_record = record  # type: ignore[method-assign]


_EXTRAS = re.compile(r"\s*\[([^\[\]]*)\]$")  # Click's "[default: 10; 1<=x<=200]" at the end
