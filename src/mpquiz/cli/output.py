"""Writing data from packs and databases to stdout: as text, never as instructions.

JSON escapes C0 controls by itself but not C1 ones or bidirectional overrides, and a
spreadsheet runs a CSV cell that starts with `=`; both are closed here.
"""

from __future__ import annotations

import json
from typing import Any

from mpquiz.core.inert import inert, inert_tree

_FORMULA_START = ("=", "+", "-", "@")


def to_json(data: Any) -> str:
    """`data` as indented JSON, every string in it inert (core.inert)."""
    return json.dumps(inert_tree(data), ensure_ascii=False, indent=2)


def csv_cell(value: Any) -> Any:
    """A CSV cell that a spreadsheet shows and never evaluates: inert text, and a quote
    before text that would start a formula (numbers are left as they are)."""
    if not isinstance(value, str):
        return value
    text = inert(value)
    if text.startswith(_FORMULA_START) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
