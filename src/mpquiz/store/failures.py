"""Database failures turned into one clear line for the learner (StoreError)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy.exc import DBAPIError, OperationalError

from mpquiz.core.errors import StoreError

F = TypeVar("F", bound=Callable[..., Any])

_HINTS = (
    ("locked", "the database is busy: another mpquiz kept it locked too long; try again"),
    ("busy", "the database is busy: another mpquiz kept it locked too long; try again"),
    ("readonly", "the database is read-only: mpquiz can read it but not save answers"),
    ("read-only", "the database is read-only: mpquiz can read it but not save answers"),
    ("disk is full", "the disk is full: this answer was not saved (earlier ones are safe)"),
    ("disk i/o error", "the disk failed while writing: this answer was not saved"),
    (
        "malformed",
        "the database is damaged; `mpquiz db check` tells more and "
        "`mpquiz db restore` brings back the latest backup",
    ),
    ("not a database", "this file is not an SQLite database"),
    ("file is encrypted", "this file is not an SQLite database"),
)


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
