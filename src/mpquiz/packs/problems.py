"""Problems found in a pack, each naming the file, line, question and field, with a hint."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from mpquiz.core.errors import BadInput

# Control characters, and the ones str.splitlines() breaks on, would split a problem line.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
MAX_SHOWN = 160
"""Longest piece of a problem shown as is: a pack may hold huge or binary strings."""


def one_line(text: str, limit: int = MAX_SHOWN) -> str:
    """`text` made safe for one line of a terminal: control characters escaped, shortened."""
    cleaned = _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1] + "…"


@dataclass(frozen=True)
class PackProblem:
    """One thing wrong with a pack."""

    file: str
    message: str
    qid: str | None = None
    field: str | None = None
    line: int | None = None
    hint: str | None = None

    def __str__(self) -> str:
        where = one_line(self.file, 200) + (f":{self.line}" if self.line else "")
        parts = [where]
        if self.qid:
            parts.append(f"question {one_line(self.qid, 80)}")
        if self.field:
            parts.append(f"field {one_line(self.field, 80)}")
        text = ": ".join(parts) + f": {one_line(self.message, 400)}"
        if self.hint:
            text += f" (hint: {one_line(self.hint, 300)})"
        return text

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able dict for `pack validate --json` (strings shortened like the text)."""
        return {
            "file": one_line(self.file, 200),
            "line": self.line,
            "qid": one_line(self.qid, 80) if self.qid else None,
            "field": one_line(self.field, 80) if self.field else None,
            "message": one_line(self.message, 400),
            "hint": one_line(self.hint, 300) if self.hint else None,
        }


class PackErrors(BadInput):
    """A pack that cannot be used; holds every problem found, not only the first."""

    def __init__(self, problems: list[PackProblem]) -> None:
        self.problems = problems
        first = str(problems[0]) if problems else "invalid pack"
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(first + more)
