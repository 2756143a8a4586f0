"""A small TOML writer for the packs mpquiz writes itself (imported GIFT questions).

Only what packs need: strings, numbers, booleans, lists and inline tables, and
`[[question]]` arrays of tables. Texts with line breaks are written as multi-line strings
so an instructor can edit them comfortably.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\b": "\\b", "\t": "\\t", "\f": "\\f", "\r": "\\r"}


def _escape_char(ch: str, multiline: bool) -> str:
    if ch == "\n":
        return "\n" if multiline else "\\n"
    if ch in _ESCAPES:
        return _ESCAPES[ch]
    if ord(ch) < 0x20 or ord(ch) == 0x7F:
        return f"\\u{ord(ch):04x}"
    return ch


def string(text: str, *, multiline: bool = True) -> str:
    """A TOML string for `text`: multi-line when it holds line breaks (and may)."""
    multiline = multiline and "\n" in text
    body = "".join(_escape_char(ch, multiline) for ch in text)
    if multiline:
        # The newline after the opening quotes is dropped by TOML, so the text is exact.
        return '"""\n' + body + '"""'
    return '"' + body + '"'


def key(name: str) -> str:
    """A bare key when possible, else a quoted one (always on one line)."""
    return name if _BARE_KEY.fullmatch(name) else string(name, multiline=False)


def value(item: Any) -> str:
    """Any supported value as TOML."""
    if isinstance(item, bool):
        return "true" if item else "false"
    if isinstance(item, int):
        return str(item)
    if isinstance(item, float):
        if not math.isfinite(item):
            raise ValueError(f"TOML packs hold finite numbers only, not {item}")
        return repr(item)
    if isinstance(item, str):
        return string(item)
    if isinstance(item, Mapping):
        inner = ", ".join(f"{key(k)} = {value(v)}" for k, v in item.items())
        return "{ " + inner + " }" if inner else "{}"
    if isinstance(item, list | tuple):
        if any(isinstance(v, Mapping) for v in item):
            return "[\n" + "".join(f"  {value(v)},\n" for v in item) + "]"
        return "[" + ", ".join(value(v) for v in item) + "]"
    raise TypeError(f"cannot write {type(item).__name__} as TOML")


def table(items: Mapping[str, Any]) -> str:
    """`key = value` lines of one table (None values are left out)."""
    return "".join(f"{key(k)} = {value(v)}\n" for k, v in items.items() if v is not None)


def question_file(questions: Sequence[Mapping[str, Any]], header: str = "") -> str:
    """A questions/*.toml file: an optional comment header, then [[question]] tables."""
    head = "".join(f"# {line}\n" if line else "#\n" for line in header.splitlines())
    body = "\n".join("[[question]]\n" + table(q) for q in questions)
    return head + ("\n" if head else "") + body
