"""Reading one TOML file of a pack, with every way it can fail turned into a problem
(keyed: tomli's own messages through core.toml_errors)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomli

from mpquiz.core.toml_errors import toml_error, toml_line
from mpquiz.core.verdict import Note
from mpquiz.packs.problems import cannot_read

MAX_FILE_BYTES = 4 * 1024 * 1024
_MAX_DIGITS = 4300
_LONG_DIGITS = re.compile(rf"[0-9_]{{{_MAX_DIGITS + 1},}}")


@dataclass(frozen=True)
class ReadTrouble:
    """Why a file could not be read as TOML."""

    message: Note
    line: int | None = None
    hint: Note | None = None


def read_toml(path: Path) -> tuple[dict[str, Any] | None, str, ReadTrouble | None]:
    """(data, text, None) for a good file; (None, text so far, trouble) otherwise."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, "", ReadTrouble(cannot_read(exc))
    if len(raw) > MAX_FILE_BYTES:
        size = MAX_FILE_BYTES // 1024 // 1024
        return None, "", ReadTrouble(Note("pack.problem.file_too_large", {"size": size}))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad_line = raw.count(b"\n", 0, exc.start) + 1
        not_utf8 = Note("toml.not_utf8", {"byte": exc.start})
        return None, "", ReadTrouble(not_utf8, bad_line, Note("pack.hint.save_utf8"))
    try:
        return tomli.loads(text), text, None
    except tomli.TOMLDecodeError as exc:
        return None, text, ReadTrouble(_invalid(toml_error(exc)), toml_line(exc))
    except RecursionError:
        # tomli recurses into nested arrays and tables; hundreds of levels exhaust it.
        return None, text, ReadTrouble(_invalid(Note("toml.too_deep")))
    except ValueError as exc:
        # Python refuses to turn more than 4300 digits into an int, and tomli lets the
        # ValueError through.
        return None, text, _long_number(text, exc)


def _long_number(text: str, exc: ValueError) -> ReadTrouble:
    """The trouble of a number too long to read, at the line of its first long run."""
    if "digits" not in str(exc):
        return ReadTrouble(_invalid(Note("toml.other", {"detail": str(exc)})))
    found = _LONG_DIGITS.search(text)
    line = text.count("\n", 0, found.start()) + 1 if found else None
    return ReadTrouble(
        Note("pack.problem.too_many_digits", {"digits": _MAX_DIGITS}),
        line,
        Note("pack.hint.smaller_number"),
    )


def _invalid(what: Note) -> Note:
    """ "invalid TOML: ..." """
    return Note("pack.problem.toml", {"detail": what})
