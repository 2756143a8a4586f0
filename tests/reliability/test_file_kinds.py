"""Files that are not a usable mpquiz database, through the real CLI.

Another program's SQLite file (in rollback or WAL mode) and a schema version that is no
number are refused with one line and exit code 3, and their folder stays exactly as it
was: the same bytes, no `-wal`, `-shm` or backup folder beside them. An empty (0-byte)
file gets a new database with one line saying so, and that new empty database never
becomes a backup that could push out one with reviews.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from mpquiz.store import first_look
from mpquiz.store.backup import backups
from mpquiz.store.engine import backups_folder
from mpquiz.store.version import SCHEMA_VERSION
from tests.reliability.files import REVIEWS, make_learner_db, mpquiz, one_line

pytestmark = pytest.mark.slow


def listing(folder: Path) -> dict[str, str]:
    """Every file and folder under `folder`, with the SHA-256 of each file."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        if p.is_file()
        else "folder"
        for p in sorted(folder.rglob("*"))
    }


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The folder holding the file under test, and nothing else."""
    made = tmp_path / "data"
    made.mkdir()
    return made


def foreign_file(path: Path, *, wal: bool) -> Path:
    """Another program's SQLite database, closed as that program leaves it."""
    con = sqlite3.connect(path)
    if wal:
        con.execute("PRAGMA journal_mode = WAL")
    con.execute("CREATE TABLE photo (id INTEGER PRIMARY KEY, name TEXT)")
    con.executemany("INSERT INTO photo (name) VALUES (?)", [("a.jpg",), ("b.jpg",)])
    con.commit()
    con.close()
    return path


COMMANDS = {
    "stats": ("stats",),
    "review": ("review", "--plain"),
    "check": ("db", "check"),
    "backup": ("db", "backup"),
}


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("wal", [False, True], ids=["rollback", "wal"])
def test_another_programs_sqlite_file_is_refused_and_its_folder_left_as_it_was(
    folder: Path, wal: bool, command: str
) -> None:
    db = foreign_file(folder / "photos.db", wal=wal)
    before = listing(folder)
    result = mpquiz("--db", f"sqlite:///{db}", "--learner", "ana", *COMMANDS[command], stdin="1\n")
    line = one_line(result)
    assert result.returncode == 3, result.stderr
    assert f"{db} is not an mpquiz database" in line and "untouched" in line
    assert listing(folder) == before  # same bytes; no -wal, -shm or backups folder


def test_the_first_look_declines_another_programs_file_without_a_trace(folder: Path) -> None:
    db = foreign_file(folder / "photos.db", wal=True)
    before = listing(folder)
    meta = {"schema_version": str(SCHEMA_VERSION)}
    assert not first_look.ready(db, meta=meta, learner="ana")
    now = datetime.now(UTC)
    found = first_look.first_question(
        db, meta=meta, learner="ana", now=now, day_start=now, new_per_day=10
    )
    assert found is None
    assert listing(folder) == before


@pytest.mark.parametrize(
    "stored", ["two", "", "1.5", "-3", "9" * 5000], ids=["word", "empty", "float", "neg", "huge"]
)
def test_a_schema_version_that_is_no_number_is_refused_untouched(folder: Path, stored: str) -> None:
    db = folder / "mpquiz.db"
    make_learner_db(db)
    con = sqlite3.connect(db)
    con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (stored,))
    con.commit()
    con.close()
    before = listing(folder)
    for command in (("stats",), ("review", "--plain")):
        result = mpquiz("--db", f"sqlite:///{db}", "--learner", "ana", *command, stdin="1\n")
        line = one_line(result)
        assert result.returncode == 3 and str(db) in line
        assert "schema version" in line and "is not a number" in line
        assert "mpquiz db restore" in line
    assert listing(folder) == before  # not backed up, not switched to WAL


def test_an_empty_file_is_named_and_its_new_database_never_displaces_a_backup(
    folder: Path,
) -> None:
    db = folder / "mpquiz.db"
    make_learner_db(db)  # five reviews, and yesterday's backup of them
    db.write_bytes(b"")
    url = f"sqlite:///{db}"
    kept = listing(backups_folder(db))
    yesterday = date.today() - timedelta(days=1)
    first = mpquiz("--db", url, "--learner", "ana", "stats", "--json")
    assert first.returncode == 0, first.stderr
    assert one_line(first) == (
        f"mpquiz: {db}: the file was empty (0 bytes), so a new database was made in it; "
        f"`mpquiz db restore` brings back the backup of {yesterday.isoformat()}"
    )
    assert json.loads(first.stdout)["reviews"] == 0
    again = mpquiz("--db", url, "--learner", "ana", "stats", "--json")
    assert again.returncode == 0 and again.stderr == ""  # a database now: nothing to say
    assert listing(backups_folder(db)) == kept  # no backup of a database without reviews
    by_hand = mpquiz("--db", url, "db", "backup")  # asked for: today's copy, empty
    assert by_hand.returncode == 0, by_hand.stderr
    assert [b.day for b in backups(backups_folder(db))] == [date.today(), yesterday]
    restored = mpquiz("--db", url, "db", "restore", "--yes")  # the newest with reviews
    assert restored.returncode == 0, restored.stderr
    assert f"mpquiz-{yesterday.isoformat()}.db" in restored.stdout
    stats = mpquiz("--db", url, "--learner", "ana", "stats", "--json")
    assert json.loads(stats.stdout)["reviews"] == REVIEWS


def test_an_empty_file_without_backups_gets_a_new_database_and_one_line(folder: Path) -> None:
    db = folder / "mpquiz.db"
    db.write_bytes(b"")
    url = f"sqlite:///{db}"
    for command in (("db", "check"), ("db", "backup")):
        result = mpquiz("--db", url, *command)
        line = one_line(result)
        assert result.returncode == 3 and f"{db}: the file is empty (0 bytes)" in line
        assert db.read_bytes() == b""
    opened = mpquiz("--db", url, "--learner", "ana", "stats")
    assert opened.returncode == 0
    line = one_line(opened)
    assert line == f"mpquiz: {db}: the file was empty (0 bytes), so a new database was made in it"
    assert not backups_folder(db).exists()


def test_a_database_without_reviews_does_not_replace_todays_backup_with_some(
    folder: Path,
) -> None:
    db = folder / "mpquiz.db"
    make_learner_db(db)
    url = f"sqlite:///{db}"
    assert mpquiz("--db", url, "db", "backup").returncode == 0  # today's, with reviews
    kept = listing(backups_folder(db))
    db.write_bytes(b"")
    assert mpquiz("--db", url, "--learner", "ana", "stats").returncode == 0
    refused = mpquiz("--db", url, "db", "backup")
    line = one_line(refused)
    assert refused.returncode == 3 and "holds no reviews" in line and "does not replace" in line
    assert listing(backups_folder(db)) == kept
