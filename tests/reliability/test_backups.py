"""Daily backups: one a day, the last seven kept, safe while another process writes."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from mpquiz.core.errors import StoreError
from mpquiz.store.backup import KEEP, backup_now, backups, daily_backup, integrity
from mpquiz.store.engine import backups_folder
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
