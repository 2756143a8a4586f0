"""Daily backups: one a day, the last seven kept, safe while another process writes."""

from __future__ import annotations

import errno
import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from mpquiz.core.errors import StoreError
from mpquiz.store import backup as backup_module
from mpquiz.store.backup import (
    KEEP,
    backup_now,
    backups,
    daily_backup,
    integrity,
    prune,
    restore,
    worth_restoring,
)
from mpquiz.store.engine import backups_folder, open_engine
from tests.reliability.files import digest, make_learner_db, mpquiz
from tests.reliability.workers import EPOCH, audit, context, drain, review_loop, saved_ids

DAY = date(2026, 3, 2)
WRITES = 150


def test_one_backup_a_day_and_the_last_seven_kept(tmp_path: Path) -> None:
    db = tmp_path / "mpquiz.db"
    make_learner_db(db)
    folder = tmp_path / "backups"
    for n in range(10):
        today = DAY + timedelta(days=n)
        assert daily_backup(db, folder, today) is not None
        assert daily_backup(db, folder, today) is None  # once a day
    kept = backups(folder)
    assert [b.day for b in kept] == [DAY + timedelta(days=n) for n in range(9, 9 - KEEP, -1)]
    assert all(integrity(b.path) == [] for b in kept)


def test_a_damaged_file_is_neither_backed_up_nor_opened(tmp_path: Path) -> None:
    db = tmp_path / "mpquiz.db"
    make_learner_db(db)
    folder = tmp_path / "backups"
    daily_backup(db, folder, DAY)
    data = bytearray(db.read_bytes())
    data[len(data) // 2 :] = bytes(len(data) - len(data) // 2)
    db.write_bytes(bytes(data))
    before = digest(db)
    with pytest.raises(StoreError, match="damaged"):
        daily_backup(db, folder, DAY + timedelta(days=1))
    assert [b.day for b in backups(folder)] == [DAY] and digest(db) == before


def test_a_backup_taken_while_another_process_writes_is_sound(tmp_path: Path) -> None:
    db = tmp_path / "busy.db"
    ctx = context()
    receiver, sender = ctx.Pipe(duplex=False)
    writer = ctx.Process(
        target=review_loop, args=(f"sqlite:///{db}", "ana", 9, EPOCH, sender, WRITES)
    )
    writer.start()
    sender.close()
    assert receiver.poll(60)
    messages = []
    taken = []
    n = 0
    while writer.is_alive() or not taken:
        messages += drain(receiver)
        target = backup_now(db, tmp_path / "backups", DAY + timedelta(days=n))
        n += 1
        taken.append(target)
        found = audit(target)  # a consistent snapshot: whole reviews only
        assert found.integrity == [] and found.inconsistent_cards == []
        assert found.orphan_runs == 0
        writer.join(0.02)
    messages += drain(receiver)
    assert writer.exitcode == 0 and messages[-1] == ("done", WRITES)
    assert len(taken) >= 2
    con = sqlite3.connect(taken[-1])
    assert con.execute("SELECT count(*) FROM review").fetchone()[0] <= WRITES
    con.close()
    assert set(saved_ids(messages)) == set(audit(db).review_ids)


def test_the_app_backs_up_when_it_opens(tmp_path: Path) -> None:
    db = tmp_path / "mpquiz.db"
    make_learner_db(db)  # with yesterday's backup
    result = mpquiz("--db", f"sqlite:///{db}", "--learner", "ana", "stats")
    assert result.returncode == 0, result.stderr
    days = [b.day for b in backups(backups_folder(db))]
    assert days == [date.today(), date.today() - timedelta(days=1)]


def test_a_database_without_reviews_is_never_backed_up(tmp_path: Path) -> None:
    db = tmp_path / "mpquiz.db"
    open_engine(f"sqlite:///{db}").dispose()  # a new database: packs maybe, no reviews
    folder = tmp_path / "backups"
    assert daily_backup(db, folder, DAY) is None
    assert not folder.exists()


def test_the_rotation_drops_backups_without_reviews_first(tmp_path: Path) -> None:
    db = tmp_path / "mpquiz.db"
    make_learner_db(db)
    empty = tmp_path / "empty.db"
    open_engine(f"sqlite:///{empty}").dispose()
    folder = tmp_path / "backups"
    for n in range(KEEP):  # a week of backups with reviews...
        backup_now(db, folder, DAY + timedelta(days=n))
    for n in range(KEEP, KEEP + 3):  # ...then newer ones of a database without any
        backup_now(empty, folder, DAY + timedelta(days=n))
    assert prune(folder) == [
        folder / f"mpquiz-{(DAY + timedelta(days=n)).isoformat()}.db"
        for n in range(KEEP + 2, KEEP - 1, -1)
    ]
    assert [b.day for b in backups(folder)] == [DAY + timedelta(days=n) for n in range(6, -1, -1)]
    assert worth_restoring(backups(folder)).day == DAY + timedelta(days=6)  # type: ignore[union-attr]
    assert daily_backup(db, folder, DAY + timedelta(days=20)) is not None
    days = [b.day for b in backups(folder)]
    assert days[0] == DAY + timedelta(days=20) and len(days) == KEEP and DAY not in days


def test_restore_prefers_the_newest_backup_with_reviews(tmp_path: Path) -> None:
    db = tmp_path / "mpquiz.db"
    make_learner_db(db)
    empty = tmp_path / "empty.db"
    open_engine(f"sqlite:///{empty}").dispose()
    folder = tmp_path / "backups"
    backup_now(db, folder, DAY)
    backup_now(empty, folder, DAY + timedelta(days=1))
    assert worth_restoring(backups(folder)).day == DAY  # type: ignore[union-attr]
    assert worth_restoring([]) is None


def test_a_restore_that_fails_at_its_last_step_puts_everything_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "mpquiz.db"
    make_learner_db(db)
    db.with_name(db.name + "-wal").write_bytes(b"")  # moved aside with it, and back
    backup = backups(backups_folder(db))[0].path

    def files() -> dict[str, str]:
        return {str(p.relative_to(tmp_path)): digest(p) for p in tmp_path.rglob("*") if p.is_file()}

    before = files()

    def full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup_module.os, "replace", full)
    with pytest.raises(StoreError, match="the disk is full; nothing was changed"):
        restore(backup, db, datetime(2026, 3, 2, 9, 0))
    assert files() == before
