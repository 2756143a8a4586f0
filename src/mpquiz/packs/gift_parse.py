"""A parser for Moodle's GIFT question format, following Moodle's own importer.

Questions are separated by blank lines; `//` starts a comment line; `::title::` names a
question; `$CATEGORY:` switches category; the answers sit between `{` and `}`; `\\~ \\= \\#
\\{ \\} \\:` escape the control characters and `\\n` is a line break. Every block becomes a
GiftItem, including those mpquiz cannot use (essay, matching, missing word, description,
syntax errors), so the importer can list each of them with its line.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from mpquiz.packs.gift_text import plain, protect, split_format

_WEIGHT = re.compile(r"^%(-?\d+(?:\.\d*)?)%")
_CLOZE = re.compile(r"\{\d*:(?:MULTICHOICE|MC|SHORTANSWER|SA|NUMERICAL|NM|MULTIRESPONSE|MR)", re.I)
_TRAILING_PUNCTUATION = re.compile(r"^[\s.,;:!?)\]¿¡\"'»”]*$")


@dataclass(frozen=True)
class GiftAnswer:
    """One answer of a multiple choice or short answer question."""

    text: str
    weight: float
    """Percent of the grade: 100 for `=`, the `%n%` weight, else 0 (choice) or 100."""
    feedback: str = ""
    marked_right: bool = False
    """Written with `=` (a single-answer question's right answer)."""


@dataclass(frozen=True)
class GiftNumber:
    """One accepted answer of a numerical question."""

    value: float | None
    tolerance: float = 0.0
    low: float | None = None
    high: float | None = None
    weight: float = 100.0
    feedback: str = ""


@dataclass
class GiftItem:
    """One question block of a GIFT file, whatever its type."""

    line: int
    kind: str
    """multichoice, truefalse, shortanswer, numerical, essay, matching, missingword,
    cloze, description or invalid."""
    title: str | None = None
    text: str = ""
    category: str | None = None
    answers: list[GiftAnswer] = field(default_factory=list)
    numbers: list[GiftNumber] = field(default_factory=list)
    truth: bool | None = None
    right_feedback: str = ""
    wrong_feedback: str = ""
    general_feedback: str = ""
    reason: str = ""


def blocks(source: str) -> list[tuple[int, list[str]]]:
    """(first line number, lines) of each block: comment lines dropped, blank lines split.

    A block whose `{` is not closed yet takes the following blocks too, so answers laid out
    with a blank line inside the braces still belong to their question.
    """
    found: list[tuple[int, list[str]]] = []
    start, current = 0, list[str]()
    for number, line in enumerate(source.splitlines(), start=1):
        if line.lstrip().startswith("//"):
            continue
        if line.strip():
            if not current:
                start = number
            current.append(line)
        elif current:
            found.append((start, current))
            current = []
    if current:
        found.append((start, current))
    merged: list[tuple[int, list[str]]] = []
    for start, lines in found:
        if merged and _continues(merged[-1][1], lines):
            merged[-1] = (merged[-1][0], [*merged[-1][1], "", *lines])
        else:
            merged.append((start, lines))
    return merged


def _continues(previous: list[str], lines: list[str]) -> bool:
    """Whether `lines` finish the answers `previous` left open (and start no question)."""
    if _open_braces("\n".join(previous)) <= 0:
        return False
    text = "\n".join(lines)
    first = lines[0].lstrip()
    starts_question = first.startswith(("::", "$CATEGORY:")) or "{" in protect(text)
    return not starts_question and _open_braces("\n".join([*previous, text])) >= 0


def _open_braces(text: str) -> int:
    guarded = protect(text)
    return guarded.count("{") - guarded.count("}")


def parse_gift(source: str) -> list[GiftItem]:
    """Every question block of a GIFT text, in order, with the category in force."""
    items: list[GiftItem] = []
    category: str | None = None
    for start, lines in blocks(source.replace("\r\n", "\n").replace("\r", "\n")):
        first = lines[0].strip()
        if first.startswith("$CATEGORY:"):
            category = plain(protect(first[len("$CATEGORY:") :]).strip(), "plain")
            lines, start = lines[1:], start + 1
            if not lines:
                continue
        item = parse_question("\n".join(lines), start)
        item.category = category
        items.append(item)
    return items


def parse_question(block: str, line: int) -> GiftItem:
    """One question block (comments already removed) as a GiftItem."""
    text = protect(block).strip()
    title = None
    if text.startswith("::"):
        end = text.find("::", 2)
        if end >= 0:
            title = plain(text[2:end], "plain").strip() or None
            text = text[end + 2 :].strip()
    fmt, text = split_format(text, "moodle")
    item = GiftItem(line=line, kind="invalid", title=title)
    if _CLOZE.search(text):
        item.kind, item.text = "cloze", plain(text, fmt)
        return item
    opening, closing = text.find("{"), text.find("}")
    if opening < 0 and closing < 0:
        item.kind, item.text = "description", plain(text, fmt)
        return item
    if opening < 0:
        item.text, item.reason = plain(text, fmt), "unbalanced braces: a '}' without its '{'"
        return item
    closing = text.find("}", opening)
    if closing < 0:
        item.text, item.reason = plain(text, fmt), "no closing '}' for the answers"
        return item
    head, body, tail = text[:opening], text[opening + 1 : closing].strip(), text[closing + 1 :]
    if "{" in tail or "}" in tail:
        item.kind, item.text = "missingword", plain(head + "_____" + tail, fmt)
        item.reason = (
            "several answer blocks: a missing-word question with several blanks, "
            "or questions without a blank line between them"
        )
        return item
    if tail.strip() and not _TRAILING_PUNCTUATION.match(tail):
        item.kind, item.text = "missingword", plain(head + "_____" + tail, fmt)
        return item
    question = head.rstrip()
    if tail.strip() and not question.endswith(("?", ":")):
        question += " _____" + tail.strip()  # "...was from {answers}." asks for the blank
    item.text = plain(question, fmt)
    if "####" in body:
        body, general = body.rsplit("####", 1)
        body = body.strip()
        item.general_feedback = _part(general, fmt)
    _classify(item, body, fmt)
    return item


def _part(text: str, fmt: str) -> str:
    own, rest = split_format(text.strip(), fmt)
    return plain(rest, own).strip()


def _split_feedback(text: str, fmt: str) -> tuple[str, str]:
    answer, _, feedback = text.partition("#")
    return _part(answer, fmt), _part(feedback, fmt)


def _classify(item: GiftItem, body: str, fmt: str) -> None:
    if not body:
        item.kind = "essay"
    elif body.startswith("#"):
        _numerical(item, body[1:], fmt)
    elif "~" in body:
        _multichoice(item, body, fmt)
    elif "=" in body and "->" in body:
        item.kind = "matching"
    elif body.partition("#")[0].strip() in ("T", "TRUE", "F", "FALSE"):
        verdict, _, feedbacks = body.partition("#")
        wrong, _, right = feedbacks.partition("#")
        item.kind, item.truth = "truefalse", verdict.strip() in ("T", "TRUE")
        item.wrong_feedback, item.right_feedback = _part(wrong, fmt), _part(right, fmt)
    else:
        _shortanswer(item, body, fmt)


def _weighted(text: str) -> tuple[float | None, str]:
    found = _WEIGHT.match(text)
    if not found:
        return None, text
    return float(found.group(1)), text[found.end() :]


def _multichoice(item: GiftItem, body: str, fmt: str) -> None:
    parts = [p.strip() for p in body.replace("=", "~=").split("~")]
    parts = parts[1:] if parts and not parts[0] else parts
    item.kind = "multichoice"
    for part in parts:
        marked = part.startswith("=")
        weight, rest = (100.0, part[1:]) if marked else _weighted(part)
        if marked:
            extra, rest = _weighted(rest.strip())  # "=%50%text" in a choice answer
            weight = extra if extra is not None else weight
        text, feedback = _split_feedback(rest, fmt)
        item.answers.append(GiftAnswer(text, weight or 0.0, feedback, marked))
    if len(item.answers) < 2:
        item.kind, item.reason = "invalid", "a multiple choice question needs two answers or more"


def _shortanswer(item: GiftItem, body: str, fmt: str) -> None:
    parts = [p.strip() for p in body.split("=")]
    parts = parts[1:] if parts and not parts[0] else parts
    item.kind = "shortanswer"
    for part in parts:
        weight, rest = _weighted(part)
        text, feedback = _split_feedback(rest, fmt)
        item.answers.append(GiftAnswer(text, 100.0 if weight is None else weight, feedback, True))
    if not item.answers:
        item.kind, item.reason = "invalid", "no answer"


def _numerical(item: GiftItem, body: str, fmt: str) -> None:
    item.kind = "numerical"
    if "~" in body:
        body, wrong = body.split("~", 1)
        item.wrong_feedback = _split_feedback(wrong, fmt)[1]
    parts = [p.strip() for p in body.split("=")]
    parts = parts[1:] if parts and not parts[0] else parts
    for part in parts:
        weight, rest = _weighted(part)
        raw, feedback = _split_feedback(rest, fmt)
        try:
            number = _number(raw)
        except ValueError:
            item.kind, item.reason = "invalid", f"not a number: {raw!r}"
            return
        if number is not None:
            item.numbers.append(
                GiftNumber(*number, weight=100.0 if weight is None else weight, feedback=feedback)
            )
    if not item.numbers:
        item.kind, item.reason = "invalid", "a numerical question needs a number"


def _number(raw: str) -> tuple[float | None, float, float | None, float | None] | None:
    """(value, tolerance, low, high) of "3", "3:0.5" or "1..5"; None for the "*" catch-all."""
    raw = raw.strip()
    if raw == "*":
        return None
    if raw.find("..") > 0:
        low, high = (_finite(x) for x in raw.split("..", 1))
        return None, 0.0, min(low, high), max(low, high)
    if raw.find(":") > 0:
        value, tolerance = (_finite(x) for x in raw.split(":", 1))
        return value, abs(tolerance), None, None
    return _finite(raw), 0.0, None, None


def _finite(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise ValueError(text)
    return number
