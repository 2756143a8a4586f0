"""Starting without the cyclic collector (mpquiz.startup): paused from the console script
until the app is up or a plain command has parsed its arguments, and always handed back."""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mpquiz import startup
from mpquiz.services import Services
from mpquiz.tui.factory import build_app
from tests.tui.conftest import PackOnlyServices, drive, until


@pytest.fixture(autouse=True)
def _collector_back() -> Iterator[None]:
    yield
    startup.resume()
    gc.enable()


def test_pause_and_resume_freeze_what_start_up_made() -> None:
    startup.pause()
    assert not gc.isenabled() and startup.paused()
    before = gc.get_freeze_count()
    kept = [[] for _ in range(1000)]
    startup.resume()
    assert gc.isenabled() and not startup.paused()
    assert gc.get_freeze_count() >= before + len(kept)
    startup.resume()  # once only: a second call changes nothing
    assert gc.isenabled()


def test_a_collector_turned_off_elsewhere_is_left_off() -> None:
    gc.disable()
    startup.pause()
    startup.resume()
    assert not gc.isenabled()  # not ours to turn on


def _known_database(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'known.db'}"
    svc = Services(db_url=url, learner="ana")
    svc.open()
    svc.close()
    return url


def _console(tmp_path: Path, *args: str, app_runs: bool = False) -> str:
    """Run the console script's entry with `args`; what it printed of the collector."""
    url = _known_database(tmp_path)
    code = (
        "import atexit, gc, sys\n"
        "atexit.register(lambda: print('AT EXIT', gc.isenabled()))\n"
        "from mpquiz.cli import tui_cmd\n"
        "from mpquiz.tui.app import MpquizApp\n"
        "tui_cmd.interactive = lambda: True\n"
        "MpquizApp.run = lambda self, **_: print('IN THE APP', gc.isenabled())\n"
        f"sys.argv = ['mpquiz', '--db', {url!r}, '--learner', 'ana', *{list(args)!r}]\n"
        "from mpquiz.cli.entry import run\n"
        "run()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert ("IN THE APP" in done.stdout) is app_runs
    return done.stdout


def test_the_app_starts_paused_and_the_collector_is_back_after_it(tmp_path: Path) -> None:
    out = _console(tmp_path, "review", app_runs=True)
    assert "IN THE APP False" in out and "AT EXIT True" in out


def test_a_plain_command_runs_with_the_collector(tmp_path: Path) -> None:
    assert "AT EXIT True" in _console(tmp_path, "stats")


def test_the_app_hands_the_collector_back_once_loaded(sqlite_url: str) -> None:
    known = PackOnlyServices(db_url=sqlite_url, learner="ana")
    known.open()
    known.close()
    svc = PackOnlyServices(db_url=sqlite_url, lang_option="en", learner="ana")
    app = build_app(svc, start="home", fast_start=True)
    startup.pause()

    async def script(pilot: Any) -> None:
        await until(pilot, lambda: app.backend_ready)
        await until(pilot, lambda: gc.isenabled())

    drive(app, script)
    svc.close()
    assert gc.isenabled() and not startup.paused()
