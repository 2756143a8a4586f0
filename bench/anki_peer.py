"""The peer: the same day's-queue building in Anki's own library, on an equivalent collection.

Anki (the `anki` package from PyPI) is installed into its own virtual environment under
bench/.cache/anki-venv on first use, never into mpquiz's. This file is also the script
that runs inside that environment (`--child`), importing only the standard library and
anki. The collection mirrors bench/queue.py's: N notes of the Basic type in one deck,
the first half with review cards (2% due today), the rest new, 1,000,000 revlog rows;
limits of 9,999 reviews and 7 new cards a day (mpquiz: all due, 10 new minus 3 today).
One build is `get_queued_cards(fetch_limit=1)` after switching decks, which makes the
backend rebuild its queues from the database (it caches them per deck and day).
When Anki cannot be installed or run, the table says so and the run goes on.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
VENV = CACHE / "anki-venv"
REVIEWS = 1_000_000


def _venv_python() -> Path | None:
    """The anki environment's interpreter, created on first use; None when impossible."""
    python = VENV / "bin" / "python"
    probe = [str(python), "-c", "import anki.collection"]
    if python.exists() and subprocess.run(probe, capture_output=True).returncode == 0:
        return python
    print("· installing anki into bench/.cache/anki-venv …", file=sys.stderr, flush=True)
    steps = [
        [sys.executable, "-m", "venv", str(VENV)],
        [str(python), "-m", "pip", "install", "--quiet", "anki"],
    ]
    for step in steps:
        if subprocess.run(step, capture_output=True).returncode != 0:
            return None
    return python if subprocess.run(probe, capture_output=True).returncode == 0 else None


def run(quick: bool) -> list[Any]:
    """mpquiz's queue build beside Anki's at each size (Anki is the baseline)."""
    from bench.common import Measure
    from bench.queue import SIZES, bench_db, open_store, time_build

    repeat = 11 if quick else 41
    python = _venv_python()
    measures = []
    for size in SIZES:
        store = open_store(bench_db(size))
        try:
            mine, _ = time_build(store, repeat)
        finally:
            store.close()
        name = f"queue build vs Anki, {size // 1000}k"
        key = f"queue.vs_anki.{size // 1000}k"
        if python is None:
            note = "Anki peer skipped: `pip install anki` into bench/.cache/anki-venv failed"
            measures.append(Measure(key, name, mine * 1e3, float("nan"), "ms", note))
            continue
        done = subprocess.run(
            # -P: bench/ must not be on sys.path there, or bench/queue.py hides stdlib queue
            [str(python), "-P", __file__, "--child", str(size), "--repeat", str(repeat)],
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            why = (done.stderr.strip().splitlines() or ["no output"])[-1]
            note = f"Anki peer failed: {why}"
            measures.append(Measure(key, name, mine * 1e3, float("nan"), "ms", note))
            continue
        peer = json.loads(done.stdout)
        measures.append(
            Measure(
                key,
                name,
                mine * 1e3,
                peer["median"] * 1e3,
                "ms",
                f"baseline: Anki {peer['version']} get_queued_cards on {peer['cards']} cards"
                f" ({peer['due']} due, {peer['queued']} queued), median of {repeat}",
            )
        )
    return measures


def _collection(size: int) -> Any:
    # Runs inside the anki environment: standard library and anki only. Rows go in with
    # plain sqlite3 on the closed collection file (Anki's own DB proxy takes minutes for
    # a million rows), then the deck limits are set through Anki.
    import sqlite3

    from anki.collection import Collection

    path = CACHE / f"anki-{size}q-{REVIEWS}r.anki2"
    if path.exists():
        return Collection(str(path))
    tmp = path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    col = Collection(str(tmp))
    today = col.sched.today
    model = col.models.by_name("Basic")["id"]
    conf = col.decks.config_dict_for_deck_id(1)
    conf["new"]["perDay"], conf["rev"]["perDay"] = 7, 9999
    col.decks.update_config(conf)
    col.decks.id("Other")
    col.close()
    rng = random.Random(size)
    seen = size // 2
    due_ids = set(rng.sample(range(1, seen + 1), max(1, seen // 50)))

    def cards() -> Any:
        for i in range(1, size + 1):
            if i > seen:
                yield (i, i, 0, 0, i, 0, 0, 0)
            elif i in due_ids:
                yield (i, i, 2, 2, today - rng.randrange(0, 30), 10, 2500, 5)
            else:
                yield (i, i, 2, 2, today + rng.randrange(1, 120), 10, 2500, 5)

    start = int(time.time() * 1000) - 400 * 86_400_000
    con = sqlite3.connect(tmp)
    with con:
        con.executemany(
            "INSERT INTO notes VALUES (?, ?, ?, 0, 0, '', ?, ?, 0, 0, '')",
            (
                (i, f"g{i}", model, f"Front {i}\x1fBack {i}", f"Front {i}")
                for i in range(1, size + 1)
            ),
        )
        con.executemany(
            "INSERT INTO cards VALUES (?, ?, 1, 0, 0, 0, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, 0, '')",
            cards(),
        )
        con.executemany(
            "INSERT INTO revlog VALUES (?, ?, 0, 3, 10, 5, 2500, 5000, 1)",
            ((start + i * 34_000, 1 + (i * 7919) % seen) for i in range(REVIEWS)),
        )
    con.close()
    tmp.rename(path)
    os.sync()  # flushed now, not by the kernel's write-back under the timings
    return Collection(str(path))


def _child(size: int, repeat: int) -> None:
    from anki.buildinfo import version

    col = _collection(size)
    other = col.decks.id("Other")

    def once() -> tuple[float, int]:
        col.decks.select(other)
        col.sched.get_queued_cards(fetch_limit=1)
        col.decks.select(1)
        start = time.perf_counter()
        queued = col.sched.get_queued_cards(fetch_limit=1)
        took = time.perf_counter() - start
        return took, queued.review_count + queued.new_count + queued.learning_count

    once()
    runs = [once() for _ in range(repeat)]
    due = col.db.scalar("SELECT count() FROM cards WHERE queue = 2 AND due <= ?", col.sched.today)
    print(
        json.dumps(
            {
                "version": version,
                "median": statistics.median(t for t, _ in runs),
                "queued": runs[-1][1],
                "cards": col.card_count(),
                "due": due,
            }
        )
    )
    col.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="the Anki side of the queue benchmark")
    parser.add_argument("--child", type=int, required=True, help="collection size")
    parser.add_argument("--repeat", type=int, default=11)
    args = parser.parse_args()
    os.chdir(CACHE)
    _child(args.child, args.repeat)
