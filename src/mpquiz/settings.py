"""User settings in a TOML file in the user config folder."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from mpquiz.core.errors import BadInput


class Settings(BaseModel):
    """What a learner can set with `mpquiz config`."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    new_per_day: Annotated[int, Field(ge=0, le=1000)] = 10
    """New questions introduced per day."""
    desired_retention: Annotated[float, Field(ge=0.7, le=0.99)] = 0.9
    """The recall probability FSRS aims for when it spaces reviews."""
    language: Literal["", "es", "en"] = ""
    """The interface and content language; empty follows the system locale."""
    database: str = ""
    """A database URL (a classroom's PostgreSQL); empty means SQLite in the data folder."""


def load_settings(path: Path) -> Settings:
    """The settings in `path`, or the defaults when it does not exist.

    Raises:
        BadInput: the file is not valid TOML or holds invalid values.
    """
    if not path.is_file():
        return Settings()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return Settings.model_validate(data)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise BadInput(f"{path}: invalid TOML: {exc}") from None
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err["loc"])
        raise BadInput(f"{path}: field {field}: {err['msg']}") from None


def set_value(settings: Settings, key: str, raw: str) -> Settings:
    """A copy of `settings` with `key` set from its text form.

    Raises:
        BadInput: unknown key or invalid value.
    """
    if key not in Settings.model_fields:
        raise BadInput(f"unknown setting '{key}' (known: {', '.join(Settings.model_fields)})")
    data = settings.model_dump()
    data[key] = raw
    try:
        return Settings.model_validate(data, strict=False)
    except ValidationError as exc:
        raise BadInput(f"setting {key}: {exc.errors()[0]['msg']}") from None


def save_settings(settings: Settings, path: Path) -> None:
    """Write `settings` atomically (a temporary file renamed over the old one)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = ["# mpquiz settings; change them with `mpquiz config set KEY VALUE`"]
    for key, value in settings.model_dump().items():
        shown = f'"{value}"' if isinstance(value, str) else repr(value)
        lines.append(f"{key} = {shown}")
    tmp = path.with_suffix(".tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    os.replace(tmp, path)
