"""Line numbers in a pack's TOML text: where a question starts and where a field is written.

The TOML parser gives no positions, so problems are placed by reading the text: the n-th
`[[question]]` header starts the n-th question, and a field is the first `name =` line
inside that question (or inside a `[table]` of pack.toml).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*question[ \t]*\]\][ \t]*(?:#.*)?$", re.MULTILINE)
_TABLE = re.compile(r"^[ \t]*\[(?!\[)[ \t]*([A-Za-z0-9_.-]+)[ \t]*\]", re.MULTILINE)


def line_at(text: str, offset: int) -> int:
    """The 1-based line number of a character offset."""
    return text.count("\n", 0, offset) + 1


def question_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) character offsets of each `[[question]]` table, in file order."""
    starts = [m.start() for m in _HEADER.finditer(text)]
    return [(s, starts[i + 1] if i + 1 < len(starts) else len(text)) for i, s in enumerate(starts)]


class LineIndex:
    """Line numbers of character offsets in one text, by bisection: a pack's 10,000
    questions ask for about 50,000 of them."""

    def __init__(self, text: str) -> None:
        self._breaks = [m.start() for m in re.finditer("\n", text)]

    def line(self, offset: int) -> int:
        """The 1-based line number of a character offset (as line_at)."""
        return bisect_right(self._breaks, offset - 1) + 1


@lru_cache(maxsize=256)
def _key_pattern(key: str) -> re.Pattern[str]:
    quoted = re.escape(key)
    return re.compile(
        r"^[ \t]*(?:" + quoted + r"|\"" + quoted + r"\"|'" + quoted + r"')[ \t]*=", re.MULTILINE
    )


def _key_line(
    text: str, start: int, end: int, key: str, index: LineIndex | None = None
) -> int | None:
    found = _key_pattern(key).search(text, start, end)
    if not found:
        return None
    return index.line(found.start()) if index is not None else line_at(text, found.start())


def line_of_id(text: str, qid: str | None) -> int | None:
    """The line of `id = "qid"`, or None."""
    if not qid:
        return None
    pattern = re.compile(r"^\s*id\s*=\s*[\"']" + re.escape(qid) + r"[\"']", re.MULTILINE)
    found = pattern.search(text)
    return line_at(text, found.start()) if found else None


class QuestionLines:
    """Finds lines inside one question file."""

    def __init__(self, text: str, tables: int) -> None:
        spans = question_spans(text)
        # Headers are trusted only when they match the parsed tables one to one (an
        # inline array `question = [...]` has none).
        self.spans = spans if len(spans) == tables else []
        self.text = text
        self._index = LineIndex(text)

    def start(self, index: int) -> int | None:
        """The line of the index-th question's `[[question]]` header."""
        if index < len(self.spans):
            return self._index.line(self.spans[index][0])
        return None

    def field(self, index: int, field: str | None) -> int | None:
        """The line where the index-th question writes the first part of `field`."""
        if not field or index >= len(self.spans):
            return None
        start, end = self.spans[index]
        return _key_line(self.text, start, end, field.split(".")[0], self._index)


def pack_field_line(text: str, field: str | None) -> int | None:
    """The line of a pack.toml field such as `pack.version` or `topics.lock`."""
    if not field:
        return None
    parts = field.split(".")
    tables = [(m.group(1), m.start(), m.end()) for m in _TABLE.finditer(text)]
    for i, (name, start, end) in enumerate(tables):
        if name != parts[0]:
            continue
        stop = tables[i + 1][1] if i + 1 < len(tables) else len(text)
        if len(parts) == 1:
            return line_at(text, start)
        return _key_line(text, end, stop, parts[1]) or line_at(text, start)
    return None
