"""Comparing a predicted program output with a real one under a match rule."""

from __future__ import annotations

import re
from enum import StrEnum
from functools import lru_cache


class MatchRule(StrEnum):
    """How a predicted output is compared with a real one."""

    EXACT = "exact"
    LINES = "lines"
    PATTERN = "pattern"


PLACEHOLDERS: dict[str, str] = {
    "pid": r"-?\d+",
    "int": r"-?\d+",
    "float": r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?",
    "word": r"\S+",
    "any": r".*",
}
_PLACEHOLDER = re.compile(r"\{(" + "|".join(PLACEHOLDERS) + r")\}")


def normalize(text: str) -> list[str]:
    """Lines without trailing spaces, without blank lines at either end."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return lines


@lru_cache(maxsize=512)
def _line_regex(pattern_line: str) -> re.Pattern[str]:
    parts: list[str] = []
    pos = 0
    for m in _PLACEHOLDER.finditer(pattern_line):
        parts.append(re.escape(pattern_line[pos : m.start()]))
        parts.append(PLACEHOLDERS[m.group(1)])
        pos = m.end()
    parts.append(re.escape(pattern_line[pos:]))
    return re.compile("".join(parts))


def _pattern_line_matches(pattern_line: str, line: str) -> bool:
    # A learner may type the placeholder itself instead of a value.
    return line == pattern_line or _line_regex(pattern_line).fullmatch(line) is not None


def matches(rule: MatchRule, expected: str, actual: str) -> bool:
    """Whether `actual` fits `expected` under `rule`; a pattern holds placeholders."""
    exp, act = normalize(expected), normalize(actual)
    if rule is MatchRule.EXACT:
        return exp == act
    if rule is MatchRule.LINES:
        return sorted(exp) == sorted(act)
    return len(exp) == len(act) and all(
        _pattern_line_matches(e, a) for e, a in zip(exp, act, strict=True)
    )
