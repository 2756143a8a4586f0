"""Reading one TOML file of a pack, with every way it can fail turned into a problem."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MAX_FILE_BYTES = 4 * 1024 * 1024
_TOML_LINE = re.compile(r"at line (\d+)")
_MAX_DIGITS = 4300
_LONG_DIGITS = re.compile(rf"[0-9_]{{{_MAX_DIGITS + 1},}}")


@dataclass(frozen=True)
class ReadTrouble:
    """Why a file could not be read as TOML."""

    message: str
    line: int | None = None
    hint: str | None = None


def read_toml(path: Path) -> tuple[dict[str, Any] | None, str, ReadTrouble | None]:
    """(data, text, None) for a good file; (None, text so far, trouble) otherwise."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, "", ReadTrouble(f"cannot read: {exc.strerror or exc}")
    if len(raw) > MAX_FILE_BYTES:
        return None, "", ReadTrouble(f"file is larger than {MAX_FILE_BYTES // 1024 // 1024} MiB")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad_line = raw.count(b"\n", 0, exc.start) + 1
        return (
            None,
            "",
            ReadTrouble(f"not valid UTF-8 (byte {exc.start})", bad_line, "save as UTF-8"),
        )
    try:
        return tomllib.loads(text), text, None
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_LINE.search(str(exc))
        line = int(found.group(1)) if found else None
        return None, text, ReadTrouble(f"invalid TOML: {exc}", line)
    except RecursionError:
        # tomllib recurses into nested arrays and tables; hundreds of levels exhaust it.
        return None, text, ReadTrouble("invalid TOML: nested too deeply")
    except ValueError as exc:
        # Python refuses to turn more than 4300 digits into an int, and tomllib lets the
        # ValueError through.
        return None, text, _long_number(text, exc)


def _long_number(text: str, exc: ValueError) -> ReadTrouble:
    """The trouble of a number too long to read, at the line of its first long run."""
    if "digits" not in str(exc):
        return ReadTrouble(f"invalid TOML: {exc}")
    found = _LONG_DIGITS.search(text)
    line = text.count("\n", 0, found.start()) + 1 if found else None
    return ReadTrouble(
        f"a number has more than {_MAX_DIGITS} digits, more than mpquiz reads",
        line,
        "write a smaller number: timeouts are at most 60 seconds, and answers fit a float",
    )
