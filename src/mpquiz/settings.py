"""User settings in a TOML file in the user config folder.

A frozen dataclass with a rule per field rather than a pydantic model: the settings are
read at every start, before the first screen, and importing pydantic and building a
model costs about 120 ms there, half of what a bare Textual app needs to start
(bench/launch.py). Four fields need no more than the rules below.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from mpquiz.i18n import LANGUAGES

if TYPE_CHECKING:
    from mpquiz.core.errors import BadInput
    from mpquiz.core.refusal import Refusal

# Read at every start before the first frame: what only a settings file, or a bad one,
# needs (the TOML parser, the error messages) is imported where it is used.


@dataclass(frozen=True)
class Settings:
    """What a learner can set with `mpquiz config`."""

    new_per_day: int = 10
    """New questions introduced per day."""
    desired_retention: float = 0.9
    """The recall probability FSRS aims for when it spaces reviews."""
    language: str = ""
    """The interface and content language; empty follows the system locale."""
    database: str = ""
    """A database URL (a classroom's PostgreSQL); empty means SQLite in the data folder."""
    shuffle_options: bool = True
    """Show choice options and candidate outputs in a new order each time."""

    def as_dict(self) -> dict[str, Any]:
        """Every setting by name, in file order."""
        return asdict(self)


class _Invalid(ValueError):
    """A value a rule does not allow; `why` says what is allowed, as a message key and fields."""

    def __init__(self, why: Refusal) -> None:
        super().__init__(why.key)
        self.why = why


class _Rule(NamedTuple):
    kind: type
    low: float | None = None
    high: float | None = None
    choices: tuple[str, ...] = ()

    def check(self, value: object) -> Any:
        """`value` as this field holds it; raises _Invalid (a ValueError) saying what is allowed."""
        from mpquiz.core.refusal import Refusal

        if self.kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if type(value) is not self.kind:
            raise _Invalid(Refusal.of(_KIND_RULES[self.kind], value=repr(value)))
        if (
            self.low is not None
            and self.high is not None
            and not (
                self.low <= value <= self.high  # type: ignore[operator]
            )
        ):
            low, high = f"{self.low:g}", f"{self.high:g}"
            raise _Invalid(Refusal.of("settings.rule.range", low=low, high=high, value=repr(value)))
        if self.choices and value not in self.choices:
            allowed = ", ".join(repr(c) for c in self.choices)
            raise _Invalid(Refusal.of("settings.rule.choices", allowed=allowed, value=repr(value)))
        return value

    def parse(self, raw: str) -> Any:
        """A value typed on the command line, checked."""
        from mpquiz.core.refusal import Refusal

        value: object
        try:
            if self.kind is bool:
                value = _BOOLEANS[raw.strip().lower()]
            else:
                value = self.kind(raw.strip()) if self.kind is not str else raw
        except (ValueError, KeyError):
            raise _Invalid(Refusal.of(_KIND_RULES[self.kind], value=repr(raw))) from None
        return self.check(value)


_KIND_RULES = {
    int: "settings.rule.int",
    float: "settings.rule.float",
    str: "settings.rule.str",
    bool: "settings.rule.bool",
}
_BOOLEANS = {"true": True, "yes": True, "on": True, "1": True}
_BOOLEANS |= {"false": False, "no": False, "off": False, "0": False}
RULES: dict[str, _Rule] = {
    "new_per_day": _Rule(int, 0, 1000),
    "desired_retention": _Rule(float, 0.7, 0.99),
    "language": _Rule(str, choices=("", *LANGUAGES)),
    "database": _Rule(str),
    "shuffle_options": _Rule(bool),
}
FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Settings))
_KNOWN = ", ".join(FIELDS)


def load_settings(path: Path) -> Settings:
    """The settings in `path`, or the defaults when it does not exist.

    Raises:
        BadInput: the file is not valid TOML or holds invalid values.
    """
    if not path.is_file():
        return Settings()
    import tomli

    try:
        data = tomli.loads(path.read_text(encoding="utf-8"))
    except tomli.TOMLDecodeError as exc:  # what and where, in the learner's words
        from mpquiz.core.toml_errors import toml_error

        raise _bad("settings.bad_toml", path=path, detail=toml_error(exc)) from None
    except UnicodeDecodeError as exc:
        from mpquiz.core.verdict import Note

        detail = Note("toml.not_utf8", {"byte": exc.start})
        raise _bad("settings.bad_toml", path=path, detail=detail) from None
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in RULES:
            raise _bad("settings.file.unknown", path=path, key=key, known=_KNOWN)
        try:
            values[key] = RULES[key].check(value)
        except _Invalid as exc:
            raise _bad("settings.file.bad", path=path, key=key, problem=exc.why) from None
    return Settings(**values)


def _bad(message: str, /, **params: object) -> BadInput:
    """The one-line error a settings file gets (its modules loaded only then)."""
    from mpquiz.core.errors import BadInput
    from mpquiz.i18n import keyed

    return keyed(BadInput, message, **params)


def set_value(settings: Settings, key: str, raw: str) -> Settings:
    """A copy of `settings` with `key` set from its text form.

    Raises:
        BadInput: unknown key or invalid value.
    """
    check_key(key)
    try:
        return replace(settings, **{key: RULES[key].parse(raw)})
    except _Invalid as exc:
        raise _bad("settings.bad", key=key, problem=exc.why) from None


def check_key(key: str) -> None:
    """Nothing when `key` names a setting.

    Raises:
        BadInput: it does not (the message lists the settings there are).
    """
    if key not in RULES:
        raise _bad("settings.unknown", key=key, known=_KNOWN)


def toml_value(value: object) -> str:
    """`value` as the settings file writes it: true/false, a quoted string, a number."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return repr(value)


def save_settings(settings: Settings, path: Path) -> None:
    """Write `settings` atomically (a temporary file renamed over the old one)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = ["# mpquiz settings; change them with `mpquiz config set KEY VALUE`"]
    for key, value in settings.as_dict().items():
        lines.append(f"{key} = {toml_value(value)}")
    tmp = path.with_suffix(".tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    os.replace(tmp, path)
