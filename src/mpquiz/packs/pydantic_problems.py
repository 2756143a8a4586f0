"""Pydantic validation errors turned into plain problems: one per field, each with a hint.

Pydantic reports a union field (a localized text, a numeric key) once per branch
("not a string", "not a dictionary"); people need one sentence saying what the field
should look like, and the deeper error when they clearly chose a branch.
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal

from mpquiz.packs import hints
from mpquiz.packs.schema import ChoiceOption, NumericAnswer

# The names pydantic puts in an error's location for the branches of a union.
_UNION_TAGS = frozenset({"str", "int", "float", "bool", "dict[str,str]", "NumericAnswer"})
_QUOTED = re.compile(r"'([^']*)'")
_NUMBER_ERRORS = frozenset({"float_type", "float_parsing", "finite_number"})
LOCALIZED = {"prompt", "explain", "title", "text", "feedback", "unit", "model_answer"}
LOCALIZED_LISTS = {"key_points", "topics"}

_TYPE_MESSAGES = {
    "string_type": "must be a text in quotes",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "list_type": "must be a list [ ... ]",
    "float_type": "must be a number",
    "float_parsing": "must be a number",
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number",
    "dict_type": "must be a table { ... }",
    "model_type": "must be a table { ... }",
    "finite_number": "must be a finite number",
}


@dataclass(frozen=True)
class FieldIssue:
    """One problem of one field, in words."""

    field: str | None
    message: str
    hint: str | None = None


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
        return FieldIssue(
            field,
            "must be a text, or a table with one text per language",
            hints.localized_hint(languages),
        )
    if err["type"] == "finite_number":
        return FieldIssue(field, f"must be a finite number; got {_short(err.get('input'))}")
    if path and path[-1] == "answer":
        return FieldIssue(field, "must be a number or a table", hints.numeric_key_hint())
    return FieldIssue(field, _TYPE_MESSAGES.get(err["type"], str(err["msg"]).rstrip(".")))


def _issue(
    err: Any, path: tuple[str, ...], scope: str, kind: str | None, languages: list[str]
) -> FieldIssue:
    field = ".".join(path) or None
    kind_of = err["type"]
    if kind_of == "extra_forbidden":
        return _unknown(path, scope, kind)
    if kind_of == "missing":
        return FieldIssue(field, "required field is missing", _missing_hint(path, languages))
    if kind_of == "literal_error":
        expected = str(err.get("ctx", {}).get("expected", ""))
        got = err.get("input")
        hint = None
        if path and path[-1] == "kind":
            hint = hints.kind_hint(got)
        elif isinstance(got, str):
            hint = hints.did_you_mean(got, _QUOTED.findall(expected))
        return FieldIssue(field, f"must be one of {expected}; got {_short(got)}", hint)
    if kind_of == "string_pattern_mismatch":
        return FieldIssue(
            field, f"invalid value {_short(err.get('input'))}", _pattern_hint(path, scope)
        )
    bound = _bound_message(err)
    if bound:
        return FieldIssue(field, bound)
    if kind_of == "finite_number":
        return FieldIssue(field, f"must be a finite number; got {_short(err.get('input'))}")
    if kind_of in _TYPE_MESSAGES:
        hint = hints.localized_hint(languages) if _is_localized(path[:-1]) else None
        return FieldIssue(field, f"{_TYPE_MESSAGES[kind_of]}; got {_type_name(err)}", hint)
    return FieldIssue(field, str(err["msg"]).rstrip("."))


def _bound_message(err: Any) -> str | None:
    ctx, got = err.get("ctx", {}), err.get("input")
    size = len(got) if isinstance(got, list | dict | str) else 0

    def num(key: str) -> str:
        value = ctx.get(key)
        return f"{value:g}" if isinstance(value, float) else str(value)

    messages: dict[str, Callable[[], str]] = {
        "less_than_equal": lambda: f"must be at most {num('le')}; got {_short(got)}",
        "less_than": lambda: f"must be less than {num('lt')}; got {_short(got)}",
        "greater_than": lambda: f"must be more than {num('gt')}; got {_short(got)}",
        "greater_than_equal": lambda: f"must be at least {num('ge')}; got {_short(got)}",
        "too_short": lambda: f"needs at least {num('min_length')} item(s); has {size}",
        "too_long": lambda: f"may hold at most {num('max_length')} items; has {size}",
        "string_too_short": lambda: "must not be empty",
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
        message, hint = "unknown table; pack.toml holds [pack] and [topics]", None
        hint = hints.did_you_mean(name, ("pack", "topics"))
    else:
        message, hint = "unknown field", None
    return FieldIssue(field, message, hint)


def _missing_hint(path: tuple[str, ...], languages: list[str]) -> str | None:
    name = path[-1] if path else ""
    if name == "kind":
        return hints.kind_hint(None)
    if name == "options":
        return 'options = [ { text = "...", correct = true }, { text = "...", feedback = "..." } ]'
    if name == "answer":
        return hints.numeric_key_hint()
    if name == "expected":
        return 'the output the learner should predict: expected = """...lines..."""'
    if name == "topics":
        return 'a [topics] table with at least one topic: name = { es = "...", en = "..." }'
    if _is_localized(path):
        return hints.localized_hint(languages)
    return None


def _pattern_hint(path: tuple[str, ...], scope: str) -> str | None:
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


def _type_name(err: Any) -> str:
    value = err.get("input")
    names = {str: "text", bool: "true/false", int: "number", float: "number", list: "list"}
    return names.get(type(value), "table" if isinstance(value, dict) else type(value).__name__)


def _too_large(err: Any) -> bool:
    """True for a number field given a whole number beyond what a float holds."""
    got = err.get("input")
    return (
        err["type"] in _NUMBER_ERRORS
        and isinstance(got, int)
        and not isinstance(got, bool)
        and abs(got) > sys.float_info.max
    )


def _too_large_message(err: Any) -> str:
    return f"number too large: {_short(err['input'])}"


def _short(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**60:
        # repr() of a huge int is slow, and refused past 4300 digits.
        digits = int(value.bit_length() * math.log10(2)) + 1
        return f"a number of about {digits} digits"
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:59] + "…"
