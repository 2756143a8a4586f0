"""Opening the learner's database: look at the file, refuse it or back it up, then open.

The order matters: a read-only look (store.peek) decides what the file is before the
daily backup copies it or the engine switches it to WAL mode, so a file that is not
mpquiz's is refused byte for byte as it was, with nothing new beside it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from mpquiz.i18n import SOURCE_LANGUAGE, t
from mpquiz.store import migrations
from mpquiz.store.backup import backups, daily_backup, worth_restoring
from mpquiz.store.engine import backups_folder, open_engine, sqlite_path
from mpquiz.store.failures import unusable
from mpquiz.store.peek import Kind, look
from mpquiz.store.repository import Store


def say(message: str) -> None:
    """A notice for the learner: one line on stderr, like mpquiz's errors."""
    print(f"mpquiz: {message}", file=sys.stderr, flush=True)


def open_store(
    url: str,
    today: date,
    *,
    notify: Callable[[str], None] = say,
    lang: str = SOURCE_LANGUAGE,
) -> Store:
    """The database at `url`, opened (created or upgraded if needed).

    An SQLite file is looked at first: refused untouched when it is not mpquiz's (or is
    damaged, or too new), backed up once a day when it is, and, when it was an empty file,
    the learner is told that a new database was made in it (`notify`, in `lang`).

    Raises:
        BadInput: the URL is malformed or names an unknown backend.
        StoreError: the database cannot be opened or is not usable by this mpquiz.
    """
    db = sqlite_path(url)
    if db is None:
        return Store(open_engine(url))
    found = look(db)
    refusal = unusable(db, found, latest=migrations.LATEST)
    if refusal is not None:
        raise refusal
    daily_backup(db, backups_folder(db), today)
    on_new = (lambda: notify(emptied(db, lang))) if found.kind is Kind.EMPTY else None
    return Store(open_engine(url, checked=True, on_new=on_new))


def emptied(db: Path, lang: str = SOURCE_LANGUAGE) -> str:
    """The notice for an empty (0-byte) file in which a new database was just made."""
    kept = worth_restoring(backups(backups_folder(db)))
    if kept is None:
        return t("store.emptied", lang, db=db)
    return t("store.emptied.backup", lang, db=db, day=kept.day.isoformat())
