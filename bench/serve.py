"""A class in the browser: 20 learners at once against one `mpquiz serve`.

The server is started as an instructor starts it (SQLite, loopback). Each learner is a
scripted tab over textual-serve's websocket protocol (tests/support/serve_client.py): it
loads the page, opens the review and answers the day's first questions (the first option,
or a line for an open question), taking the suggested rating each time. The time measured
is from the key that gives the answer to the verdict on the tab's screen, which comes
after the question's demo has run on the server. The baseline is the same review by one
learner alone on the same server, in the same run. Afterwards every learner's reviews are
counted in the database: each answer stored once, or the benchmark fails.
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
import tempfile
import time
from pathlib import Path

import aiohttp
from tests.support.serve_client import ServeProcess, Tab, free_port

from bench.common import Measure, compile_mpquiz

LEARNERS = 20


async def _learner(http: aiohttp.ClientSession, base: str, name: str, answers: int) -> list[float]:
    """One learner's review: the seconds from each answer to its verdict."""
    tab = Tab(http, base)
    await tab.open({"learner": name})
    await tab.wait_for("Review today", timeout=120)
    await tab.keys("r")
    times = []
    for number in range(1, answers + 1):
        await tab.wait_for(f"Review · {number} of", timeout=120)
        times.append(await tab.answer_timed())
        await tab.rate_and_go_on()
    await tab.wait_for("Review · done", f"Review · {answers + 1} of", timeout=120)
    await tab.close()
    return times


async def _class(base: str, names: list[str], answers: int) -> tuple[list[float], list[str]]:
    timeout = aiohttp.ClientTimeout(total=None)
    async with aiohttp.ClientSession(timeout=timeout) as http:
        results = await asyncio.gather(
            *(_learner(http, base, name, answers) for name in names), return_exceptions=True
        )
    times: list[float] = []
    errors: list[str] = []
    for name, result in zip(names, results, strict=True):
        if isinstance(result, BaseException):
            errors.append(
                f"{name}: {str(result).splitlines()[0] if str(result) else type(result).__name__}"
            )
        else:
            times.extend(result)
    return times, errors


def _stored(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT learner.name, count(review.id) FROM learner"
            " LEFT JOIN review ON review.learner_id = learner.id GROUP BY learner.name"
        ).fetchall()
    return {name: count for name, count in rows}


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def run(quick: bool) -> list[Measure]:
    """p95 answer-to-verdict with 20 learners at once, against one learner alone."""
    answers = 3 if quick else 10
    compile_mpquiz()  # as installed: the processes measured do not compile mpquiz
    with tempfile.TemporaryDirectory(prefix="mpquiz-bench-serve-") as tmp:
        folder = Path(tmp)
        (folder / "tmp").mkdir()
        db = folder / "class.db"
        env = {**os.environ, "MPQUIZ_HOME": str(folder / "home"), "TMPDIR": str(folder / "tmp")}
        port = free_port()
        args = ["--lang", "en", "serve", "--db", f"sqlite:///{db}", "--port", str(port)]
        server = ServeProcess([*args, "--max-tabs", str(LEARNERS + 1)], env, port)
        base = f"http://127.0.0.1:{port}"
        try:
            alone, alone_errors = asyncio.run(_class(base, ["alone"], answers))
            names = [f"learner{n:02d}" for n in range(1, LEARNERS + 1)]
            start = time.perf_counter()
            together, errors = asyncio.run(_class(base, names, answers))
            wall = time.perf_counter() - start
        finally:
            log = server.stop()
        stored = _stored(db)
    errors += alone_errors
    if "Traceback" in log:
        errors.append("the server printed a traceback")
    wrong = {
        name: stored.get(name, 0) for name in ["alone", *names] if stored.get(name, 0) != answers
    }
    if errors or wrong:
        raise RuntimeError(f"serve load: errors {errors}, reviews stored not {answers}: {wrong}")
    ms = 1000
    return [
        Measure(
            "serve.p95_answer_20",
            f"{LEARNERS} learners at once: answer to verdict, p95 (vs one learner alone)",
            _p95(together) * ms,
            _p95(alone) * ms,
            "ms",
            f"{LEARNERS} tabs x {answers} answers in {wall:.0f} s, every answer stored once;"
            f" median {sorted(together)[len(together) // 2] * ms:.0f} ms, max"
            f" {max(together) * ms:.0f} ms; one learner alone: p95 {_p95(alone) * ms:.0f} ms",
        )
    ]
