"""Database failures turned into one clear line for the learner (StoreError)."""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

from mpquiz.core.errors import StoreError
from mpquiz.core.refusal import Refusal
from mpquiz.i18n import keyed
from mpquiz.store.peek import MPQUIZ_TABLES, Kind, Look
from mpquiz.store.version import SCHEMA_VERSION

_BUSY = Refusal.of("store.hint.busy")
_READ_ONLY = Refusal.of("store.hint.read_only")
_NOT_SQLITE = Refusal.of("store.hint.not_sqlite")
_DAMAGED = Refusal.of("store.hint.damaged")
_HINTS = (
    ("locked", _BUSY),
    ("busy", _BUSY),
    ("readonly", _READ_ONLY),
    ("read-only", _READ_ONLY),
    ("disk is full", Refusal.of("store.hint.disk_full")),
    ("disk i/o error", Refusal.of("store.hint.disk_failed")),
    ("malformed", _DAMAGED),
    ("not a database", _NOT_SQLITE),
    ("file is encrypted", _NOT_SQLITE),
)


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
        return keyed(StoreError, "store.lacks_tables", db=db)
    return None


def _refused_kind(db: Path, look: Look) -> StoreError | None:
    if look.kind is Kind.NOT_SQLITE:
        return keyed(StoreError, "store.failed", db=db, hint=_NOT_SQLITE, detail=look.detail)
    if look.kind is Kind.DAMAGED:
        return damaged(str(db), look.detail)
    if look.kind is Kind.FOREIGN:
        return keyed(StoreError, "store.foreign", db=db)
    if look.kind is Kind.BAD_VERSION:
        return unusable_version(str(db), look.detail)
    return None  # missing, empty, blank: mpquiz makes its tables; unreadable: opening says why


def unusable_version(where: str, shown: str) -> StoreError:
    """The StoreError for a schema version (`shown` as peek.shown_value writes it) that is
    not a positive whole number."""
    return keyed(StoreError, "store.bad_version", db=where, shown=shown)


def newer(where: str, version: int, latest: int) -> StoreError:
    """The StoreError for a database written by a newer mpquiz."""
    return keyed(StoreError, "store.newer", db=where, version=version, latest=latest)


def could_not_check(db: Path, exc: sqlite3.Error) -> StoreError:
    """Why SQLite could not check `db` (a full disk, a lock), which says nothing of damage."""
    text = str(exc)
    name = getattr(exc, "sqlite_errorname", "") or ""
    if "unable to open" in text:
        return cannot_open(db, text)
    if name in ("SQLITE_IOERR_READ", "SQLITE_IOERR_SHORT_READ"):
        key = "store.check.read_failed"
    elif name.startswith("SQLITE_IOERR") or name == "SQLITE_FULL" or "disk" in text.lower():
        key = "store.check.disk_full"
    elif "locked" in text or "busy" in text:
        key = "store.check.busy"
    else:
        key = "store.check.failed"
    return keyed(StoreError, key, db=db, detail=text)


def cannot_restore(db: Path, exc: OSError | None = None) -> StoreError:
    """Why a backup could not be put in place of `db` (nothing was changed): the error
    `exc` met, or without one what the file and its folder allow."""
    code = exc.errno if exc is not None else None
    if not db.parent.is_dir():
        why = "store.restore.no_folder"
    elif code == errno.EROFS or not os.access(db.parent, os.W_OK):
        why = "store.restore.folder_read_only"
    elif exc is None:
        why = "store.restore.file_read_only"
    elif code in (errno.EPERM, errno.EACCES):
        why = "store.restore.not_allowed"
    elif code in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        why = "store.restore.disk_full"
    else:
        why = "store.restore.not_replaced"
    if exc is None:
        return keyed(StoreError, "store.restore.cannot", db=db, why=Refusal.of(why))
    detail = exc.strerror or str(exc)
    return keyed(
        StoreError, "store.restore.cannot_detail", db=db, why=Refusal.of(why), detail=detail
    )


def damaged(where: str, problem: str) -> StoreError:
    """The StoreError for a file that fails SQLite's own check (`problem`: what the check
    said; one row of it may hold many lines, of which the first that names a fault is
    kept, so the error stays one line)."""
    problem = first_fault(problem)
    return not_sqlite(where, problem) or keyed(
        StoreError, "store.failed", db=where, hint=_DAMAGED, detail=problem
    )


def first_fault(report: str) -> str:
    """The first line of an SQLite check's report that names a fault (not its "*** in
    database main ***" heading)."""
    lines = [line.strip() for line in report.splitlines() if line.strip()]
    faults = [line for line in lines if not line.startswith("*** in database")]
    return (faults or lines or [report.strip()])[0]


def not_sqlite(where: str, problem: str) -> StoreError | None:
    """The StoreError for a file SQLite does not read as a database at all (`problem` says
    so in SQLite's words), else None."""
    hint = next((h for needle, h in _HINTS if needle in problem.lower()), None)
    if hint is not _NOT_SQLITE:
        return None
    return keyed(StoreError, "store.failed", db=where, hint=hint, detail=problem)


def cannot_open(path: Path, text: str) -> StoreError:
    """Why an SQLite file could not be opened, in words: a read-only or missing folder."""
    folder = path.parent
    if path.exists() and not os.access(folder, os.W_OK):
        key = "store.open.folder_read_only"
    elif path.exists() and not os.access(path, os.R_OK):
        key = "store.open.not_readable"
    else:
        key = "store.open.failed"
    return keyed(StoreError, key, db=path, detail=text)


def explain(exc: BaseException, where: str) -> StoreError:
    """A StoreError naming the database and what went wrong, in words."""
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
    lowered = text.lower()
    for needle, hint in _HINTS:
        if needle in lowered:
            return keyed(StoreError, "store.failed", db=where, hint=hint, detail=text)
    return keyed(StoreError, "store.error", db=where, detail=text)
