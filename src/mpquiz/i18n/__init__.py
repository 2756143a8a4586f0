"""The one translation layer: every user-facing string is looked up here by key."""

from __future__ import annotations

import locale
import os
from typing import TYPE_CHECKING

from mpquiz.i18n.messages import MESSAGES

if TYPE_CHECKING:
    from mpquiz.core.refusal import Refusal

LANGUAGES = ("es", "en")


def t(key: str, lang: str, /, **params: object) -> str:
    """The message `key` in `lang` (English as fallback), formatted with `params`."""
    entry = MESSAGES.get(key)
    if entry is None:
        raise KeyError(f"no message {key!r}")
    template = entry.get(lang) or entry["en"]
    return template.format(**params) if params else template


def reason(refusal: Refusal | None, lang: str) -> str:
    """Why something did not happen (a core.refusal.Refusal), in words."""
    if refusal is None:
        return t("demo.no_demo", lang)
    return t(refusal.key, lang, **refusal.params)


def system_language() -> str:
    """ "es" when the system locale is Spanish, else "en"."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var, "")
        if value:
            return "es" if value.lower().startswith("es") else "en"
    code = locale.getlocale()[0] or ""
    return "es" if code.lower().startswith("es") else "en"


def pick_language(*choices: str | None) -> str:
    """The first supported language among `choices`, else the system's."""
    for choice in choices:
        if choice in LANGUAGES:
            return choice
    return system_language()
