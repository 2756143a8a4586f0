"""What the child processes of the reliability tests run, and the checks made afterwards.

Children are started from a forkserver that has already imported mpquiz and loaded the
built-in pack (97 questions, so a session never runs out of work), so each one begins
its session within milliseconds: a crash test can kill a hundred sessions in seconds.
A child reports every review id on a pipe right after `rate()` returns, which is the
moment mpquiz tells the learner an answer is saved. Demos are replaced by a stub that
returns a finished run at once (so a demo run is still stored with each review, in the
same transaction), and time comes from a clock that moves only when the script says so.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import random
import sqlite3
import sys
import traceback
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
MINI = FIXTURES / "mini"
EPOCH = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
ERA = timedelta(days=3 * 365)
"""Each crash-test child gets its own era of simulated time, so time never runs back."""
LONG_ERA = timedelta(days=500 * 365)
"""The start offset between concurrent sessions, which run until their count is done."""

NEW_PER_DAY = 30
PRELOAD = [
    "mpquiz.store.repository",
    "mpquiz.session.review",
    "mpquiz.session.queue",
    "mpquiz.packs.loader",
    "tests.reliability.preload",
]


@functools.cache
def builtin_pack() -> Any:
    """The built-in pack, loaded once per process (in the forkserver, before any fork)."""
    from mpquiz import paths
    from mpquiz.packs.loader import load_pack

    return load_pack(paths.builtin_pack_dir(), demos_dir=paths.builtin_demos_dir(), builtin=True)


def soak_factor() -> int:
    """How many times longer to run: MPQUIZ_SOAK=1 (as `make soak` sets) means 10."""
    value = os.environ.get("MPQUIZ_SOAK", "")
    if not value or value == "0":
        return 1
    return 10 if value == "1" else max(1, int(value))


def context() -> multiprocessing.context.BaseContext:
    """A forkserver context that has mpquiz imported before it forks each child."""
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(PRELOAD)
    return ctx


class SteppingClock:
    """A clock that moves only when told (UTC, midnight in UTC)."""

    def __init__(self, start: datetime) -> None:
        from mpquiz.session.clock import Clock

        self.t = start
        self.mono = 0.0
        self.clock = Clock(now=lambda: self.t, monotonic=lambda: self.mono, zone=UTC)

    def advance(self, **delta: float) -> None:
        """Move wall time (and the monotonic timer) forward."""
        step = timedelta(**delta)
        self.t += step
        self.mono += step.total_seconds()


@dataclass
class StubDemo:
    """A demo that has already finished: what DemoLauncher's `start` returns in tests."""

    spec: Any

    def wait(self) -> Any:
        """The finished run, as if the demo printed what the mini pack's demos print."""
        from mpquiz.runner.result import OutputLine, RunResult

        lines = (OutputLine(0.01, "exitcode: 3"), OutputLine(0.02, "joined 2"))
        return RunResult(self.spec.script.name, self.spec.args, 0, 0.02, False, False, False, lines)

    async def result(self) -> Any:
        """`wait` for an event loop."""
        return self.wait()

    def cancel(self) -> None:
        """Nothing runs, nothing to stop."""


def answer_for(question: Any, rng: random.Random) -> str:
    """A well-formed answer, right or wrong, for a question of any kind."""
    kind = question.kind.value
    if kind == "choice":
        return str(rng.randint(1, len(question.options)))
    if kind == "numeric":
        return str(rng.randint(0, 5))
    if kind == "predict":
        return rng.choice(["child 0\nchild 1\njoined 2", "joined 2"])
    return rng.choice(["it waits for the child", "no idea"])


def review_loop(
    url: str,
    learner: str,
    seed: int,
    start: datetime,
    out: Connection,
    reviews: int | None = None,
    go: Any = None,
) -> None:
    """Answer and rate the built-in pack's questions day after day, reporting each review id.

    Sends ("ready", None) once the store is open, ("saved", id) after every rate(), and
    ("done", count) when `reviews` reviews were made. Runs until killed when `reviews`
    is None. `go` (an Event) holds every child at the start line until all are ready.
    """
    try:
        _review_loop(url, learner, seed, start, out, reviews, go)
    except Exception as exc:
        # Where in mpquiz it was raised, for a failure that shows only now and then.
        frames = traceback.extract_tb(exc.__traceback__)
        ours = [f for f in frames if "/mpquiz/" in f.filename] or frames
        where = ", ".join(f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in ours[-4:])
        out.send(("error", f"{type(exc).__name__}: {exc} (in {where})"))
        sys.exit(1)  # the parent reads the error from the pipe; no traceback on stderr


def _review_loop(
    url: str,
    learner: str,
    seed: int,
    start: datetime,
    out: Connection,
    reviews: int | None,
    go: Any,
) -> None:
    from mpquiz.core.scheduling import Rating, Scheduler
    from mpquiz.packs.places import PackPlaces
    from mpquiz.session.demos import DemoLauncher, TrustLocalFiles
    from mpquiz.session.queue import build_queue
    from mpquiz.session.review import ReviewSession
    from mpquiz.store.engine import open_engine
    from mpquiz.store.repository import Store

    rng = random.Random(seed)
    store = Store(open_engine(url))
    store.sync_pack(builtin_pack(), start)  # every session syncs its pack, as the app does
    learner_id = store.learner_id(learner, start)
    launcher = DemoLauncher(PackPlaces.here(), TrustLocalFiles(), start=StubDemo)
    clock = SteppingClock(start)
    out.send(("ready", None))
    if go is not None:
        go.wait()
    made = 0
    # A session killed at random must never see time run back, so it stays in its era;
    # one that is to make a given number of reviews goes on as long as it takes.
    until = start + ERA if reviews is None else None
    while until is None or clock.t < until:
        items = build_queue(store, learner_id, clock.t, clock.clock.day_start(), NEW_PER_DAY)
        session = ReviewSession(
            store, Scheduler(), learner_id, launcher, items, lang="en", clock=clock.clock
        )
        while (item := session.show()) is not None:
            session.answer(answer_for(item.question, rng))
            clock.advance(seconds=rng.randint(5, 600))
            review_id = session.rate(rng.choice(list(Rating)))
            out.send(("saved", review_id))
            made += 1
            if reviews is not None and made >= reviews:
                store.close()
                out.send(("done", made))
                return
        if session.answered:
            clock.advance(days=1)
        else:  # nothing due today: on to the day the next card falls due
            later = store.due(learner_id, clock.t + timedelta(days=365_000), 1)
            clock.advance(days=1)
            if later and later[0].card is not None and later[0].card.due:
                clock.t = max(clock.t, later[0].card.due)
    store.close()
    out.send(("done", made))


def drain(conn: Connection) -> list[tuple[str, Any]]:
    """Every message a (possibly killed) child managed to send."""
    messages = []
    while True:
        try:
            if not conn.poll():
                break
            messages.append(conn.recv())
        except (EOFError, OSError):
            break
    return messages


@dataclass(frozen=True)
class Audit:
    """What a database holds after the storm."""

    integrity: list[str]
    review_ids: list[int]
    duplicates: list[tuple[Any, ...]]
    inconsistent_cards: list[tuple[Any, ...]]
    orphan_runs: int


def audit(db: Path) -> Audit:
    """Check a database file with plain sqlite3: integrity, duplicates, card/review agreement.

    A review, its demo run and its card update are one transaction, so for every card the
    count of its reviews must equal its `reps`, its last review time must be that of its
    newest review, and no demo run may exist without the review that points at it.
    """
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        problems = [r[0] for r in con.execute("PRAGMA integrity_check")]
        ids = [r[0] for r in con.execute("SELECT id FROM review ORDER BY id")]
        dupes = con.execute(
            "SELECT learner_id, question_id, reviewed_at, count(*) FROM review"
            " GROUP BY learner_id, question_id, reviewed_at, answer HAVING count(*) > 1"
        ).fetchall()
        cards = con.execute(
            "SELECT c.id, c.reps, count(r.id), c.last_review, max(r.reviewed_at)"
            " FROM card c LEFT JOIN review r ON r.card_id = c.id GROUP BY c.id"
            " HAVING c.reps != count(r.id) OR c.last_review IS NOT max(r.reviewed_at)"
        ).fetchall()
        orphans = con.execute(
            "SELECT count(*) FROM demo_run d WHERE NOT EXISTS"
            " (SELECT 1 FROM review r WHERE r.demo_run_id = d.id)"
        ).fetchone()[0]
    finally:
        con.close()
    return Audit([] if problems == ["ok"] else problems, ids, dupes, cards, orphans)


def saved_ids(messages: Iterable[tuple[str, Any]]) -> list[int]:
    """The review ids a child reported as saved."""
    return [value for kind, value in messages if kind == "saved"]
