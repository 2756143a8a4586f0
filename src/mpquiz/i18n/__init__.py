"""The one translation layer: gettext catalogs, looked up by stable message keys.

Every user-facing message has a key ("review.done"); each language's catalog is
mpquiz/locale/<lang>/LC_MESSAGES/mpquiz.mo, compiled from the .po beside it (`make i18n`).
English is the source catalog and the fallback of every other language. A language is
supported when its catalog is there: adding one needs no change of code
(docs/translating.md).
"""

from __future__ import annotations

import gettext
import locale
import os
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mpquiz.core.refusal import Refusal

DOMAIN = "mpquiz"
LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"
SOURCE_LANGUAGE = "en"


def _installed_languages() -> tuple[str, ...]:
    """Every language with a compiled catalog, Spanish (the course's own) first."""
    found = sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo"))
    return tuple(sorted(found, key=lambda lang: (lang != "es", lang != SOURCE_LANGUAGE, lang)))


LANGUAGES: tuple[str, ...] = _installed_languages()


@cache
def catalog(lang: str) -> gettext.NullTranslations:
    """The translations of `lang` (English behind them); English's own for unknown ones."""
    english = _load(SOURCE_LANGUAGE)
    if lang == SOURCE_LANGUAGE or lang not in LANGUAGES:
        return english
    translations = _load(lang)
    translations.add_fallback(english)
    return translations


def _load(lang: str) -> gettext.NullTranslations:
    path = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
    with path.open("rb") as f:
        return gettext.GNUTranslations(f)


def t(key: str, lang: str, /, **params: object) -> str:
    """The message `key` in `lang` (English as fallback), formatted with `params`."""
    template = catalog(lang).gettext(key)
    if template == key:
        raise KeyError(f"no message {key!r}")
    return template.format(**params) if params else template


def tn(key: str, count: int, lang: str, /, **params: object) -> str:
    """The message `key` in the plural form `count` takes in `lang`, formatted with
    `params` (which name the count themselves, as the message does)."""
    template = catalog(lang).ngettext(key, key, count)
    if template == key:
        raise KeyError(f"no message {key!r}")
    return template.format(**params)


def click_text(message: str, lang: str) -> str:
    """One of Click's or Typer's own English messages, in `lang` (itself when untranslated)."""
    return catalog(lang).gettext(message)


def click_plural(singular: str, plural: str, count: int, lang: str) -> str:
    """One of Click's counted messages in `lang`."""
    return catalog(lang).ngettext(singular, plural, count)


def reason(refusal: Refusal | None, lang: str) -> str:
    """Why something did not happen (a core.refusal.Refusal), in words."""
    if refusal is None:
        return t("demo.no_demo", lang)
    return t(refusal.key, lang, **refusal.params)


def language_of_locale(value: str) -> str | None:
    """The supported language a locale name ("es_ES.UTF-8", "es") speaks, if any."""
    code = value.split(":")[0].split("_")[0].split(".")[0].lower()
    return code if code in LANGUAGES else None


def system_language() -> str:
    """The system locale's language when mpquiz speaks it, else English."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var, "")
        if value:
            return language_of_locale(value) or SOURCE_LANGUAGE
    return language_of_locale(locale.getlocale()[0] or "") or SOURCE_LANGUAGE


def pick_language(*choices: str | None) -> str:
    """The first supported language among `choices`, else the system's."""
    for choice in choices:
        if choice in LANGUAGES:
            return choice
    return system_language()


def has_message(key: str) -> bool:
    """Whether `key` names a message."""
    return catalog(SOURCE_LANGUAGE).gettext(key) != key
