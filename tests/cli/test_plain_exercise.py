"""An exercise in the plain review: edited in $EDITOR on a terminal (checked, then edited
again, submitted or given up), or typed up to `:end` when input is piped."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from mpquiz.cli.line_reader import LineReader
from mpquiz.cli.plain_exercise import PlainExercise, editor_command
from mpquiz.core.scheduling import Rating, Scheduler
from mpquiz.packs.loader import load_pack
from mpquiz.session.queue import build_queue
from mpquiz.session.review import ReviewSession
from mpquiz.store.engine import open_engine
from mpquiz.store.repository import Store
from tests.conftest import FIXTURES, T0, FakeClock
from tests.support.trusting import launcher_for

PACK = FIXTURES / "expack"
FIXED = (
    "def work(counter, times):\n"
    "    for _ in range(times):\n"
    "        with counter.get_lock():\n"
    "            counter.value += 1\n"
)


class Terminal(io.StringIO):
    """Typed lines that say they come from a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def session(db_url: str) -> Iterator[ReviewSession]:
    store = Store(open_engine(db_url))
    store.sync_pack(load_pack(PACK), T0)
    clock = FakeClock()
    learner = store.learner_id("ana", T0)
    items = build_queue(store, learner, clock.now(), clock.day_start(), 5)
    review = ReviewSession(store, Scheduler(), learner, launcher_for(PACK), items, lang="es",
                           clock=clock)  # fmt: skip
    review.show()
    yield review
    review.close()
    store.close()


def _editor(tmp_path: Path, *programs: str) -> str:
    """An $EDITOR that writes the next of `programs` into the file it is given."""
    queue = tmp_path / "programs"
    queue.mkdir()
    for i, program in enumerate(programs):
        (queue / f"{i}.py").write_text(program)
    script = tmp_path / "editor.py"
    script.write_text(
        "import pathlib, sys\n"
        f"queue = sorted(pathlib.Path({str(queue)!r}).iterdir())\n"
        "pathlib.Path(sys.argv[1]).write_text(queue[0].read_text())\n"
        "queue[0].unlink()\n"
    )
    return f"{sys.executable} {script}"


def _plain(session: ReviewSession, typed: str, console_out: io.StringIO, *, tty: bool) -> None:
    from rich.console import Console

    stdin = Terminal(typed) if tty else io.StringIO(typed)
    console = Console(file=console_out, width=100, color_system=None)
    PlainExercise(session, LineReader(stdin, console), console, "es").ask()


@pytest.mark.slow
def test_on_a_terminal_the_editor_is_opened_checked_edited_again_and_submitted(
    session: ReviewSession, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    starter = session.starter or ""
    monkeypatch.setenv("VISUAL", _editor(tmp_path, starter, FIXED))
    out = io.StringIO()
    _plain(session, "\nn\n", out, tty=True)  # Enter: edit again; then e[n]tregar
    said = out.getvalue()
    assert said.count("Abriendo") == 2
    assert "✘ fallida · no-lost-updates" in said and "✔ superada · no-lost-updates" in said
    outcome = session.outcome()
    assert outcome.verdict.correct is True and outcome.suggested is Rating.Hard
    assert outcome.answer == FIXED


def test_giving_up_from_the_terminal(
    session: ReviewSession, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VISUAL", _editor(tmp_path, "def work(counter, times):\n    pass\n"))
    _plain(session, "r\n", io.StringIO(), tty=True)  # [r]endirse
    outcome = session.outcome()
    assert outcome.exercise is not None and outcome.exercise.gave_up
    assert outcome.suggested is Rating.Again


def test_piped_input_is_read_up_to_end_and_submitted(
    session: ReviewSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VISUAL", "an-editor-that-must-not-run")
    _plain(session, FIXED + "\n:end\n", io.StringIO(), tty=False)
    assert session.outcome().answer.startswith("def work(counter, times):")


def test_the_editor_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", "code --wait")
    assert editor_command() == ["code", "--wait"]
    monkeypatch.setenv("VISUAL", "  ")
    assert editor_command() == ["code", "--wait"]
    monkeypatch.delenv("EDITOR")
    monkeypatch.delenv("VISUAL")
    assert editor_command() is None
