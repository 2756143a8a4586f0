"""The part of a demo shown with a question: the whole file or a marked region."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

from mpquiz.core.inert import inert

_BEGIN = re.compile(r"^\s*#\s*region:\s*(?P<name>[\w.-]+)\s*$")
_END = re.compile(r"^\s*#\s*endregion\b")


def regions(source: str) -> dict[str, str]:
    """Every `# region: NAME` … `# endregion` block of `source`, dedented."""
    found: dict[str, str] = {}
    current: str | None = None
    lines: list[str] = []
    for line in source.splitlines():
        begin = _BEGIN.match(line)
        if begin and current is None:
            current, lines = begin.group("name"), []
        elif current is not None and _END.match(line):
            found[current] = _dedent(lines)
            current = None
        elif current is not None:
            lines.append(line)
    return found


def _dedent(lines: list[str]) -> str:
    return textwrap.dedent("\n".join(lines)).strip("\n")


def strip_markers(source: str) -> str:
    """The source without region marker lines, as shown for `code = "all"`."""
    kept = [ln for ln in source.splitlines() if not (_BEGIN.match(ln) or _END.match(ln))]
    return "\n".join(kept).strip("\n")


def shown_code(demo_path: Path, code: str) -> str | None:
    """What to show for a question's `code` setting, or None when nothing is shown.

    The source is made inert (core.inert): a pack's file may hold escape sequences.
    """
    if code == "none":
        return None
    source = demo_path.read_text(encoding="utf-8")
    shown = strip_markers(source) if code == "all" else regions(source).get(code)
    return None if shown is None else inert(shown)


def splice(source: str, name: str, text: str) -> str | None:
    """`source` with the body of region `name` replaced by `text`, indented as the
    region's first line was (the markers stay); None when there is no such region."""
    lines = source.splitlines()
    start = next((i for i, ln in enumerate(lines) if (m := _BEGIN.match(ln))
                  and m.group("name") == name), None)  # fmt: skip
    if start is None:
        return None
    end = next((i for i in range(start + 1, len(lines)) if _END.match(lines[i])), None)
    if end is None:
        return None
    body = lines[start + 1 : end]
    first = next((ln for ln in body if ln.strip()), "")
    indent = first[: len(first) - len(first.lstrip())]
    new = [indent + ln if ln.strip() else "" for ln in text.strip("\n").splitlines()]
    return "\n".join([*lines[: start + 1], *new, *lines[end:]]) + "\n"


def region_start(source: str, name: str) -> int | None:
    """The 1-based line where the body of region `name` starts, None without it."""
    for i, line in enumerate(source.splitlines()):
        found = _BEGIN.match(line)
        if found and found.group("name") == name:
            return i + 2
    return None
