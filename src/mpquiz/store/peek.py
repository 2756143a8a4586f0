"""What a database file is, found by a read-only look before anything writes to it.

Opening a file through the engine switches it to WAL mode, and the daily backup copies
it: both must wait until the file is known to be mpquiz's. This module reads the 100-byte
header and, through the standard sqlite3 module, the table names and the stored schema
version, and writes nothing: a file in WAL mode with no write-ahead log to read is
opened as immutable, since even a read-only connection would leave `-wal` and `-shm`
files beside it. Standard library only, so `store.first_look` may use it.
"""

from __future__ import annotations

import contextlib
import enum
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

MAGIC = b"SQLite format 3\x00"
MPQUIZ_TABLES = frozenset({"meta", "learner", "pack", "question", "card", "review"})
"""Tables every mpquiz database has had since its first schema version."""
_VERSION = re.compile(r"[1-9][0-9]{0,8}")


class Kind(enum.Enum):
    """The ways a database file can be."""

    MISSING = "missing"
    EMPTY = "empty"  # 0 bytes
    NOT_SQLITE = "not sqlite"
    BLANK = "blank"  # an SQLite database without tables
    FOREIGN = "foreign"  # tables, but not mpquiz's
    BAD_VERSION = "bad version"  # mpquiz's meta table, with a version that is no number
    MPQUIZ = "mpquiz"
    DAMAGED = "damaged"
    UNREADABLE = "unreadable"  # could not look (busy, permissions): opening it says why


class Look(NamedTuple):
    """What a look at a database file found."""

    kind: Kind
    version: int | None = None
    detail: str = ""
    """The stored version as written (BAD_VERSION), or SQLite's message."""
    tables: frozenset[str] = frozenset()


def wal_has_pages(db: Path) -> bool:
    """True when the write-ahead log beside `db` holds something to read."""
    try:
        return db.with_name(db.name + "-wal").stat().st_size > 0
    except OSError:
        return False


def _header(db: Path) -> bytes:
    with db.open("rb") as f:
        return f.read(100)


def _in_wal_mode(header: bytes) -> bool:
    # Bytes 18 and 19 are the write and read format versions: 2 means WAL.
    return len(header) >= 20 and 2 in (header[18], header[19])


@contextlib.contextmanager
def connect_readonly(db: Path, timeout: float = 1.0) -> Iterator[sqlite3.Connection]:
    """A read-only connection to `db` that creates no file beside it."""
    immutable = _in_wal_mode(_header(db)) and not wal_has_pages(db)
    flags = "mode=ro&immutable=1" if immutable else "mode=ro"
    con = sqlite3.connect(f"{db.absolute().as_uri()}?{flags}", uri=True, timeout=timeout)
    try:
        yield con
    finally:
        con.close()


def look(db: Path) -> Look:
    """What `db` is, without writing to it or beside it."""
    if not db.exists():
        return Look(Kind.MISSING)
    if not db.is_file():
        return Look(Kind.UNREADABLE, detail="not a regular file")
    try:
        header = _header(db)
    except OSError as exc:
        return Look(Kind.UNREADABLE, detail=exc.strerror or str(exc))
    if not header:
        return Look(Kind.EMPTY)
    if not header.startswith(MAGIC):
        return Look(Kind.NOT_SQLITE, detail="file is not a database")
    try:
        with connect_readonly(db) as con:
            return _contents(con)
    except sqlite3.OperationalError as exc:
        return Look(Kind.UNREADABLE, detail=str(exc))
    except OSError as exc:
        return Look(Kind.UNREADABLE, detail=exc.strerror or str(exc))
    except sqlite3.DatabaseError as exc:
        text = str(exc)
        kind = Kind.NOT_SQLITE if "not a database" in text else Kind.DAMAGED
        return Look(kind, detail=text)


def _contents(con: sqlite3.Connection) -> Look:
    rows = con.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    tables = frozenset(str(r[0]) for r in rows)
    if not tables:
        return Look(Kind.BLANK)
    if "meta" not in tables:
        return Look(Kind.FOREIGN, tables=tables)
    try:
        row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except sqlite3.OperationalError as exc:
        if "no such column" in str(exc):  # a `meta` table of another program
            return Look(Kind.FOREIGN, tables=tables)
        raise
    if row is None:
        return Look(Kind.FOREIGN, tables=tables)
    version = parse_version(row[0])
    if version is None:
        return Look(Kind.BAD_VERSION, detail=shown_value(row[0]), tables=tables)
    return Look(Kind.MPQUIZ, version=version, tables=tables)


def parse_version(value: object) -> int | None:
    """The schema version stored as `value`, or None when it is not a positive integer."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value < 10**9:
        return value
    if isinstance(value, str) and _VERSION.fullmatch(value):
        return int(value)
    return None


def shown_value(value: object) -> str:
    """A stored value as a short printable text, for messages."""
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    text = repr(value) if isinstance(value, str) else str(value)
    text = "".join(c if c.isprintable() else "?" for c in text)
    return text if len(text) <= 40 else text[:39] + "…"


def has_reviews(db: Path) -> bool:
    """True when `db` holds at least one review; False when it holds none or cannot be read."""
    try:
        with connect_readonly(db) as con:
            found: int = con.execute("SELECT EXISTS (SELECT 1 FROM review)").fetchone()[0]
            return found == 1
    except (OSError, sqlite3.Error):
        return False
