"""Daily backups of an SQLite database (as Anki keeps them), checks and restores.

Backups use SQLite's online backup API, so a session writing at the same time is safe;
a database that fails its quick check is never backed up, so a damaged file cannot push
the last good copies out of the rotation (and is refused, see daily_backup).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from mpquiz.core.errors import StoreError
from mpquiz.i18n import keyed
from mpquiz.store.failures import cannot_restore, could_not_check, damaged
from mpquiz.store.peek import Kind, has_reviews, look

KEEP = 7
PREFIX = "mpquiz-"


@dataclass(frozen=True)
class Backup:
    """One backup file and the day it was taken."""

    path: Path
    day: date


def backups(folder: Path) -> list[Backup]:
    """Backups in `folder`, newest first."""
    found: list[Backup] = []
    for path in folder.glob(f"{PREFIX}*.db") if folder.is_dir() else ():
        try:
            day = date.fromisoformat(path.stem.removeprefix(PREFIX))
        except ValueError:
            continue
        found.append(Backup(path, day))
    return sorted(found, key=lambda b: b.day, reverse=True)


def _check(db: Path, pragma: str, *, immutable: bool = False) -> list[str]:
    flags = "mode=ro&immutable=1" if immutable else "mode=ro"
    uri = f"{db.absolute().as_uri()}?{flags}"
    with contextlib.closing(sqlite3.connect(uri, uri=True)) as con:
        rows = [r[0] for r in con.execute(f"PRAGMA {pragma}")]
    return [] if rows == ["ok"] else rows


def _wal_is_empty(db: Path) -> bool:
    wal = db.with_name(db.name + "-wal")
    return not wal.exists() or wal.stat().st_size == 0


def integrity(db: Path, *, quick: bool = False, at_rest: bool = False) -> list[str]:
    """Problems SQLite finds in the file (empty when it is sound); opens it read-only.

    A file in a read-only folder cannot get the shared-memory file WAL mode wants; when
    there is no write-ahead log to read, it is checked as an immutable file instead, and
    so is a file `at_rest` (a backup, which nothing writes), so nothing is made beside it.

    Raises:
        StoreError: the check could not run (a full disk, a lock, no access), which says
            nothing about damage.
    """
    pragma = "quick_check" if quick else "integrity_check"
    try:
        return _check(db, pragma, immutable=at_rest and _wal_is_empty(db))
    except sqlite3.OperationalError as exc:
        if "unable to open" not in str(exc) or not db.is_file() or not _wal_is_empty(db):
            raise could_not_check(db, exc) from None
        try:
            return _check(db, pragma, immutable=True)
        except sqlite3.OperationalError as again:
            raise could_not_check(db, again) from None
        except sqlite3.DatabaseError as again:
            return [str(again)]
    except sqlite3.DatabaseError as exc:
        return [str(exc)]


def backup_now(db: Path, folder: Path, today: date) -> Path:
    """Copy `db` to folder/mpquiz-DAY.db with the online backup API (atomic rename)."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{PREFIX}{today.isoformat()}.db"
    tmp = target.with_suffix(".tmp")
    try:
        with (
            contextlib.closing(sqlite3.connect(db)) as src,
            contextlib.closing(sqlite3.connect(tmp)) as dst,
        ):
            src.backup(dst)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return target


def daily_backup(db: Path, folder: Path, today: date, keep: int = KEEP) -> Path | None:
    """Back up once a day, keep the newest `keep`; None when not needed or not possible.

    This is also the day's check of the file: a database that fails SQLite's quick check
    is refused (StoreError) before mpquiz writes a byte to it, so a damaged file stays as
    it was for `mpquiz db restore` and for anyone who wants to look at it. A backup that
    cannot be written (a read-only or full disk) is skipped: the learner can still study.
    Only an mpquiz database with reviews is copied, so a new or emptied one never pushes a
    backup that holds reviews out of the rotation.
    """
    if not db.is_file() or any(b.day == today for b in backups(folder)):
        return None
    found = look(db)
    if found.kind in (Kind.DAMAGED, Kind.NOT_SQLITE):
        raise damaged(str(db), found.detail)
    if found.kind is not Kind.MPQUIZ:
        return None
    try:
        problems = _check(db, "quick_check")
    except sqlite3.OperationalError:
        return None  # cannot be read now (busy, a read-only folder): opening it will say why
    except sqlite3.DatabaseError as exc:
        problems = [str(exc)]
    if problems:
        raise damaged(str(db), problems[0])
    if not has_reviews(db):
        return None
    try:
        made = backup_now(db, folder, today)
    except (OSError, sqlite3.Error):
        return None
    prune(folder, keep)
    return made


def prune(folder: Path, keep: int = KEEP) -> list[Path]:
    """Delete all but `keep` backups, those without reviews first; returns the deleted.

    Among backups alike, the oldest go first.
    """
    ranked = sorted(backups(folder), key=lambda b: (has_reviews(b.path), b.day), reverse=True)
    gone = [b.path for b in ranked[keep:]]
    for path in gone:
        path.unlink(missing_ok=True)
    return gone


def worth_restoring(found: list[Backup]) -> Backup | None:
    """The newest backup that holds reviews, else the newest; None when there is none."""
    return next((b for b in found if has_reviews(b.path)), found[0] if found else None)


def restore(backup: Path, db: Path, now: datetime) -> Path | None:
    """Put `backup` in place of `db`; the current file (and its WAL) is kept aside.

    The backup is copied beside `db` before anything is moved, so a failure at any step
    (a read-only file or folder, a full disk) leaves everything as it was.
    Returns where the replaced database was moved, or None if there was none.

    Raises:
        StoreError: the backup is not an mpquiz database or fails its integrity check, or
            it cannot be put in place (nothing was changed).
    """
    if look(backup).kind is not Kind.MPQUIZ:
        raise keyed(StoreError, "store.restore.not_mpquiz", backup=backup)
    if integrity(backup, at_rest=True):
        raise keyed(StoreError, "store.restore.damaged", backup=backup)
    ensure_replaceable(db)
    tmp = db.with_suffix(".restoring")
    try:
        shutil.copyfile(backup, tmp)
        moves = _aside_moves(db, now)
        _rename_all(moves)
        try:
            os.replace(tmp, db)
        except OSError:
            _rename_all([(target, source) for source, target in reversed(moves)])
            raise
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise cannot_restore(db, exc) from None
    return moves[0][1] if moves and moves[0][0] == db else None


def ensure_replaceable(db: Path) -> None:
    """StoreError when `db` is a read-only file or in a read-only folder."""
    if not os.access(db.parent, os.W_OK) or (db.exists() and not os.access(db, os.W_OK)):
        raise cannot_restore(db)


def _aside_moves(db: Path, now: datetime) -> list[tuple[Path, Path]]:
    """(file, new name) for `db` and its -wal and -shm: NAME.replaced-TIME[-wal|-shm]."""
    aside = db.with_name(f"{db.name}.replaced-{now:%Y%m%d-%H%M%S}")
    files = [(db, aside)] + [
        (db.with_name(db.name + suffix), aside.with_name(aside.name + suffix))
        for suffix in ("-wal", "-shm")
    ]
    return [(source, target) for source, target in files if source.exists()]


def _rename_all(moves: list[tuple[Path, Path]]) -> None:
    """Rename each (source, target); when one fails, undo those done and raise."""
    done: list[tuple[Path, Path]] = []
    try:
        for source, target in moves:
            source.rename(target)
            done.append((source, target))
    except OSError:
        for source, target in reversed(done):
            target.rename(source)
        raise
