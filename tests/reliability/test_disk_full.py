"""A full disk: a clear error, and every review saved before it is still there.

Simulated two ways: a file-size limit (RLIMIT_FSIZE, with SIGXFSZ ignored so the write
fails with EFBIG instead of killing the process), which works anywhere; and, where the
test may mount one, a tiny tmpfs that really fills up (ENOSPC).
"""

from __future__ import annotations

import contextlib
import resource
import shutil
import signal
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from mpquiz.store.engine import backups_folder
from tests.reliability.files import REVIEWS, digest, make_learner_db, mpquiz, one_line
from tests.reliability.workers import EPOCH, audit, context, drain, review_loop, saved_ids

pytestmark = pytest.mark.slow


def _file_size_limit(limit: int) -> Callable[[], None]:
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def _limited_review_loop(limit: int, *args: object) -> None:
    _file_size_limit(limit)()
    review_loop(*args)  # type: ignore[arg-type]


def _run_until_full(url: str, limit: int) -> list[tuple[str, object]]:
    ctx = context()
    receiver, sender = ctx.Pipe(duplex=False)
    child = ctx.Process(
        target=_limited_review_loop, args=(limit, url, "ana", 5, EPOCH, sender, 5000)
    )
    child.start()
    sender.close()
    child.join(120)
    return drain(receiver)


def _check_saved(db: Path, messages: list[tuple[str, object]], words: str) -> None:
    errors = [text for kind, text in messages if kind == "error"]
    assert len(errors) == 1 and "StoreError" in errors[0] and words in errors[0], errors
    assert "\n" not in errors[0]
    saved = saved_ids(messages)
    assert saved, "the disk filled up before the first review"
    found = audit(db)  # without the limit, as the next start would see it
    assert found.integrity == []
    assert set(saved) <= set(found.review_ids)
    assert len(found.review_ids) - len(saved) <= 1
    assert found.inconsistent_cards == [] and found.orphan_runs == 0


def test_file_size_limit_stops_saving_cleanly(tmp_path: Path) -> None:
    db = tmp_path / "full.db"
    messages = _run_until_full(f"sqlite:///{db}", 2_000_000)
    _check_saved(db, messages, "writing to the disk failed")


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 3 MB tmpfs, where the test may mount one: a disk that really fills up (room for
    a learner's database of the built-in course and its backup, little more)."""
    folder = tmp_path / "tiny"
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=3000k", "tmpfs", str(folder)], capture_output=True
    )
    if mounted.returncode:
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def test_a_tiny_full_disk_stops_saving_cleanly(tiny_disk: Path) -> None:
    db = tiny_disk / "full.db"
    messages = _run_until_full(f"sqlite:///{db}", resource.RLIM_INFINITY)
    _check_saved(db, messages, "the disk is full")


def test_the_cli_says_the_disk_is_full_in_one_line(tmp_path: Path) -> None:
    db = tmp_path / "data" / "mpquiz.db"
    db.parent.mkdir()
    make_learner_db(db)
    # Room for the write-ahead log to take a commit or two, then no more: and no room
    # for today's backup either, which must not stop the learner.
    answers = "1\n3\nchild 0\nchild 1\njoined 2\n\nit waits\n\n" * 3
    result = mpquiz(
        "--db",
        f"sqlite:///{db}",
        "--learner",
        "ana",
        "review",
        "--pack",
        "mini",
        "--new",
        "4",
        stdin=answers,
        preexec=_file_size_limit(40_000),
    )
    line = one_line(result)
    assert result.returncode == 3 and "writing to the disk failed" in line
    assert "everything saved before is safe" in line
    found = audit(db)
    assert found.integrity == [] and len(found.review_ids) >= REVIEWS


def _assert_could_not_check(result: subprocess.CompletedProcess[str], db: Path) -> None:
    line = one_line(result)
    assert result.returncode == 3 and str(db) in line
    assert "could not check the database" in line and "disk is full" in line
    assert "damaged" not in line and result.stdout == ""


def test_db_check_under_a_file_size_limit_says_it_could_not_check(tmp_path: Path) -> None:
    db = tmp_path / "data" / "mpquiz.db"
    db.parent.mkdir()
    make_learner_db(db)
    before = digest(db)
    result = mpquiz("--db", f"sqlite:///{db}", "db", "check", preexec=_file_size_limit(0))
    _assert_could_not_check(result, db)
    assert digest(db) == before
    assert mpquiz("--db", f"sqlite:///{db}", "db", "check").stdout.strip().endswith(": ok")


def test_db_check_on_a_full_disk_says_it_could_not_check(tiny_disk: Path) -> None:
    db = tiny_disk / "mpquiz.db"
    make_learner_db(db)
    shutil.rmtree(backups_folder(db))
    filler = tiny_disk / "filler"
    with contextlib.suppress(OSError), filler.open("wb") as out:
        while True:
            out.write(bytes(4096))
            out.flush()
    before = digest(db)
    _assert_could_not_check(mpquiz("--db", f"sqlite:///{db}", "db", "check"), db)
    assert digest(db) == before
    for extra in ("-wal", "-shm"):  # what the failed check left: SQLite's own files
        db.with_name(db.name + extra).unlink(missing_ok=True)
    filler.unlink()
    assert mpquiz("--db", f"sqlite:///{db}", "db", "check").stdout.strip().endswith(": ok")
