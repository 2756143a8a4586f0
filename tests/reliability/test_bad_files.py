"""Damaged, foreign, read-only and too-new database files, through the real CLI.

Each gets one clear line on stderr and exit code 3, and the file is left byte for byte
as it was (damage is detected before mpquiz writes: SQLite's own checks when it reads a
page, and the day's quick check made before the daily backup). `mpquiz db check` reports
and `mpquiz db restore` puts the latest automatic backup back, keeping the damaged file.

Read-only files: the tests run as root in CI, where file modes do not stop writes, so as
root a read-only file is made immutable (`chattr +i`) and a read-only folder is a tmpfs
mounted read-only; as another user, chmod 0444 and 0555 do it. Each is skipped where
neither works.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from mpquiz.store.engine import backups_folder
from tests.reliability.files import REVIEWS, digest, make_learner_db, mpquiz, one_line

pytestmark = pytest.mark.slow
ROOT_USER = os.geteuid() == 0


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A learner's database file with reviews and yesterday's backup."""
    path = tmp_path / "data" / "mpquiz.db"
    path.parent.mkdir()
    make_learner_db(path)
    return path


def _truncate(db: Path) -> None:
    db.write_bytes(db.read_bytes()[: db.stat().st_size // 2])


def _zero(db: Path) -> None:
    db.write_bytes(bytes(db.stat().st_size))


def _zero_tail(db: Path) -> None:
    # What a crash on some file systems leaves: the right size, the last pages zeroed.
    data = bytearray(db.read_bytes())
    half = len(data) // 2 // 4096 * 4096
    data[half:] = bytes(len(data) - half)
    db.write_bytes(bytes(data))


def _not_sqlite(db: Path) -> None:
    db.write_text("name,score\nana,10\n" * 50)


DAMAGE = {
    "truncated": (_truncate, "damaged"),
    "zeroed": (_zero, "not an SQLite database"),
    "zeroed-tail": (_zero_tail, "damaged"),
    "not-sqlite": (_not_sqlite, "not an SQLite database"),
}


@pytest.mark.parametrize("kind", DAMAGE)
def test_a_damaged_file_is_refused_and_left_untouched(db: Path, kind: str) -> None:
    damage, words = DAMAGE[kind]
    damage(db)
    before = digest(db)
    url = f"sqlite:///{db}"
    result = mpquiz("--db", url, "--learner", "ana", "review", "--pack", "mini", stdin="1\n")
    line = one_line(result)
    assert result.returncode == 3 and words in line and str(db) in line
    assert "mpquiz db restore" in line
    assert digest(db) == before
    check = mpquiz("--db", url, "db", "check")
    assert check.returncode == 1 and words in check.stderr
    assert digest(db) == before


def test_restore_offers_the_latest_backup_and_keeps_the_damaged_file(db: Path) -> None:
    _truncate(db)
    damaged = digest(db)
    url = f"sqlite:///{db}"
    refused = mpquiz("--db", url, "db", "restore")  # no terminal, no --yes: asks for it
    assert refused.returncode == 2 and "--yes" in one_line(refused)
    restored = mpquiz("--db", url, "db", "restore", "--yes")
    assert restored.returncode == 0, restored.stderr
    aside = [p for p in db.parent.iterdir() if ".replaced-" in p.name and p.suffix != ""]
    assert [digest(p) for p in aside if "-wal" not in p.name and "-shm" not in p.name] == [damaged]
    assert mpquiz("--db", url, "db", "check").stdout.strip().endswith(": ok")
    stats = mpquiz("--db", url, "--learner", "ana", "stats", "--json")
    assert stats.returncode == 0, stats.stderr
    assert json.loads(stats.stdout)["reviews"] == REVIEWS


def test_a_newer_schema_is_refused_and_left_untouched(db: Path) -> None:
    con = sqlite3.connect(db)
    con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    before = digest(db)
    result = mpquiz("--db", f"sqlite:///{db}", "--learner", "ana", "stats")
    line = one_line(result)
    assert result.returncode == 3 and "newer" in line and "upgrade mpquiz" in line
    assert digest(db) == before


@pytest.fixture
def read_only_file(db: Path) -> Iterator[Path]:
    """The database made read-only: immutable as root, mode 0444 otherwise."""
    if ROOT_USER:
        if subprocess.run(["chattr", "+i", str(db)], capture_output=True).returncode:
            pytest.skip("chattr +i is not available here")
        try:
            yield db
        finally:
            subprocess.run(["chattr", "-i", str(db)], check=True)
    else:
        db.chmod(0o444)
        yield db


def test_a_read_only_file_can_be_read_but_an_answer_says_why_it_is_not_saved(
    read_only_file: Path,
) -> None:
    db = read_only_file
    before = digest(db)
    url = f"sqlite:///{db}"
    stats = mpquiz("--db", url, "--learner", "ana", "stats", "--json")
    assert stats.returncode == 0, stats.stderr
    assert json.loads(stats.stdout)["reviews"] == REVIEWS
    result = mpquiz("--db", url, "--learner", "ana", "review", "--pack", "mini", stdin="1\n")
    line = one_line(result)
    assert result.returncode == 3 and "read-only" in line and "not save" in line
    assert digest(db) == before


def _copy_with_backups(db: Path, folder: Path) -> None:
    shutil.copy2(db, folder / db.name)
    shutil.copytree(backups_folder(db), backups_folder(folder / db.name))


@pytest.fixture
def read_only_folder(db: Path, tmp_path: Path) -> Iterator[Path]:
    """The database in a read-only folder: a read-only tmpfs as root, mode 0555 otherwise."""
    folder = tmp_path / "ro"
    folder.mkdir()
    if not ROOT_USER:
        _copy_with_backups(db, folder)
        folder.chmod(0o555)
        yield folder / db.name
        folder.chmod(0o755)
        return
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(folder)], capture_output=True
    )
    if mounted.returncode:
        pytest.skip("cannot mount a tmpfs here")
    try:
        _copy_with_backups(db, folder)
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        yield folder / db.name
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def test_a_read_only_folder_is_named_as_the_cause(read_only_folder: Path) -> None:
    db = read_only_folder
    before = digest(db)
    url = f"sqlite:///{db}"
    result = mpquiz("--db", url, "--learner", "ana", "stats")
    line = one_line(result)
    assert result.returncode == 3 and "folder is read-only" in line
    check = mpquiz("--db", url, "db", "check")  # the file itself is sound
    assert check.returncode == 0 and check.stdout.strip().endswith(": ok"), check.stderr
    assert digest(db) == before


def _files(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): digest(p) for p in sorted(folder.rglob("*")) if p.is_file()}


def test_restore_onto_a_read_only_file_says_so_and_changes_nothing(
    read_only_file: Path,
) -> None:
    db = read_only_file
    before = _files(db.parent)
    result = mpquiz("--db", f"sqlite:///{db}", "db", "restore", "--yes")
    line = one_line(result)
    assert result.returncode == 3 and str(db) in line
    assert "cannot restore a backup here" in line and "read-only" in line
    assert "nothing was changed" in line
    assert _files(db.parent) == before  # no .restoring copy, nothing moved aside


def test_restore_into_a_read_only_folder_says_so_and_changes_nothing(
    read_only_folder: Path,
) -> None:
    db = read_only_folder
    before = _files(db.parent)
    result = mpquiz("--db", f"sqlite:///{db}", "db", "restore", "--yes")
    line = one_line(result)
    assert result.returncode == 3 and str(db) in line
    assert "its folder is read-only" in line and "nothing was changed" in line
    assert _files(db.parent) == before
