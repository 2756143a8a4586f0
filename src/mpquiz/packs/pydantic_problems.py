"""Pydantic validation errors turned into plain problems: one per field, each with a hint.

Pydantic reports a union field (a localized text, a numeric key) once per branch
("not a string", "not a dictionary"); people need one sentence saying what the field
should look like, and the deeper error when they clearly chose a branch.
"""

from __future__ import annotations

import datetime
import math
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal

from mpquiz.core.verdict import Note
from mpquiz.packs import hints
from mpquiz.packs.problems import either
from mpquiz.packs.schema import ChoiceOption, NumericAnswer

# The names pydantic puts in an error's location for the branches of a union.
_UNION_TAGS = frozenset({"str", "int", "float", "bool", "dict[str,str]", "NumericAnswer"})
_QUOTED = re.compile(r"'([^']*)'")
_NUMBER_ERRORS = frozenset({"float_type", "float_parsing", "finite_number"})
LOCALIZED = {"prompt", "explain", "title", "text", "feedback", "unit", "model_answer"}
LOCALIZED_LISTS = {"key_points", "topics"}

# pydantic's error types in mpquiz's words; a type not here keeps pydantic's English
# message as a field (pack.problem.pydantic).
_TYPE_MESSAGES = {
    "string_type": Note("pack.problem.type.text"),
    "bool_type": Note("pack.problem.type.bool"),
    "bool_parsing": Note("pack.problem.type.bool"),
    "list_type": Note("pack.problem.type.list"),
    "float_type": Note("pack.problem.type.number"),
    "float_parsing": Note("pack.problem.type.number"),
    "int_type": Note("pack.problem.type.whole_number"),
    "int_parsing": Note("pack.problem.type.whole_number"),
    "dict_type": Note("pack.problem.type.table"),
    "model_type": Note("pack.problem.type.table"),
    "finite_number": Note("pack.problem.type.finite_number"),
}


@dataclass(frozen=True)
class FieldIssue:
    """One problem of one field, in words."""

    field: str | None
    message: Note
    hint: Note | None = None


def _clean(err: Any) -> tuple[str, ...]:
    """The error's location without union branch names (an unknown key is kept as written)."""
    loc = list(err["loc"])
    keep_last = err["type"] == "extra_forbidden"
    return tuple(
        str(p)
        for i, p in enumerate(loc)
        if p != "[key]" and (p not in _UNION_TAGS or (keep_last and i == len(loc) - 1))
    )


def _is_localized(path: tuple[str, ...]) -> bool:
    if not path:
        return False
    if path[-1] in LOCALIZED:
        return True
    return len(path) >= 2 and path[-2] in LOCALIZED_LISTS


def issues(
    errors: list[Any],
    *,
    scope: Literal["question", "pack"],
    kind: str | None = None,
    languages: Iterable[str] = ("es", "en"),
) -> list[FieldIssue]:
    """Readable issues for pydantic `errors` of a question (of `kind`) or of pack.toml."""
    languages = list(languages)
    paths = [_clean(e) for e in errors]
    out: list[FieldIssue] = []
    merged: set[tuple[str, ...]] = set()
    huge = {path for err, path in zip(errors, paths, strict=True) if _too_large(err)}
    for err, path in zip(errors, paths, strict=True):
        if path in huge:  # one issue for the field, whatever branch of a union said so
            if path not in merged:
                merged.add(path)
                out.append(FieldIssue(".".join(path) or None, _too_large_message(err)))
            continue
        last = err["loc"][-1] if err["loc"] else None
        branch = err["type"] != "extra_forbidden" and last in _UNION_TAGS
        if branch:
            # A deeper error in the same field means the author picked the other branch.
            if any(len(p) > len(path) and p[: len(path)] == path for p in paths):
                continue
            if path in merged:
                continue
            merged.add(path)
            out.append(_union_issue(path, err, languages))
            continue
        out.append(_issue(err, path, scope, kind, languages))
    return out


def _union_issue(path: tuple[str, ...], err: Any, languages: list[str]) -> FieldIssue:
    field = ".".join(path) or None
    if _is_localized(path):
        return FieldIssue(field, Note("pack.problem.localized"), hints.localized_hint(languages))
    if err["type"] == "finite_number":
        return FieldIssue(field, Note("pack.problem.not_finite", {"got": _short(err.get("input"))}))
    if path and path[-1] == "answer":
        return FieldIssue(field, Note("pack.problem.number_or_table"), hints.numeric_key_hint())
    return FieldIssue(field, _TYPE_MESSAGES.get(err["type"]) or _pydantic(err))


def _pydantic(err: Any) -> Note:
    """A pydantic error mpquiz has no words for: pydantic's English, as a field."""
    return Note("pack.problem.pydantic", {"detail": str(err["msg"]).rstrip(".")})


def _issue(
    err: Any, path: tuple[str, ...], scope: str, kind: str | None, languages: list[str]
) -> FieldIssue:
    field = ".".join(path) or None
    kind_of = err["type"]
    if kind_of == "extra_forbidden":
        return _unknown(path, scope, kind)
    if kind_of == "missing":
        return FieldIssue(field, Note("pack.problem.missing"), _missing_hint(path, languages))
    if kind_of == "literal_error":
        expected = str(err.get("ctx", {}).get("expected", ""))
        got = err.get("input")
        hint = None
        if path and path[-1] == "kind":
            hint = hints.kind_hint(got)
        elif isinstance(got, str):
            hint = hints.did_you_mean(got, _QUOTED.findall(expected))
        message = Note("pack.problem.one_of", {"choices": _choices(expected), "got": _short(got)})
        return FieldIssue(field, message, hint)
    if kind_of == "string_pattern_mismatch":
        message = Note("pack.problem.bad_value", {"got": _short(err.get("input"))})
        return FieldIssue(field, message, _pattern_hint(path, scope))
    bound = _bound_message(err)
    if bound:
        return FieldIssue(field, bound)
    if kind_of == "finite_number":
        return FieldIssue(field, Note("pack.problem.not_finite", {"got": _short(err.get("input"))}))
    if kind_of in _TYPE_MESSAGES:
        hint = hints.localized_hint(languages) if _is_localized(path[:-1]) else None
        message = Note(
            "pack.problem.wrong_type", {"expected": _TYPE_MESSAGES[kind_of], "got": _type_name(err)}
        )
        return FieldIssue(field, message, hint)
    return FieldIssue(field, _pydantic(err))


def _choices(expected: str) -> str | Note:
    """pydantic's "'a', 'b' or 'c'" with the language's "or"."""
    rest, sep, last = expected.rpartition(" or ")
    return either([*rest.split(", "), last]) if sep else expected


def _bound_message(err: Any) -> Note | None:
    ctx, got = err.get("ctx", {}), err.get("input")
    size = len(got) if isinstance(got, list | dict | str) else 0

    def num(key: str) -> str:
        value = ctx.get(key)
        return f"{value:g}" if isinstance(value, float) else str(value)

    def count(key: str) -> int | str:
        value = ctx.get(key)
        return value if isinstance(value, int) else num(key)

    messages: dict[str, Callable[[], Note]] = {
        "less_than_equal": lambda: Note(
            "pack.problem.at_most", {"limit": num("le"), "got": _short(got)}
        ),
        "less_than": lambda: Note(
            "pack.problem.less_than", {"limit": num("lt"), "got": _short(got)}
        ),
        "greater_than": lambda: Note(
            "pack.problem.more_than", {"limit": num("gt"), "got": _short(got)}
        ),
        "greater_than_equal": lambda: Note(
            "pack.problem.at_least", {"limit": num("ge"), "got": _short(got)}
        ),
        "too_short": lambda: Note(
            "pack.problem.too_few", {"count": count("min_length"), "size": size}
        ),
        "too_long": lambda: Note(
            "pack.problem.too_many", {"count": count("max_length"), "size": size}
        ),
        "string_too_short": lambda: Note("pack.problem.empty"),
    }
    make = messages.get(err["type"])
    return make() if make else None


def _unknown(path: tuple[str, ...], scope: str, kind: str | None) -> FieldIssue:
    field = ".".join(path)
    name = path[-1] if path else ""
    if scope == "question" and len(path) == 1:
        message, hint = hints.unknown_question_field(name, kind)
    elif scope == "question" and path[0] == "options":
        message, hint = hints.unknown_nested_field(name, ChoiceOption.model_fields)
    elif scope == "question" and path[0] == "answer":
        message, hint = hints.unknown_nested_field(name, NumericAnswer.model_fields)
    elif scope == "pack" and len(path) == 2 and path[0] == "pack":
        message, hint = hints.unknown_nested_field(name, hints.PACK_FIELDS)
    elif scope == "pack" and len(path) == 1:
        message = Note("pack.problem.unknown_table")
        hint = hints.did_you_mean(name, ("pack", "topics"))
    else:
        message, hint = Note("pack.problem.unknown_field"), None
    return FieldIssue(field, message, hint)


def _missing_hint(path: tuple[str, ...], languages: list[str]) -> Note | None:
    name = path[-1] if path else ""
    if name == "kind":
        return hints.kind_hint(None)
    if name == "options":
        return Note("pack.hint.options")
    if name == "answer":
        return hints.numeric_key_hint()
    if name == "expected":
        return Note("pack.hint.expected")
    if name == "topics":
        return Note("pack.hint.topics_table")
    if _is_localized(path):
        return hints.localized_hint(languages)
    return None


def _pattern_hint(path: tuple[str, ...], scope: str) -> Note | None:
    name = path[-1] if path else ""
    if scope == "question" and name == "id":
        return hints.PATTERN_HINTS["question.id"]
    if scope == "question" and name == "demo":
        return hints.PATTERN_HINTS["demo"]
    if scope == "pack" and path[:2] == ("pack", "id"):
        return hints.PATTERN_HINTS["pack.id"]
    if scope == "pack" and name == "version":
        return hints.PATTERN_HINTS["version"]
    if scope == "pack" and path[:1] == ("topics",):
        return hints.PATTERN_HINTS["topic.id"]
    return None


_TYPE_NAMES = {
    str: Note("pack.type.text"),
    bool: Note("pack.type.bool"),
    int: Note("pack.type.number"),
    float: Note("pack.type.number"),
    list: Note("pack.type.list"),
    dict: Note("pack.type.table"),
    datetime.datetime: Note("pack.type.datetime"),
    datetime.date: Note("pack.type.date"),
    datetime.time: Note("pack.type.time"),
}


def _type_name(err: Any) -> Note | str:
    """What was written instead, in words: "text", "number", "table"..."""
    value = err.get("input")
    return _TYPE_NAMES.get(type(value)) or (
        _TYPE_NAMES[dict] if isinstance(value, dict) else type(value).__name__
    )


def _too_large(err: Any) -> bool:
    """True for a number field given a whole number beyond what a float holds."""
    got = err.get("input")
    return (
        err["type"] in _NUMBER_ERRORS
        and isinstance(got, int)
        and not isinstance(got, bool)
        and abs(got) > sys.float_info.max
    )


def _too_large_message(err: Any) -> Note:
    return Note("pack.problem.number_too_large", {"got": _short(err["input"])})


def _short(value: Any) -> str | Note:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**60:
        # repr() of a huge int is slow, and refused past 4300 digits.
        digits = int(value.bit_length() * math.log10(2)) + 1
        return Note("pack.problem.digits", {"count": digits})
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:59] + "…"
