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
import struct
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar, runtime_checkable

if TYPE_CHECKING:  # imported where used: the first frame needs only t()
    from mpquiz.core.errors import MpquizError
    from mpquiz.core.refusal import Refusal
    from mpquiz.core.verdict import Note

E = TypeVar("E", bound="MpquizError")

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
    """The message `key` in `lang` (English as fallback), formatted with `params`.

    A counted message (a plural entry: its msgid_plural names the field that counts, as
    `msgid "pack.trust.done"` / `msgid_plural "count"`) takes the plural form that field's
    value calls for in `lang`, by gettext's ngettext. Braces meant as braces are doubled in
    every message, as str.format has them (`proof = {{ line = "..." }}`), with fields or
    without.
    """
    translations = catalog(lang)
    field = counted_field(key)
    if field is None:
        template = translations.gettext(key)
    else:
        template = translations.ngettext(key, field, _plural_count(params.get(field, 0)))
    if template in (key, field):
        raise KeyError(f"no message {key!r}")
    if params:
        return template.format(**params)
    return template.replace("{{", "{").replace("}}", "}")  # no fields to fill: never raises


def counted_field(key: str) -> str | None:
    """The field whose value decides the plural form of `key`; None for a plain message."""
    return _counted_fields().get(key)


@cache
def _counted_fields() -> dict[str, str]:
    """{key: count field} of every plural entry of the English catalog, read from the
    .mo's original strings ("key\0field"), which gettext's own parser drops."""
    data = (LOCALE_DIR / SOURCE_LANGUAGE / "LC_MESSAGES" / f"{DOMAIN}.mo").read_bytes()
    order = "<" if data[:4] == b"\xde\x12\x04\x95" else ">"
    count, originals = struct.unpack(order + "4x4xII", data[:16])
    found: dict[str, str] = {}
    for i in range(count):
        length, offset = struct.unpack(
            order + "II", data[originals + 8 * i : originals + 8 * i + 8]
        )
        original = data[offset : offset + length]
        if b"\0" in original:
            key, field = original.decode("utf-8").split("\0", 1)
            found[key] = field
    return found


def _plural_count(value: object) -> int:
    """A count for ngettext: whole numbers as they are, others as "one" only when 1."""
    if isinstance(value, int):
        return value
    try:
        number = float(str(value))
    except ValueError:
        return 2
    return int(number) if number.is_integer() else 2


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


@runtime_checkable
class Worded(Protocol):
    """Something that puts itself into words in a language (a pack's problem)."""

    def in_language(self, lang: str, /) -> str:
        """Its words in `lang`."""
        ...


def words(message: Note | Refusal, lang: str) -> str:
    """A message carried as data, a key and its fields (a core.verdict.Note, a Refusal),
    in `lang`. A field that is a message too (a Note, a Refusal, something Worded) is
    put into words first, in the same language."""
    return _worded(message.key, lang, dict(message.params))


def keyed(kind: type[E], key: str, /, **params: object) -> E:
    """The error `kind` whose message is `key` with `params`, worded in the learner's
    language where it is shown (error_text); its str() is the English. A Refusal or a
    Note among the params is a message of its own (a reason, a hint), worded in the same
    language."""
    return kind(_worded(key, SOURCE_LANGUAGE, params), key=key, params=params)


def error_text(exc: BaseException, lang: str) -> str:
    """What went wrong, in `lang`: a keyed error's message (see keyed), else str(exc)."""
    from mpquiz.core.errors import MpquizError

    if isinstance(exc, MpquizError) and exc.key is not None:
        return _worded(exc.key, lang, exc.params)
    return str(exc)


def _worded(key: str, lang: str, params: dict[str, object]) -> str:
    return t(key, lang, **{name: _word(value, lang) for name, value in params.items()})


def _word(value: object, lang: str) -> object:
    """A field's value as the message shows it: a message of its own put into words."""
    from mpquiz.core.refusal import Refusal
    from mpquiz.core.verdict import Note

    if isinstance(value, Note | Refusal):
        return words(value, lang)
    if isinstance(value, Worded):
        return value.in_language(lang)
    return value


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
