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

from mpquiz.store.failures import damaged

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
    with contextlib.closing(sqlite3.connect(f"file:{db}?{flags}", uri=True)) as con:
        rows = [r[0] for r in con.execute(f"PRAGMA {pragma}")]
    return [] if rows == ["ok"] else rows


def _wal_is_empty(db: Path) -> bool:
    wal = db.with_name(db.name + "-wal")
    return not wal.exists() or wal.stat().st_size == 0


def integrity(db: Path, *, quick: bool = False) -> list[str]:
    """Problems SQLite finds in the file (empty when it is sound); opens it read-only.

    A file in a read-only folder cannot get the shared-memory file WAL mode wants; when
    there is no write-ahead log to read, it is checked as an immutable file instead.
    """
    pragma = "quick_check" if quick else "integrity_check"
    try:
        return _check(db, pragma)
    except sqlite3.OperationalError as exc:
        if "unable to open" in str(exc) and db.is_file() and _wal_is_empty(db):
            try:
                return _check(db, pragma, immutable=True)
            except sqlite3.DatabaseError as again:
                return [str(again)]
        return [str(exc)]
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
    """
    if not db.is_file() or any(b.day == today for b in backups(folder)):
        return None
    try:
        problems = _check(db, "quick_check")
    except sqlite3.OperationalError:
        return None  # cannot be read now (busy, a read-only folder): opening it will say why
    except sqlite3.DatabaseError as exc:
        problems = [str(exc)]
    if problems:
        raise damaged(str(db), problems[0])
    try:
        made = backup_now(db, folder, today)
    except (OSError, sqlite3.Error):
        return None
    for old in backups(folder)[keep:]:
        old.path.unlink(missing_ok=True)
    return made


def restore(backup: Path, db: Path, now: datetime) -> Path | None:
    """Put `backup` in place of `db`; the current file (and its WAL) is kept aside.

    Returns where the replaced database was moved, or None if there was none.
    """
    if integrity(backup):
        raise ValueError(f"{backup} fails its integrity check")
    aside = None
    if db.exists():
        aside = db.with_name(f"{db.name}.replaced-{now:%Y%m%d-%H%M%S}")
        db.rename(aside)
    for suffix in ("-wal", "-shm"):
        extra = db.with_name(db.name + suffix)
        if extra.exists():
            extra.rename(extra.with_name(f"{aside.name if aside else db.name}{suffix}"))
    tmp = db.with_suffix(".restoring")
    shutil.copyfile(backup, tmp)
    os.replace(tmp, db)
    return aside
