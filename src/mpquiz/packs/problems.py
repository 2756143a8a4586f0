"""Problems found in a pack, each naming the file, line, question and field, with a hint.

A problem carries its message and its hint as message keys and their fields (a
core.verdict.Note each, `pack.problem.*` and `pack.hint.*`), so that where it reaches a
person it is put into their language (`PackProblem.in_language`); its str() is the
English line, for logs and tests, and `to_dict` gives both for `pack validate --json`.
"""

from __future__ import annotations

import errno
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from mpquiz.core.errors import BadInput
from mpquiz.core.refusal import Refusal
from mpquiz.core.verdict import Note
from mpquiz.i18n import SOURCE_LANGUAGE, Worded, t, words

# Control characters, and the ones str.splitlines() breaks on, would split a problem line.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
MAX_SHOWN = 160
"""Longest piece of a problem shown as is: a pack may hold huge or binary strings."""


def one_line(text: str, limit: int = MAX_SHOWN) -> str:
    """`text` made safe for one line of a terminal: control characters escaped, shortened."""
    cleaned = _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1] + "…"


def either(items: Sequence[str]) -> str | Note:
    """ "'a', 'b' or 'c'": the items joined, the last by the language's "or"."""
    if len(items) < 2:
        return "".join(items)
    return Note("list.or", {"rest": ", ".join(items[:-1]), "last": items[-1]})


def both(items: Sequence[str]) -> str | Note:
    """ "a, b and c": the items joined, the last by the language's "and"."""
    if len(items) < 2:
        return "".join(items)
    return Note("list.and", {"rest": ", ".join(items[:-1]), "last": items[-1]})


def code_names(items: Iterable[str]) -> str:
    """ "`line`, `value`": names a pack writes (fields, tests), marked as code."""
    return ", ".join(f"`{name}`" for name in items)


def listed(items: Iterable[str]) -> str:
    """Names joined by commas, the first 20 of them (and "…" for more)."""
    names = list(items)
    return ", ".join(names[:20]) + (", …" if len(names) > 20 else "")


_OS_REASONS = {
    errno.EACCES: Note("pack.problem.os.denied"),
    errno.EPERM: Note("pack.problem.os.not_permitted"),
    errno.ENOENT: Note("pack.problem.os.missing"),
    errno.EISDIR: Note("pack.problem.os.is_folder"),
    errno.ENOTDIR: Note("pack.problem.os.not_folder"),
    errno.EIO: Note("pack.problem.os.io"),
}


def os_reason(exc: OSError) -> str | Note:
    """Why the system could not read a file: in words for the usual reasons, else the
    system's own (English) text."""
    found = _OS_REASONS.get(exc.errno) if exc.errno is not None else None
    return found or exc.strerror or str(exc)


def cannot_read(exc: OSError) -> Note:
    """ "cannot read: REASON" for a file that could not be read."""
    return Note("pack.problem.cannot_read", {"reason": os_reason(exc)})


@dataclass(frozen=True)
class PackProblem:
    """One thing wrong with a pack: where, and what (`note`), with a hint (`hint_note`)."""

    file: str
    note: Note
    """The message, as a key and its fields (pack.problem.*)."""
    qid: str | None = None
    field: str | None = None
    line: int | None = None
    hint_note: Note | None = None
    """What to do about it, as a key and its fields (pack.hint.*), when there is a hint."""

    @property
    def message(self) -> str:
        """The message in English."""
        return words(self.note, SOURCE_LANGUAGE)

    @property
    def hint(self) -> str | None:
        """The hint in English, if any."""
        return None if self.hint_note is None else words(self.hint_note, SOURCE_LANGUAGE)

    def in_language(self, lang: str, /) -> str:
        """The problem as one line in `lang`: file:line: question: field: message (hint)."""
        where = one_line(self.file, 200) + (f":{self.line}" if self.line else "")
        parts = [where]
        if self.qid:
            parts.append(t("pack.problem.question", lang, qid=one_line(self.qid, 80)))
        if self.field:
            parts.append(t("pack.problem.field", lang, field=one_line(self.field, 80)))
        text = ": ".join(parts) + f": {one_line(words(self.note, lang), 400)}"
        if self.hint_note is not None:
            hint = one_line(words(self.hint_note, lang), 300)
            text = t("pack.problem.hinted", lang, problem=text, hint=hint)
        return text

    def __str__(self) -> str:
        return self.in_language(SOURCE_LANGUAGE)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able dict for `pack validate --json` (strings shortened like the text):
        the English message and hint, and each as its key and fields."""
        hint = self.hint
        return {
            "file": one_line(self.file, 200),
            "line": self.line,
            "qid": one_line(self.qid, 80) if self.qid else None,
            "field": one_line(self.field, 80) if self.field else None,
            "message": one_line(self.message, 400),
            "hint": one_line(hint, 300) if hint is not None else None,
            "key": self.note.key,
            "params": _json_params(self.note.params),
            "hint_key": self.hint_note.key if self.hint_note else None,
            "hint_params": _json_params(self.hint_note.params) if self.hint_note else None,
        }


def _json_params(params: dict[str, object]) -> dict[str, object]:
    """A message's fields as JSON: a field that is a message is {"key", "params"}."""
    return {name: _json_value(value) for name, value in params.items()}


def _json_value(value: object) -> object:
    if isinstance(value, Note | Refusal):
        return {"key": value.key, "params": _json_params(dict(value.params))}
    if isinstance(value, bool | int) or value is None:
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    return one_line(str(value), 300)


class PackErrors(BadInput):
    """A pack that cannot be used; holds every problem found, not only the first.

    Its message is the first problem (and how many more), worded where it is shown
    (i18n.error_text); its str() is the English."""

    def __init__(self, problems: list[PackProblem]) -> None:
        self.problems = problems
        first: Worded | Note = problems[0] if problems else Note("pack.problem.invalid")
        if len(problems) > 1:
            said = Note("pack.errors.more", {"problem": first, "count": len(problems) - 1})
        else:
            said = Note("pack.errors.one", {"problem": first})
        super().__init__(words(said, SOURCE_LANGUAGE), key=said.key, params=said.params)
