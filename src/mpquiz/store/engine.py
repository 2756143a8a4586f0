"""Opening a database by URL: SQLite tuned for a desktop app, anything SQLAlchemy speaks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, OperationalError
from sqlalchemy.pool import StaticPool

from mpquiz.core.errors import BadInput, StoreError
from mpquiz.i18n import keyed
from mpquiz.store import json_text
from mpquiz.store.failures import cannot_open, explain, unusable
from mpquiz.store.migrations import migrate
from mpquiz.store.peek import look

BUSY_TIMEOUT_MS = 10_000


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event issue BEGIN itself (see _begin).
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = NORMAL")
    cur.close()


READ_ONLY = "mpquiz_read_only"
"""The execution option of an engine whose transactions only read (Store's reader)."""


def _begin(conn: Any) -> None:
    # A transaction that may write takes the write lock when it starts: a deferred one
    # that reads and then writes can fail at once with "database is locked" when another
    # writer got in between (the busy timeout cannot help there). One that only reads
    # begins deferred: in WAL mode it takes no lock, so it neither waits for writers nor
    # makes them wait (six sessions at once starved each other past the busy timeout
    # when every read took the write lock too). Transactions here are short.
    read_only = conn.get_execution_options().get(READ_ONLY, False)
    conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


def describe(url: str) -> str:
    """The URL without its password, fit for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def open_engine(
    url: str, *, checked: bool = False, on_new: Callable[[], None] | None = None
) -> Engine:
    """An engine for `url`, with the schema created or upgraded in place.

    An SQLite file is first looked at read-only (store.peek) and refused untouched when it
    is not mpquiz's, unless the caller `checked` it already. `on_new` is called once the
    tables of a new database are written.

    Raises:
        BadInput: the URL is malformed or names an unknown backend.
        StoreError: the database cannot be opened or is not usable by this mpquiz.
    """
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise keyed(BadInput, "store.url.invalid", url=url) from None
    kwargs: dict[str, Any] = {"json_serializer": json_text.dumps}
    is_sqlite = parsed.get_backend_name() == "sqlite"
    where = describe(url)
    file = sqlite_path(parsed)
    if is_sqlite:
        if file is None:
            kwargs["poolclass"] = StaticPool
        else:
            path = file
            where = str(path)
            if not checked and (refusal := unusable(path, look(path))) is not None:
                raise refusal
            if not path.parent.is_dir():
                try:
                    path.parent.mkdir(parents=True, exist_ok=True)
                except OSError as exc:
                    raise keyed(
                        StoreError, "store.no_folder", db=path, detail=exc.strerror or exc
                    ) from None
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000}
    try:
        engine = create_engine(parsed, **kwargs)
    except (ArgumentError, ImportError, ModuleNotFoundError) as exc:
        raise keyed(BadInput, "store.url.unusable", url=describe(url), detail=exc) from None
    if is_sqlite:
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _begin)
    try:
        with engine.begin() as conn:
            created = migrate(conn, where=where) == 0
    except StoreError:
        engine.dispose()
        raise
    except (DatabaseError, OperationalError) as exc:
        engine.dispose()
        if file is not None and "unable to open" in str(exc.orig):
            raise cannot_open(file, str(exc.orig)) from None
        raise explain(exc, where) from None
    if created and on_new is not None:
        on_new()
    return engine


def location(engine: Engine) -> str:
    """The database file (SQLite) or the URL without password, for messages."""
    file = sqlite_path(engine.url)
    return str(file) if file is not None else engine.url.render_as_string(hide_password=True)


def sqlite_path(url: str | URL) -> Path | None:
    """The database file when `url` names an SQLite file database, else None."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return None
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        return Path(parsed.database).expanduser()
    return None


def backups_folder(db: Path) -> Path:
    """Where the daily backups of an SQLite database file are kept: beside it."""
    return db.with_name(f"{db.stem}-backups")
