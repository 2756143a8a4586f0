"""Classroom load: many learners answering at once on one database.

50 learner processes against a local PostgreSQL (4 against SQLite), each answering a
pack of questions as fast as it can (demos do not run: the pack is left untrusted).
Checks that no review is lost and no learner saw an error; reports throughput and the
latency of a committed answer, against the latency of one learner alone on the same
database (the baseline). The SQLite database is kept in bench/.cache/load-class.db for
`mpquiz --db sqlite:///bench/.cache/load-class.db class report`.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import random
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from bench.common import Measure

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "bench" / ".cache"
QUESTIONS = 40
PG_PORT = "55433"


def _write_pack(root: Path) -> None:
    """A pack of choice questions with a right answer, a common misconception and a rarer one."""
    (root / "questions").mkdir(parents=True)
    (root / "demos").mkdir()
    (root / "demos" / "noop.py").write_text('print("ok")\n')
    (root / "pack.toml").write_text(
        '[pack]\nid = "load"\nversion = "1.0.0"\ntitle = "Load"\nlanguages = ["en"]\n\n'
        '[topics]\nalpha = "Alpha"\nbeta = "Beta"\n'
    )
    tables = []
    for i in range(QUESTIONS):
        topic = "alpha" if i % 2 else "beta"
        tables.append(
            f'[[question]]\nid = "q{i:03d}"\ntopic = "{topic}"\nkind = "choice"\n'
            f'prompt = "Question {i}"\ndemo = "noop.py"\nexplain = "Because."\n'
            'options = [ { text = "right", correct = true }, '
            '{ text = "the usual mistake", feedback = "no" }, '
            '{ text = "a rarer mistake", feedback = "no" } ]\n'
        )
    (root / "questions" / "q.toml").write_text("\n".join(tables))


def _learner(url: str, name: str, seed: int, out: mp.Queue) -> None:  # type: ignore[type-arg]
    """Answer every question once; report (answers stored, latencies, error)."""
    from mpquiz.services import Services

    rng = random.Random(seed)
    latencies: list[float] = []
    try:
        svc = Services(db_url=url, lang_option="en", learner=name)
        svc.open()
        session = svc.review_session(pack_id="load", new_per_day=QUESTIONS)
        while session.show() is not None:
            pick = rng.choices(["1", "2", "3"], weights=[6, 3, 1])[0]
            session.answer(pick)
            start = time.perf_counter()
            session.rate()
            latencies.append(time.perf_counter() - start)
        svc.close()
        out.put((name, len(latencies), latencies, None))
    except Exception as exc:  # reported, and counted as a failure of the bench
        out.put((name, len(latencies), latencies, f"{type(exc).__name__}: {exc}"))


def _crowd(url: str, count: int, prefix: str) -> tuple[float, list[float], int, list[str]]:
    """Run `count` learners at once; (seconds, latencies, answers, errors)."""
    ctx = mp.get_context("fork")
    out: mp.Queue = ctx.Queue()  # type: ignore[type-arg]
    procs = [
        ctx.Process(target=_learner, args=(url, f"{prefix}{i:02d}", i, out)) for i in range(count)
    ]
    start = time.perf_counter()
    for p in procs:
        p.start()
    results = [out.get(timeout=600) for _ in procs]
    for p in procs:
        p.join()
    elapsed = time.perf_counter() - start
    latencies = [x for r in results for x in r[2]]
    return elapsed, latencies, sum(r[1] for r in results), [r[3] for r in results if r[3]]


def _stored(url: str) -> int:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as conn:
        n = conn.execute(text("SELECT count(*) FROM review")).scalar_one()
    engine.dispose()
    return int(n)


def _prepare(url: str, home: Path) -> None:
    from mpquiz.services import Services
    from mpquiz.session.pack_install import add_pack

    pack = home / "pack"
    if not pack.exists():
        _write_pack(pack)
    svc = Services(db_url=url, lang_option="en", learner="teacher")
    svc.open()
    add_pack(pack, svc.store, svc.packs_root, svc.clock.now(), force=True)
    svc.close()


def _pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[q - 1] if len(values) > 1 else values[0]


def _scenario(label: str, url: str, learners: int, home: Path) -> list[Measure]:
    _prepare(url, home)
    _, alone, solo_answered, errors_alone = _crowd(url, 1, f"{label}-solo")
    elapsed, lat, answered, errors = _crowd(url, learners, f"{label}-")
    # Every answer a learner saw committed must be stored once. Wrong answers come back in
    # the same sitting, so a learner gives more answers than the pack has questions.
    stored = _stored(url) - solo_answered
    expected = answered
    ms = 1000
    note = (
        f"{learners} learners, {QUESTIONS} questions each: {answered} answers committed, "
        f"{stored} stored, errors: {len(errors) + len(errors_alone)}; "
        f"{answered / elapsed:.0f} reviews/s; p50 {statistics.median(lat) * ms:.1f} ms, "
        f"p99 {_pct(lat, 99) * ms:.1f} ms"
    )
    if errors or errors_alone or stored != expected:
        note += f" — FAILED: {(errors + errors_alone)[:3]}"
    return [
        Measure(
            f"load.{label.lower()}.commit_p95",
            f"{label}: commit latency p95, {learners} at once",
            _pct(lat, 95) * ms,
            _pct(alone, 95) * ms,
            "ms",
            note,
        ),
    ]


def _postgres() -> tuple[str | None, str]:
    url = os.environ.get("MPQUIZ_BENCH_PG_URL")
    if url:
        return url, ""
    script = ROOT / ".ci" / "postgres-up"
    try:
        made = subprocess.run(
            [str(script), PG_PORT], capture_output=True, text=True, timeout=300, check=True
        )
    except (OSError, subprocess.SubprocessError) as exc:
        return None, f"no PostgreSQL: {exc}"
    return made.stdout.strip(), "started"


def run(quick: bool) -> list[Measure]:
    """SQLite with 4 learners; PostgreSQL with 50 (fewer when quick)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    measures: list[Measure] = []
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        os.environ["MPQUIZ_HOME"] = str(home)
        db = CACHE / "load-class.db"
        for path in CACHE.glob("load-class*"):
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()
        measures += _scenario("SQLite", f"sqlite:///{db}", 4, home)
        url, how = _postgres()
        if url is None:
            print(f"  load: PostgreSQL part skipped ({how})")
            return measures
        try:
            from tests.support.postgres import reset_postgres

            reset_postgres(url)
            measures += _scenario("PostgreSQL", url, 10 if quick else 50, home)
        finally:
            if how == "started" and not os.environ.get("MPQUIZ_BENCH_KEEP_PG"):
                subprocess.run([str(ROOT / ".ci" / "postgres-down"), PG_PORT], check=False)
    return measures
