"""How the commands open the app: `mpquiz`, `mpquiz review` and `mpquiz exam` on a
terminal, with the fast start when the database allows it (the app itself is not run)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from mpquiz.cli import tui_cmd
from mpquiz.cli.main import app
from mpquiz.services import Services
from mpquiz.tui.app import MpquizApp


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[MpquizApp]:
    """Pretend to be on a terminal; record each app built instead of running it."""
    built: list[MpquizApp] = []
    monkeypatch.setattr(tui_cmd, "interactive", lambda: True)
    monkeypatch.setattr(MpquizApp, "run", lambda self, **_: built.append(self))
    return built


def _known_database(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'known.db'}"
    svc = Services(db_url=url, learner="ana")
    svc.open()  # creates the database, syncs the course, adds the learner
    svc.close()
    return url


def _invoke(*args: str) -> Any:
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def test_review_paints_the_first_question_before_opening_the_database(
    tmp_path: Path, opened: list[MpquizApp]
) -> None:
    url = _known_database(tmp_path)
    assert _invoke("--db", url, "--learner", "ana", "review").exit_code == 0
    (built,) = opened
    assert built.start == "review" and built.deferred
    assert built.first_look is not None and not built.services.opened


def test_home_and_exam_and_a_new_database(tmp_path: Path, opened: list[MpquizApp]) -> None:
    url = _known_database(tmp_path)
    _invoke("--db", url, "--learner", "ana")
    _invoke("--db", url, "--learner", "ana", "exam", "-n", "3", "--topic", "lock")
    fresh = f"sqlite:///{tmp_path / 'new.db'}"
    _invoke("--db", fresh, "--learner", "ana")
    home, exam, first_day = opened
    assert home.start == "home" and home.deferred and home.first_look is None
    assert exam.start == "exam" and not exam.deferred  # its form reads the topics at once
    assert exam.exam is not None and exam.exam.count == 3 and exam.exam.topics == ("lock",)
    assert not first_day.deferred and first_day.services.was_opened


def test_an_unknown_topic_is_refused_before_any_screen(
    tmp_path: Path, opened: list[MpquizApp]
) -> None:
    url = _known_database(tmp_path)
    result = CliRunner().invoke(app, ["--db", url, "review", "--topic", "nope"])
    assert result.exit_code != 0 and opened == []


def test_the_review_command_builds_its_first_screen_without_sql(tmp_path: Path) -> None:
    """In a fresh interpreter, `mpquiz review` on a known database gets as far as running
    the app without importing SQLAlchemy."""
    url = _known_database(tmp_path)
    code = (
        "import sys\n"
        "from mpquiz.cli import tui_cmd\n"
        "from mpquiz.tui.app import MpquizApp\n"
        "tui_cmd.interactive = lambda: True\n"
        "def run(self, **_):\n"
        "    print('DEFERRED', self.deferred, 'SQL', 'sqlalchemy' in sys.modules)\n"
        "MpquizApp.run = run\n"
        f"sys.argv = ['mpquiz', '--db', {url!r}, '--learner', 'ana', 'review']\n"
        "from mpquiz.cli.main import run as main\n"
        "main()\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "DEFERRED True SQL False" in out.stdout, out.stdout + out.stderr
