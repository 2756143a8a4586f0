"""Launch time: from starting the interpreter to the first question on screen.

Each run is a fresh interpreter running the app headless (80x24) until the first review
question is mounted and painted; the baseline is a minimal Textual app (one Static) timed
the same way in the same run. The database is prepared once beforehand (the built-in pack
synced), as on any day after the first, so both sides measure a normal launch. Medians of
several runs.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import Measure

READY = b"READY\n"

_MINIMAL = """
import os
from textual.app import App
from textual.widgets import Static

class Minimal(App):
    def compose(self):
        yield Static("hello")

async def ready(pilot):
    await pilot.pause()
    os.write(1, b"READY\\n")
    pilot.app.exit()

Minimal().run(headless=True, size=(80, 24), auto_pilot=ready)
"""

_MPQUIZ = """
import asyncio, os, sys
from mpquiz.services import Services
from mpquiz.tui.factory import build_app

START = sys.argv[2]

def shown(app):
    screen = app.screen
    if START == "home":
        return type(screen).__name__ == "HomeScreen" and bool(screen.query("#mastery"))
    slot = screen.query("#answer-slot")
    return getattr(screen, "item", None) is not None and bool(slot and slot.first().children)

async def ready(pilot):
    while not shown(pilot.app):
        await asyncio.sleep(0.001)
    await pilot.pause()
    os.write(1, b"READY\\n")
    pilot.app.exit()

services = Services(db_url=sys.argv[1], lang_option="en", learner="bench")
build_app(services, start=START).run(headless=True, size=(80, 24), auto_pilot=ready)
"""

_BACKEND = """
import os, sys
from mpquiz.services import Services

services = Services(db_url=sys.argv[1], lang_option="en", learner="bench")
session = services.review_session()
session.show()
os.write(1, b"READY\\n")
session.close()
"""


def _time_to_ready(code: str, *args: str, env: dict[str, str]) -> float:
    """Seconds from spawning a fresh interpreter until it writes READY."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
        env=env,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    elapsed = time.perf_counter() - start
    process.wait(timeout=60)
    if line != READY:
        raise RuntimeError(f"the child never got ready (exit code {process.returncode})")
    return elapsed


def run(quick: bool) -> list[Measure]:
    """Median launch-to-first-question (and to home, and without UI) against a minimal app."""
    repeat = 3 if quick else 9
    with tempfile.TemporaryDirectory(prefix="mpquiz-bench-") as tmp:
        env = {**os.environ, "MPQUIZ_HOME": str(Path(tmp) / "home"), "MPQUIZ_LANG": "en"}
        db = f"sqlite:///{Path(tmp) / 'bench.db'}"
        _time_to_ready(_MPQUIZ, db, "review", env=env)  # creates the database, syncs the pack
        minimal, question, home, backend = [], [], [], []
        for _ in range(repeat):  # interleaved, so drift on the machine hits every side
            minimal.append(_time_to_ready(_MINIMAL, env=env))
            question.append(_time_to_ready(_MPQUIZ, db, "review", env=env))
            home.append(_time_to_ready(_MPQUIZ, db, "home", env=env))
            backend.append(_time_to_ready(_BACKEND, db, env=env))
    ms = 1000
    note = f"{repeat} runs each, headless 80x24, fresh interpreters; minimal app median"
    return [
        Measure(
            "launch to first question (vs minimal app)",
            _median(question) * ms,
            _median(minimal) * ms,
            "ms",
            f"{note} {_median(minimal) * ms:.0f} ms",
        ),
        Measure(
            "launch to home screen (vs minimal app)",
            _median(home) * ms,
            _median(minimal) * ms,
            "ms",
            note,
        ),
        Measure(
            "first question without any UI (vs minimal app)",
            _median(backend) * ms,
            _median(minimal) * ms,
            "ms",
            "services, database, built-in pack sync, queue and show(): the part of the "
            "launch below the TUI",
        ),
    ]


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]
