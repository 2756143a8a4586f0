"""Shared by the bad-file and disk-full tests: a learner's database, and the real CLI."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from tests.conftest import ROOT
from tests.reliability.workers import EPOCH, MINI
from tests.support import zygote

REVIEWS = 5


def make_learner_db(db: Path) -> None:
    """A database as the app leaves it: both packs synced, `ana` with five reviews, and
    yesterday's automatic backup (so today's first start checks the file again)."""
    from mpquiz.core.scheduling import CardState, Rating, Scheduler
    from mpquiz.packs.loader import load_pack
    from mpquiz.services import Services
    from mpquiz.store.backup import backup_now
    from mpquiz.store.engine import backups_folder, open_engine
    from mpquiz.store.repository import ReviewRecord, Store

    store = Store(open_engine(f"sqlite:///{db}"))
    Services(db_url=f"sqlite:///{db}").sync_builtin(store)  # as the app syncs it, stamp too
    store.sync_pack(load_pack(MINI), EPOCH)
    learner = store.learner_id("ana", EPOCH)
    for i, item in enumerate(store.unseen(learner, REVIEWS, pack_id="mini") * 2):
        if i >= REVIEWS:
            break
        at = EPOCH + timedelta(minutes=i)
        after = Scheduler().review(CardState(), Rating.Good, at)
        store.record_review(
            ReviewRecord(learner, item.id, at, 3, True, "1", 10, "review", None, after)
        )
    store.close()
    backup_now(db, backups_folder(db), date.today() - timedelta(days=1))


def digest(path: Path) -> str:
    """SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def mpquiz(
    *args: str,
    stdin: str = "",
    preexec: Callable[[], None] | None = None,
) -> subprocess.CompletedProcess[str]:
    """`python -m mpquiz ARGS` as a learner runs it (MPQUIZ_HOME is the test's), forked
    from a process that has imported mpquiz (tests.support.zygote) unless `preexec` must
    run in it first."""
    env = {**os.environ, "COLUMNS": "100"}
    if preexec is None:
        return zygote.run(list(args), stdin=stdin, env=env, cwd=ROOT, timeout=120)
    return subprocess.run(
        [sys.executable, "-m", "mpquiz", *args],
        input=stdin,
        text=True,
        capture_output=True,
        env={**os.environ, "COLUMNS": "100"},
        timeout=120,
        cwd=ROOT,
        preexec_fn=preexec,
    )


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    """The single `mpquiz: ...` line on stderr, checked to be alone and no traceback."""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("mpquiz: ") and "Traceback" not in result.stderr
    return lines[0]
