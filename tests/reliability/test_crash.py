"""SIGKILL at random moments: nothing reported as saved is ever lost, nothing is doubled.

A child process runs a scripted review session on the mini pack (demos stubbed, so it
answers hundreds of questions a second) and is killed with SIGKILL at a random moment:
mostly while it answers, sometimes while it opens, creates or syncs the database. After
every kill the file must pass `PRAGMA integrity_check`, hold every review the child had
reported after `rate()` returned, hold no review twice, keep each card in step with its
reviews (one transaction), and the next session must start normally. `make soak` runs
ten times as many kills (MPQUIZ_SOAK=1).
"""

from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path

import pytest

from tests.reliability.workers import (
    EPOCH,
    ERA,
    audit,
    context,
    drain,
    review_loop,
    saved_ids,
    soak_factor,
)

pytestmark = pytest.mark.slow
KILLS = 100


def test_sigkill_at_random_moments_loses_no_saved_review(tmp_path: Path) -> None:
    rng = random.Random(20260302)
    db = tmp_path / "crash.db"
    url = f"sqlite:///{db}"
    ctx = context()
    kills = KILLS * soak_factor()
    reported: list[int] = []
    early = 0
    for i in range(kills):
        receiver, sender = ctx.Pipe(duplex=False)
        child = ctx.Process(
            target=review_loop,
            args=(url, "ana", rng.randrange(1 << 30), EPOCH + i * ERA, sender),
        )
        child.start()
        sender.close()
        if i == 0 or rng.random() < 0.15:
            # While it opens: creating the schema, syncing the pack, adding the learner.
            early += 1
            time.sleep(rng.uniform(0, 0.03))
        else:
            assert receiver.poll(30), f"session {i} did not start after the previous kill"
            time.sleep(rng.uniform(0, 0.2))
        os.kill(child.pid, signal.SIGKILL)  # type: ignore[arg-type]
        child.join(10)
        messages = drain(receiver)
        receiver.close()
        errors = [m for m in messages if m[0] == "error"]
        assert not errors, f"session {i} failed before it was killed: {errors}"
        assert child.exitcode == -signal.SIGKILL, f"session {i} ended on its own"
        reported += saved_ids(messages)
        if not db.exists():
            continue
        found = audit(db)
        assert found.integrity == [], f"after kill {i}: {found.integrity[:5]}"
        missing = set(reported) - set(found.review_ids)
        assert not missing, f"after kill {i}, reviews reported saved are gone: {missing}"
        # A review committed just before the kill, whose id had not been sent yet.
        assert len(found.review_ids) - len(reported) <= i + 1
        assert found.duplicates == [], f"after kill {i}: {found.duplicates}"
        assert found.inconsistent_cards == [], f"after kill {i}: {found.inconsistent_cards}"
        assert found.orphan_runs == 0, f"after kill {i}: a demo run without its review"

    # And then a session that is left alone finishes normally on the same file.
    receiver, sender = ctx.Pipe(duplex=False)
    child = ctx.Process(target=review_loop, args=(url, "ana", 1, EPOCH + kills * ERA, sender, 30))
    child.start()
    sender.close()
    child.join(60)
    messages = drain(receiver)
    assert child.exitcode == 0 and messages[-1] == ("done", 30), messages[-3:]
    found = audit(db)
    assert found.integrity == [] and set(reported + saved_ids(messages)) <= set(found.review_ids)
    print(
        f"\ncrash test: {kills} kills ({early} while opening), "
        f"{len(reported)} reviews reported saved and found, {len(found.review_ids)} stored"
    )
