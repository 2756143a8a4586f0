"""Launch time: from starting the interpreter to the first question on screen.

Each run is a fresh interpreter running the app headless (80x24), built as the command
line builds it. Every frame the compositor hands to the app for display is turned into
text (what a terminal would be sent), and the clock stops at the first frame that shows
the question's prompt. The baseline is a minimal Textual app (one Static) timed the same
way, to its first frame showing its text, in the same run. The database is prepared once
beforehand (the built-in pack synced), as on any day after the first, so both sides
measure a normal launch, and mpquiz's bytecode is compiled first, as installing it does
(bench.common.compile_mpquiz). Medians of several runs.

Besides the first question, it reports when the review is answerable (the sitting holding
the question, its demo started; the database loads after that, in the background), the
first frame of home and the first frame showing the learner's figures, since those come
after.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import Measure, compile_mpquiz

READY = b"READY\n"

# The stopwatch: App._display receives each frame (headless apps do not write it out).
_FRAMES = """
import os, re
from textual.app import App

_ANSI = re.compile(r"\\x1b\\[[0-9;?]*[A-Za-z]")
_display = App._display
_done = False

def _watch(app, screen, update):
    global _done
    _display(app, screen, update)
    if _done or update is None or not hasattr(update, "render_segments"):
        return
    marker = WANTED(app)
    if marker is None:
        return
    text = "".join(_ANSI.sub("", update.render_segments(app.console)).split())
    if "".join(marker.split()) in text:
        _done = True
        os.write(1, b"READY\\n")
        app.call_later(app.exit)

App._display = _watch
"""

_MINIMAL = (
    """
from textual.widgets import Static

WANTED = lambda app: "hello minimal app"
"""
    + _FRAMES
    + """
class Minimal(App):
    def compose(self):
        yield Static("hello minimal app")

Minimal().run(headless=True, size=(80, 24))
"""
)

_MPQUIZ = (
    """
import sys
from mpquiz import startup
startup.pause()  # as the console script does first (mpquiz.cli.entry)
from mpquiz.services import Services
from mpquiz.tui.factory import build_app

START, UNTIL = sys.argv[2], sys.argv[3]

def WANTED(app):
    screen = app.screen
    if START == "home":
        if type(screen).__name__ != "HomeScreen":
            return None
        if UNTIL == "paint":
            return "r  Review today"
        return None if screen.board is None else "Due now " + str(screen.board.due_now)
    question = getattr(screen, "question", None)
    if question is None or UNTIL == "loaded":
        return None
    return " ".join(question.prompt.get("en").split()[:4])

# Not a frame: the session taking over changes nothing on screen. The clock stops when
# the review screen has adopted the sitting (its question held, its demo started), told
# by the screen itself: polling for it on the event loop would take the interpreter from
# the thread that builds the sitting (a 1 ms poll made it about 80 ms later).
if UNTIL == "loaded":
    from mpquiz.tui.screens.review import ReviewScreen

    _adopt = ReviewScreen._adopt

    async def _adopted(screen, session):
        await _adopt(screen, session)
        if screen.item is not None:
            os.write(1, b"READY\\n")
            screen.app.exit()

    ReviewScreen._adopt = _adopted
"""
    + _FRAMES
    + """
services = Services(db_url=sys.argv[1], lang_option="en", learner="bench")
app = build_app(services, start=START, fast_start=True)  # as the command line does
app.run(headless=True, size=(80, 24))
"""
)

# The whole command, as a learner types it: `mpquiz --db URL review`, parsed by the CLI;
# only the terminal is replaced by a headless 80x24 one.
_COMMAND = (
    """
import sys
from mpquiz import startup
startup.pause()  # the console script's first step (mpquiz.cli.entry), before these imports
from mpquiz.cli import tui_cmd
from mpquiz.tui.app import MpquizApp

def WANTED(app):
    question = getattr(app.screen, "question", None)
    return None if question is None else " ".join(question.prompt.get("en").split()[:4])
"""
    + _FRAMES
    + """
_run = MpquizApp.run
MpquizApp.run = lambda self, **kw: _run(self, headless=True, size=(80, 24))
tui_cmd.interactive = lambda: True
sys.argv = ["mpquiz", "--db", sys.argv[1], "--lang", "en", "--learner", "bench", "review"]
from mpquiz.cli.entry import run
run()
"""
)

_BACKEND = """
import os, sys
from mpquiz.services import Services

services = Services(db_url=sys.argv[1], lang_option="en", learner="bench")
services.open()
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


IDS = {
    "question": "launch.first_question",
    "command": "launch.command_first_question",
    "loaded": "launch.review_ready",
    "home": "launch.home_painted",
    "figures": "launch.home_figures",
    "backend": "launch.below_ui",
}
"""Each side's stable measure id."""


def run(quick: bool) -> list[Measure]:
    """Median launch-to-first-question (and later points) against a minimal app."""
    repeat = 3 if quick else 15
    sides = {
        "question": (_MPQUIZ, "review", "paint"),
        "command": (_COMMAND,),
        "loaded": (_MPQUIZ, "review", "loaded"),
        "home": (_MPQUIZ, "home", "paint"),
        "figures": (_MPQUIZ, "home", "figures"),
        "backend": (_BACKEND,),
    }
    compile_mpquiz()
    with tempfile.TemporaryDirectory(prefix="mpquiz-bench-") as tmp:
        env = {**os.environ, "MPQUIZ_HOME": str(Path(tmp) / "home"), "MPQUIZ_LANG": "en"}
        db = f"sqlite:///{Path(tmp) / 'bench.db'}"
        _time_to_ready(_MPQUIZ, db, "review", "loaded", env=env)  # creates it, syncs the pack
        times: dict[str, list[float]] = {"minimal": [], **{name: [] for name in sides}}
        for _ in range(repeat):  # interleaved, so drift on the machine hits every side
            times["minimal"].append(_time_to_ready(_MINIMAL, env=env))
            for name, (code, *args) in sides.items():
                times[name].append(_time_to_ready(code, db, *args, env=env))
    ms = 1000
    base = _median(times["minimal"]) * ms
    note = f"{repeat} runs each, headless 80x24, fresh interpreters; minimal app median"

    def measure(name: str, title: str, detail: str) -> Measure:
        return Measure(IDS[name], title, _median(times[name]) * ms, base, "ms", detail)

    return [
        measure(
            "question",
            "launch to first question painted (vs minimal app)",
            f"{note} {base:.0f} ms",
        ),
        measure(
            "command",
            "`mpquiz review` to first question painted (vs minimal app)",
            "the same, through the command line (its parser and imports included)",
        ),
        measure(
            "loaded",
            "launch to review answerable (vs minimal app)",
            "the sitting holding the first question, its demo started (the database loads"
            " after it, in the background)",
        ),
        measure("home", "launch to home painted (vs minimal app)", note),
        measure("figures", "launch to home with the figures (vs minimal app)", note),
        measure(
            "backend",
            "first question without any UI (vs minimal app)",
            "services, database, built-in pack sync, queue and show(): the part of the "
            "launch below the TUI",
        ),
    ]


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]
