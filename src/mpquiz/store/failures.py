"""Database failures turned into one clear line for the learner (StoreError)."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy.exc import DBAPIError, OperationalError

from mpquiz.core.errors import StoreError

F = TypeVar("F", bound=Callable[..., Any])

_RESTORE = "`mpquiz db restore` brings back the latest backup"
_HINTS = (
    ("locked", "the database is busy: another mpquiz kept it locked too long; try again"),
    ("busy", "the database is busy: another mpquiz kept it locked too long; try again"),
    ("readonly", "the database is read-only: mpquiz can read it but not save answers"),
    ("read-only", "the database is read-only: mpquiz can read it but not save answers"),
    (
        "disk is full",
        "the disk is full: nothing was saved by this step (everything saved before is safe); "
        "free some space and try again",
    ),
    (
        "disk i/o error",
        "writing to the disk failed (is it full, or over a size limit?): nothing was saved "
        "by this step (everything saved before is safe)",
    ),
    (
        "malformed",
        f"the database is damaged; `mpquiz db check` tells more and {_RESTORE}",
    ),
    ("not a database", f"this file is not an SQLite database (if it was mpquiz's, {_RESTORE})"),
    ("file is encrypted", f"this file is not an SQLite database (if it was mpquiz's, {_RESTORE})"),
)


def damaged(where: str, problem: str) -> StoreError:
    """The StoreError for a file that fails SQLite's own check (`problem`: its first line)."""
    hint = next((h for needle, h in _HINTS if needle in problem.lower()), None)
    if hint is None or "not an SQLite" not in hint:
        hint = f"the database is damaged; `mpquiz db check` tells more and {_RESTORE}"
    return StoreError(f"{where}: {hint} ({problem})")


def cannot_open(path: Path, text: str) -> StoreError:
    """Why an SQLite file could not be opened, in words: a read-only or missing folder."""
    folder = path.parent
    if path.exists() and not os.access(folder, os.W_OK):
        return StoreError(
            f"{path}: its folder is read-only, and SQLite must write its journal beside the "
            f"database; copy the file to a writable folder or choose another with --db ({text})"
        )
    if path.exists() and not os.access(path, os.R_OK):
        return StoreError(f"{path}: mpquiz may not read this file ({text})")
    return StoreError(f"{path}: cannot open the database file ({text})")


def explain(exc: BaseException, where: str) -> StoreError:
    """A StoreError naming the database and what went wrong, in words."""
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
    lowered = text.lower()
    for needle, hint in _HINTS:
        if needle in lowered:
            return StoreError(f"{where}: {hint} ({text})")
    return StoreError(f"{where}: database error: {text}")


def guarded(where: Callable[[Any], str]) -> Callable[[F], F]:
    """Decorate a store method so database errors surface as StoreError."""

    def wrap(method: F) -> F:
        @functools.wraps(method)
        def call(self: Any, *args: Any, **kwargs: Any) -> Any:
            try:
                return method(self, *args, **kwargs)
            except (OperationalError, DBAPIError) as exc:
                raise explain(exc, where(self)) from exc

        return call  # type: ignore[return-value]

    return wrap


def guard_public_methods(cls: type, where: Callable[[Any], str]) -> type:
    """Apply `guarded` to every public method of `cls` and its bases (except close)."""
    for klass in cls.__mro__:
        for name, value in list(vars(klass).items()):
            if name.startswith("_") or name == "close" or not callable(value):
                continue
            if name in vars(cls) and klass is not cls:
                continue
            setattr(cls, name, guarded(where)(value))
    return cls
