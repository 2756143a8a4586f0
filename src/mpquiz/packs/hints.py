"""Hints for pack problems (keyed, see packs.problems): close spellings, the fields each
kind takes, the valid values."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from mpquiz.core.verdict import Note
from mpquiz.packs.problems import both, either, listed
from mpquiz.packs.schema import KIND_MODELS, PackMeta

KINDS: tuple[str, ...] = tuple(KIND_MODELS)
"""The question kinds, in the order the docs present them."""


def fields_of(kind: str) -> list[str]:
    """The fields a question of `kind` may have."""
    return list(KIND_MODELS[kind].model_fields)


ALL_QUESTION_FIELDS: frozenset[str] = frozenset(f for k in KINDS for f in fields_of(k))
PACK_FIELDS: tuple[str, ...] = tuple(PackMeta.model_fields)


def did_you_mean(word: str, choices: Iterable[str]) -> Note | None:
    """ "did you mean 'x'?" for the closest choice, or None when nothing is close."""
    close = _closest(word, choices)
    return Note("pack.hint.did_you_mean", {"word": close}) if close is not None else None


def _closest(word: str, choices: Iterable[str]) -> str | None:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def kinds_owning(field: str) -> list[str]:
    """The kinds whose questions take `field`."""
    return [k for k in KINDS if field in KIND_MODELS[k].model_fields]


def unknown_question_field(field: str, kind: str | None) -> tuple[Note, Note | None]:
    """Message and hint for a field a question of `kind` does not take."""
    owners = kinds_owning(field)
    if owners and kind in KINDS:
        message = Note(
            "pack.problem.field_of_other_kinds",
            {"kind": kind, "field": field, "kinds": both(owners)},
        )
        hint = Note("pack.hint.change_kind", {"kinds": either([repr(o) for o in owners])})
        return message, hint
    known = fields_of(kind) if kind in KINDS else sorted(ALL_QUESTION_FIELDS)
    found = did_you_mean(field, known)
    return Note("pack.problem.unknown_field"), found or Note(
        "pack.hint.kind_fields", {"fields": ", ".join(known)}
    )


def unknown_nested_field(field: str, known: Iterable[str]) -> tuple[Note, Note | None]:
    """Message and hint for an unknown key inside an option or a numeric answer table."""
    known = list(known)
    found = did_you_mean(field, known)
    return Note("pack.problem.unknown_field"), found or Note(
        "pack.hint.allowed_here", {"fields": ", ".join(known)}
    )


def kind_hint(value: object) -> Note:
    """The valid kinds, and the closest one to what was written."""
    kinds = ", ".join(KINDS)
    close = _closest(value, KINDS) if isinstance(value, str) else None
    if close is None:
        return Note("pack.hint.valid_kinds", {"kinds": kinds})
    return Note("pack.hint.kind_meant", {"word": close, "kinds": kinds})


def topic_hint(value: str, topics: Iterable[str]) -> Note:
    """ "did you mean ...?" among the declared topics, else the list of them."""
    choices = sorted(topics)
    if not choices:
        return Note("pack.hint.no_topics")
    return did_you_mean(value, choices) or Note("pack.hint.topics", {"topics": listed(choices)})


def demo_hint(value: str, demos: Iterable[str]) -> Note:
    """ "did you mean ...?" among the demo files present, else the list of them."""
    choices = sorted(demos)
    if not choices:
        return Note("pack.hint.no_demos")
    return did_you_mean(value, choices) or Note("pack.hint.demos", {"demos": listed(choices)})


PATTERN_HINTS: dict[str, Note] = {
    "question.id": Note("pack.hint.pattern.question_id"),
    "pack.id": Note("pack.hint.pattern.pack_id"),
    "topic.id": Note("pack.hint.pattern.topic_id"),
    "demo": Note("pack.hint.pattern.demo"),
    "version": Note("pack.hint.pattern.version"),
}


def localized_hint(languages: Iterable[str]) -> Note:
    """How a localized text is written, with the pack's languages."""
    entries = ", ".join(f'{lang} = "..."' for lang in languages)
    return Note("pack.hint.localized", {"entries": entries})


def numeric_key_hint() -> Note:
    """How a numeric key is written."""
    return Note("pack.hint.numeric_key")
