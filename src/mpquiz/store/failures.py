"""Database failures turned into one clear line for the learner (StoreError)."""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

from mpquiz.core.errors import StoreError
from mpquiz.store.peek import MPQUIZ_TABLES, Kind, Look
from mpquiz.store.version import SCHEMA_VERSION

_RESTORE = "`mpquiz db restore` brings back the latest backup"
_NOT_SQLITE_HINT = f"this file is not an SQLite database (if it was mpquiz's, {_RESTORE})"
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
    ("not a database", _NOT_SQLITE_HINT),
    ("file is encrypted", _NOT_SQLITE_HINT),
)
_UNTOUCHED = "mpquiz left it untouched; choose another file with --db"


def unusable(db: Path, look: Look, latest: int | None = None) -> StoreError | None:
    """Why mpquiz must not open the file `look` describes, or None when it may.

    With `latest`, a file of a newer schema is refused too (the engine leaves that to
    the migrations, which tests may extend).
    """
    if look.kind is not Kind.MPQUIZ:
        return _refused_kind(db, look)
    version = look.version or 0
    if latest is not None and version > latest:
        return newer(str(db), version, latest)
    if version <= (latest or SCHEMA_VERSION) and not look.tables >= MPQUIZ_TABLES:
        return StoreError(
            f"{db} is not an mpquiz database (it lacks mpquiz's tables); {_UNTOUCHED}"
        )
    return None


def _refused_kind(db: Path, look: Look) -> StoreError | None:
    if look.kind is Kind.NOT_SQLITE:
        return StoreError(f"{db}: {_NOT_SQLITE_HINT} ({look.detail})")
    if look.kind is Kind.DAMAGED:
        return damaged(str(db), look.detail)
    if look.kind is Kind.FOREIGN:
        return StoreError(f"{db} is not an mpquiz database (it has other tables); {_UNTOUCHED}")
    if look.kind is Kind.BAD_VERSION:
        return unusable_version(str(db), look.detail)
    return None  # missing, empty, blank: mpquiz makes its tables; unreadable: opening says why


def unusable_version(where: str, shown: str) -> StoreError:
    """The StoreError for a schema version (`shown` as peek.shown_value writes it) that is
    not a positive whole number."""
    return StoreError(
        f"{where}: its schema version {shown} is not a number, so mpquiz cannot tell what "
        f"it holds and left it untouched (if it was mpquiz's, {_RESTORE})"
    )


def newer(where: str, version: int, latest: int) -> StoreError:
    """The StoreError for a database written by a newer mpquiz."""
    return StoreError(
        f"{where} has schema version {version}, newer than this mpquiz understands "
        f"({latest}); upgrade mpquiz to open it"
    )


def could_not_check(db: Path, exc: sqlite3.Error) -> StoreError:
    """Why SQLite could not check `db` (a full disk, a lock), which says nothing of damage."""
    text = str(exc)
    name = getattr(exc, "sqlite_errorname", "") or ""
    if "unable to open" in text:
        return cannot_open(db, text)
    if name in ("SQLITE_IOERR_READ", "SQLITE_IOERR_SHORT_READ"):
        return StoreError(f"{db}: could not check the database: reading it failed ({text})")
    if name.startswith("SQLITE_IOERR") or name == "SQLITE_FULL" or "disk" in text.lower():
        return StoreError(
            f"{db}: could not check the database: the disk is full (or a size limit stops "
            "writes), and SQLite must write a small file beside the database to read it; "
            f"this says nothing about damage: free some space and try again ({text})"
        )
    if "locked" in text or "busy" in text:
        return StoreError(f"{db}: could not check the database: it is busy; try again ({text})")
    return StoreError(f"{db}: could not check the database ({text})")


def cannot_restore(db: Path, exc: OSError | None = None) -> StoreError:
    """Why a backup could not be put in place of `db` (nothing was changed): the error
    `exc` met, or without one what the file and its folder allow."""
    cause = f" ({exc.strerror or exc})" if exc is not None else ""
    code = exc.errno if exc is not None else None
    if not db.parent.is_dir():
        why = "its folder does not exist"
    elif code == errno.EROFS or not os.access(db.parent, os.W_OK):
        why = "its folder is read-only"
    elif exc is None:
        why = "the database file is read-only (make it writable first to replace it)"
    elif code in (errno.EPERM, errno.EACCES):
        why = "the file or its folder may not be changed (read-only or immutable)"
    elif code in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        why = "the disk is full"
    else:
        why = "the file could not be replaced"
    return StoreError(f"{db}: cannot restore a backup here: {why}; nothing was changed{cause}")


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
