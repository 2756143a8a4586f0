"""Hints for pack problems: close spellings, the fields each kind takes, the valid values."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from mpquiz.packs.schema import KIND_MODELS, PackMeta

KINDS: tuple[str, ...] = tuple(KIND_MODELS)
"""The question kinds, in the order the docs present them."""


def fields_of(kind: str) -> list[str]:
    """The fields a question of `kind` may have."""
    return list(KIND_MODELS[kind].model_fields)


ALL_QUESTION_FIELDS: frozenset[str] = frozenset(f for k in KINDS for f in fields_of(k))
PACK_FIELDS: tuple[str, ...] = tuple(PackMeta.model_fields)


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """ "did you mean 'x'?" for the closest choice, or None when nothing is close."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None


def kinds_owning(field: str) -> list[str]:
    """The kinds whose questions take `field`."""
    return [k for k in KINDS if field in KIND_MODELS[k].model_fields]


def unknown_question_field(field: str, kind: str | None) -> tuple[str, str | None]:
    """Message and hint for a field a question of `kind` does not take."""
    owners = kinds_owning(field)
    if owners and kind in KINDS:
        where = " and ".join(owners)
        message = f"unknown field for a {kind} question: '{field}' only applies to {where}"
        hint = f"remove it, or change kind to {' or '.join(repr(o) for o in owners)}"
        return message, hint
    known = fields_of(kind) if kind in KINDS else sorted(ALL_QUESTION_FIELDS)
    hint = did_you_mean(field, known) or f"fields of this kind: {', '.join(known)}"
    return "unknown field", hint


def unknown_nested_field(field: str, known: Iterable[str]) -> tuple[str, str | None]:
    """Message and hint for an unknown key inside an option or a numeric answer table."""
    known = list(known)
    return "unknown field", did_you_mean(field, known) or f"allowed here: {', '.join(known)}"


def kind_hint(value: object) -> str:
    """The valid kinds, and the closest one to what was written."""
    listed = f"valid kinds: {', '.join(KINDS)}"
    close = did_you_mean(value, KINDS) if isinstance(value, str) else None
    return f"{close} {listed}" if close else listed


def choice_hint(value: str, choices: Iterable[str], what: str) -> str:
    """ "did you mean ...?" among `choices`, else the list of them."""
    choices = sorted(choices)
    shown = ", ".join(choices[:20]) + (", …" if len(choices) > 20 else "")
    return did_you_mean(value, choices) or f"{what}: {shown or 'none'}"


PATTERN_HINTS: dict[str, str] = {
    "question.id": "letters, digits, '.', '_' and '-', starting with a letter or digit "
    "(e.g. 'lock.race-lost-updates'), at most 120 characters",
    "pack.id": "lowercase letters, digits, '.', '_' and '-', starting with a letter or digit, "
    "at most 80 characters",
    "topic.id": "lowercase letters, digits, '.', '_' and '-', starting with a letter or digit",
    "demo": "a file name in demos/ ending in .py, without folders (e.g. 'race_counter.py')",
    "version": "dotted integers such as '1.0.0', at most 9 digits each",
}


NUMERIC_KEY_HINT = (
    "answer = 4, answer = { value = 0.5, tolerance = 0.05 } or answer = { min = 1, max = 3 }"
)


def localized_hint(languages: Iterable[str]) -> str:
    """How a localized text is written, with the pack's languages."""
    langs = ", ".join(f'{lang} = "..."' for lang in languages)
    return "a text in quotes, or one per language: { " + langs + " }"


def numeric_key_hint() -> str:
    """How a numeric key is written."""
    return NUMERIC_KEY_HINT
