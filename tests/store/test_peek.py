"""store.peek: every way a database file can be, found without writing a byte."""

from __future__ import annotations

import hashlib
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from mpquiz.core.errors import StoreError
from mpquiz.store import migrations
from mpquiz.store.engine import open_engine
from mpquiz.store.failures import unusable
from mpquiz.store.peek import Kind, has_reviews, look, parse_version


def _sqlite(path: Path, *sql: str, wal: bool = False) -> None:
    con = sqlite3.connect(path)
    if wal:
        con.execute("PRAGMA journal_mode = WAL")
    for statement in sql:
        con.execute(statement)
    con.commit()
    con.close()


def _mpquiz(path: Path, version: object = None) -> None:
    open_engine(f"sqlite:///{path}").dispose()
    if version is not None:
        _sqlite(path)
        con = sqlite3.connect(path)
        con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (version,))
        con.commit()
        con.close()


def _state(folder: Path) -> dict[str, str]:
    """Each file in `folder` with its SHA-256."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder of its own for the file under test."""
    made = tmp_path / "files"
    made.mkdir()
    return made


MAKERS: dict[str, tuple[Callable[[Path], None], Kind]] = {
    "missing": (lambda p: None, Kind.MISSING),
    "empty": (lambda p: p.write_bytes(b""), Kind.EMPTY),
    "text": (lambda p: p.write_text("name,score\nana,10\n" * 50), Kind.NOT_SQLITE),
    "zeros": (lambda p: p.write_bytes(bytes(8192)), Kind.NOT_SQLITE),
    "short": (lambda p: p.write_bytes(b"SQLite"), Kind.NOT_SQLITE),
    "blank": (lambda p: _sqlite(p, "VACUUM"), Kind.BLANK),
    "foreign": (lambda p: _sqlite(p, "CREATE TABLE t (x)"), Kind.FOREIGN),
    "foreign-wal": (lambda p: _sqlite(p, "CREATE TABLE t (x)", wal=True), Kind.FOREIGN),
    "foreign-meta": (lambda p: _sqlite(p, "CREATE TABLE meta (a, b)"), Kind.FOREIGN),
    "meta-no-version": (
        lambda p: _sqlite(p, "CREATE TABLE meta (key, value)", "INSERT INTO meta VALUES (1, 2)"),
        Kind.FOREIGN,
    ),
    "mpquiz": (_mpquiz, Kind.MPQUIZ),
    "version-text": (lambda p: _mpquiz(p, "two"), Kind.BAD_VERSION),
    "version-empty": (lambda p: _mpquiz(p, ""), Kind.BAD_VERSION),
    "version-float": (lambda p: _mpquiz(p, 2.5), Kind.BAD_VERSION),
    "version-negative": (lambda p: _mpquiz(p, "-1"), Kind.BAD_VERSION),
    "version-huge": (lambda p: _mpquiz(p, "9" * 5000), Kind.BAD_VERSION),
    "version-blob": (lambda p: _mpquiz(p, b"\x00\x01"), Kind.BAD_VERSION),
}


@pytest.mark.parametrize("name", MAKERS)
def test_each_kind_of_file_is_told_apart_without_touching_it(folder: Path, name: str) -> None:
    make, kind = MAKERS[name]
    db = folder / "x.db"
    make(db)
    before = _state(folder)
    found = look(db)
    assert found.kind is kind, found
    assert _state(folder) == before  # no byte changed, no -wal, -shm or journal made


def test_a_damaged_file_is_found_damaged(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    _mpquiz(db)
    data = bytearray(db.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # the schema page's header and cells
    db.write_bytes(bytes(data))
    found = look(db)
    assert found.kind in (Kind.DAMAGED, Kind.NOT_SQLITE) and found.detail


def test_a_version_is_a_positive_whole_number() -> None:
    assert parse_version("2") == 2 and parse_version(3) == 3
    for bad in ("", "02", "2.0", " 2", "-1", "0", 0, True, 2.0, None, b"2", "9" * 5000):
        assert parse_version(bad) is None, bad


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("text", "not an SQLite database"),
        ("foreign", "not an mpquiz database (it has other tables)"),
        ("foreign-wal", "not an mpquiz database (it has other tables)"),
        ("version-text", "its schema version 'two' is not a number"),
        ("version-huge", "is not a number"),
    ],
)
def test_the_engine_refuses_what_is_not_mpquiz_before_writing(
    folder: Path, name: str, words: str
) -> None:
    db = folder / "x.db"
    MAKERS[name][0](db)
    before = _state(folder)
    with pytest.raises(StoreError, match=re.escape(words)) as err:
        open_engine(f"sqlite:///{db}")
    assert str(db) in str(err.value) and "\n" not in str(err.value)
    assert _state(folder) == before


def test_a_meta_table_without_mpquiz_tables_is_not_taken_for_mpquiz(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    _sqlite(db, "CREATE TABLE meta (key, value)", "INSERT INTO meta VALUES ('schema_version', 1)")
    found = look(db)
    assert found.kind is Kind.MPQUIZ and found.version == 1
    refusal = unusable(db, found, latest=migrations.LATEST)
    assert refusal is not None and "lacks mpquiz's tables" in str(refusal)


def test_a_newer_version_is_refused_only_when_asked_against_a_latest(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    _mpquiz(db, str(migrations.LATEST + 1))
    found = look(db)
    assert unusable(db, found) is None  # the engine leaves this to the migrations
    assert "newer than this mpquiz" in str(unusable(db, found, latest=migrations.LATEST))


def test_has_reviews_reads_without_writing(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    _mpquiz(db)
    assert not has_reviews(db)
    assert not has_reviews(tmp_path / "none.db") and not (tmp_path / "none.db").exists()
    other = tmp_path / "other.db"
    _sqlite(other, "CREATE TABLE t (x)")
    assert not has_reviews(other)
