"""In Spanish, at 80x24, no screen of the app says anything in English, and no title or
label is cut short with "…".

Every screen is opened with keys and read as the learner sees it, scrolled through
(tests/tui/seen.py): home, the help of several screens (the review's in its answer and its
reveal stage), a review of each kind of question (an open one revealed, an exercise
checked and given up), stats, packs and the trust dialog, the demos, the exam's set-up,
a question, the finish dialog and the results, and what the status line and the toasts
say. The program regions (the code, the output panel, candidate outputs, the exercise's
editor) are Python and English on purpose (docs/course.md) and are left out.
"""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from mpquiz.services import Services
from mpquiz.tui.app import MpquizApp
from mpquiz.tui.factory import build_app
from mpquiz.tui.screens.confirm import ConfirmScreen
from mpquiz.tui.screens.demos import DemosScreen
from mpquiz.tui.screens.exam import ExamScreen
from mpquiz.tui.screens.exam_result import ExamResultScreen
from mpquiz.tui.screens.exam_setup import ExamSetupScreen
from mpquiz.tui.screens.help import HelpScreen
from mpquiz.tui.screens.home import HomeScreen
from mpquiz.tui.screens.packs import PacksScreen
from mpquiz.tui.screens.review import Phase
from mpquiz.tui.screens.stats import StatsScreen
from mpquiz.tui.screens.trust import TrustScreen
from mpquiz.tui.widgets.output_panel import OutputPanel
from mpquiz.tui.widgets.program_answer import ProgramAnswer
from tests.conftest import FIXTURES
from tests.support.english import english_sentences
from tests.support.trusting import trust_installed
from tests.tui.conftest import make_services, plain, until
from tests.tui.seen import clipped, every_page


class Seen:
    """What each screen showed, by where it was seen; checked at the end of a test."""

    def __init__(self) -> None:
        self.texts: dict[str, str] = {}
        self.cut: dict[str, list[str]] = {}

    async def look(self, pilot: Any, where: str) -> str:
        """Read the screen as it is now, scrolled through, under `where`."""
        await pilot.pause()
        text = await every_page(pilot)
        self.texts[where] = self.texts.get(where, "") + "\n" + text
        cut = clipped(pilot.app)
        if cut:
            self.cut[where] = cut
        return text

    def check(self, *expected: str) -> None:
        """Every place in `expected` was seen; none in English, none cut short."""
        import os

        if os.environ.get("MPQUIZ_SEEN_DUMP"):  # to read what the test saw
            with open(os.environ["MPQUIZ_SEEN_DUMP"], "a", encoding="utf-8") as dump:
                for where, text in self.texts.items():
                    dump.write(f"===== {where}\n{text}\n")
        missing = [where for where in expected if where not in self.texts]
        assert missing == [], f"never seen: {missing}"
        english = {w: hits for w, t in self.texts.items() if (hits := english_sentences(t))}
        assert english == {}
        assert self.cut == {}


def drive(app: MpquizApp, script: Callable[[Any], Awaitable[None]]) -> None:
    """Run `script(pilot)` at 80x24 with the toasts shown (run_test hides them)."""

    async def main() -> None:
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            await script(pilot)

    asyncio.run(main())


def _on(pilot: Any, kind: type) -> Callable[[], bool]:
    return lambda: isinstance(pilot.app.screen, kind)


async def _help(pilot: Any, seen: Seen, where: str) -> None:
    """Open the help of the screen on top, read it, close it."""
    below = pilot.app.screen
    await pilot.press("f1")
    await until(pilot, _on(pilot, HelpScreen))
    await seen.look(pilot, f"help: {where}")
    await pilot.press("escape")
    await until(pilot, lambda: pilot.app.screen is below)


def _phase(pilot: Any) -> Phase | None:
    return getattr(pilot.app.screen, "phase", None)


def _qid(pilot: Any) -> str:
    return str(pilot.app.screen.item.question.qid)


def test_home_stats_packs_trust_and_demos(sqlite_url: str) -> None:
    svc = make_services(sqlite_url, "es", trusted=False)
    seen = Seen()

    async def script(pilot: Any) -> None:
        await until(pilot, _on(pilot, HomeScreen))
        await seen.look(pilot, "home")
        await _help(pilot, seen, "home")
        await pilot.press("ctrl+c")  # the toast that says how to quit
        await until(pilot, lambda: bool(pilot.app.screen.query("Toast")))
        said = await seen.look(pilot, "home: the quit toast")
        assert "¿Quieres salir?" in said
        pilot.app.clear_notifications()

        await pilot.press("s")
        await until(pilot, _on(pilot, StatsScreen))
        await seen.look(pilot, "stats")
        await _help(pilot, seen, "stats")
        await pilot.press("escape")

        await until(pilot, _on(pilot, HomeScreen))
        await pilot.press("d")  # the demos of an untrusted pack: they do not run
        await until(pilot, _on(pilot, DemosScreen))
        await seen.look(pilot, "demos: untrusted")
        await pilot.press("enter")
        await pilot.pause()
        await seen.look(pilot, "demos: refused")
        await pilot.press("escape")

        await until(pilot, _on(pilot, HomeScreen))
        await pilot.press("p")
        await until(pilot, _on(pilot, PacksScreen))
        await seen.look(pilot, "packs: untrusted")
        await _help(pilot, seen, "packs")
        await pilot.press("t")
        await until(pilot, _on(pilot, TrustScreen))
        await seen.look(pilot, "trust dialog")
        await pilot.press("s")
        await until(pilot, _on(pilot, PacksScreen))
        await seen.look(pilot, "packs: trusted")
        await pilot.press("v")
        await until(pilot, lambda: bool(plain(pilot.app.screen.query_one("#validation")).strip()))
        await seen.look(pilot, "packs: validated")
        await pilot.press("x")
        await pilot.pause()
        await seen.look(pilot, "packs: trust withdrawn")
        await pilot.press("t", "s", "d")  # trusted again, then its demos
        await until(pilot, _on(pilot, DemosScreen))
        await _help(pilot, seen, "demos")
        await pilot.press("r")
        output = pilot.app.screen.query_one(OutputPanel)
        await until(pilot, lambda: output.result is not None)
        await seen.look(pilot, "demos: ran")
        demo = svc.places.demos("tuipack") / "in_turn.py"  # type: ignore[operator]
        demo.write_text(demo.read_text() + "\n# changed\n")
        await pilot.press("down")
        await pilot.pause()
        await seen.look(pilot, "demos: changed since trusted")
        pilot.app.screen.query_one("#demo-state").update("Un título cortado…")
        await pilot.pause()
        assert clipped(pilot.app) == ["Un título cortado…"]  # the check sees a cut

    try:
        drive(build_app(svc), script)
    finally:
        svc.close()
    seen.check("home", "help: home", "stats", "trust dialog", "demos: ran", "packs: validated")


async def _revealed(pilot: Any, seen: Seen, where: str, *, ran: bool = True) -> None:
    """Wait for the reveal (and the demo's end), then read it."""
    await until(pilot, lambda: _phase(pilot) is Phase.REVEAL)
    output = pilot.app.screen.query(OutputPanel)
    if ran and output:
        await until(pilot, lambda: output.first().result is not None)
    await seen.look(pilot, where)


def test_a_review_of_every_kind(svc_es: Services) -> None:
    seen = Seen()

    async def script(pilot: Any) -> None:
        await until(pilot, lambda: _phase(pilot) is Phase.ANSWER and _qid(pilot) != "")
        assert _qid(pilot) == "basics.exitcode"
        await seen.look(pilot, "review: choice")
        await _help(pilot, seen, "review, answering a choice")
        await pilot.press("enter")  # nothing ticked: the status line says how
        await seen.look(pilot, "review: choice, nothing ticked")
        await pilot.press("2", "enter")  # wrong
        await _revealed(pilot, seen, "review: choice, corrected")
        await _help(pilot, seen, "review, revealed")
        await pilot.press("enter")  # the suggested rating

        await until(pilot, lambda: _qid(pilot) == "basics.exitcode-number")
        await seen.look(pilot, "review: numeric")
        await pilot.press("3", "enter")
        await _revealed(pilot, seen, "review: numeric, right")
        await pilot.press("3")

        await until(pilot, lambda: _qid(pilot) == "basics.facts")
        await pilot.press("1", "enter")  # half right
        await _revealed(pilot, seen, "review: choice of several, half right")
        await pilot.press("3")

        await until(pilot, lambda: _qid(pilot) == "order.typed")
        await seen.look(pilot, "review: predict, typed")
        await pilot.press("ctrl+s")  # nothing typed
        await seen.look(pilot, "review: predict, nothing typed")
        await pilot.press(*"child 1", "enter", *"child 0", "ctrl+s")
        await _revealed(pilot, seen, "review: predict, typed wrong")
        await pilot.press("3")

        await until(pilot, lambda: _qid(pilot) == "order.pick")
        await seen.look(pilot, "review: predict, candidates")
        await _help(pilot, seen, "review, answering a predict question")
        await pilot.press("2", "enter")
        await _revealed(pilot, seen, "review: predict, candidate right")
        await pilot.press("3")

        await until(pilot, lambda: _qid(pilot) == "order.why")
        await seen.look(pilot, "review: open")
        await pilot.press(*"join espera", "ctrl+s")
        await _revealed(pilot, seen, "review: open, revealed")
        await pilot.press("enter")  # no suggestion: asks to self-rate
        await seen.look(pilot, "review: open, rate yourself")
        await pilot.press("4")
        await until(pilot, lambda: _phase(pilot) is Phase.DONE)
        await seen.look(pilot, "review: done")
        await pilot.press("u")  # undo the last rating
        await pilot.pause()
        await seen.look(pilot, "review: undone")

    drive(build_app(svc_es, start="review"), script)
    seen.check("review: choice", "review: open, revealed", "review: done")


@pytest.fixture
def spanish_exercises(sqlite_url: str, tmp_path: Path) -> Iterator[Services]:
    """The exercise fixture with its prompt and explanation in both languages (it has them
    in English only: a pack's own words, not mpquiz's)."""
    pack = tmp_path / "expack"
    shutil.copytree(FIXTURES / "expack", pack)
    questions = pack / "questions" / "lock.toml"
    text = questions.read_text(encoding="utf-8")
    text = text.replace(
        'prompt = "Make work() lose no update: the program must print '
        '`final: 200 (expected 200)`."',
        'prompt = { es = "Haz que work() no pierda ninguna suma: el programa debe imprimir '
        '`final: 200 (expected 200)`.", en = "Make work() lose no update." }',
    ).replace(
        'explain = "The read, the pause and the write must happen under the counter\'s lock."',
        'explain = { es = "La lectura, la pausa y la escritura van bajo el lock del contador.",'
        ' en = "Under the lock." }',
    )
    assert text.count("es = ") >= 4
    questions.write_text(text, encoding="utf-8")
    manifest = pack / "pack.toml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace(
            'title = "Exercise fixture"', 'title = { es = "Ejercicios", en = "Exercises" }'
        ),
        encoding="utf-8",
    )
    svc = make_services(sqlite_url, "es", pack=pack)
    yield svc
    svc.close()


@pytest.mark.slow
def test_an_exercise_checked_and_given_up(spanish_exercises: Services) -> None:
    seen = Seen()

    async def script(pilot: Any) -> None:
        await until(pilot, lambda: bool(pilot.app.screen.query(ProgramAnswer)))
        await seen.look(pilot, "exercise")
        editor = pilot.app.screen.query_one(ProgramAnswer)
        editor.focus()
        await _help(pilot, seen, "exercise, in the editor")
        await pilot.press("ctrl+r")

        def checked() -> bool:
            said = plain(pilot.app.screen.query_one("#check-results"))
            return "Comprobación" in said or "superadas" in said

        await until(pilot, checked, timeout=30)
        await seen.look(pilot, "exercise: checked, failing")
        await pilot.press("ctrl+g")
        await _revealed(pilot, seen, "exercise: given up", ran=False)
        await _help(pilot, seen, "exercise, revealed")

    drive(build_app(spanish_exercises, start="review"), script)
    seen.check("exercise", "exercise: checked, failing", "exercise: given up")


def test_an_exam_from_set_up_to_results(svc_es: Services) -> None:
    seen = Seen()

    async def script(pilot: Any) -> None:
        await until(pilot, _on(pilot, HomeScreen))
        await pilot.press("e")
        await until(pilot, _on(pilot, ExamSetupScreen))
        await seen.look(pilot, "exam set-up")
        await _help(pilot, seen, "exam set-up")
        await pilot.press("a", "ctrl+s")  # no topic ticked
        await seen.look(pilot, "exam set-up: no topic")
        await pilot.press("a", "tab", "ctrl+a", "ctrl+k", "0", "ctrl+s")  # no question
        await seen.look(pilot, "exam set-up: no question")
        await pilot.press("ctrl+a", "ctrl+k", "3", "ctrl+s")
        await until(pilot, _on(pilot, ExamScreen))
        await seen.look(pilot, "exam: a question")
        await pilot.press("escape")  # out of a text field, if one has the focus
        await pilot.pause()
        if not isinstance(pilot.app.screen, ConfirmScreen):
            await _help(pilot, seen, "exam")
            await pilot.press("escape")
        await until(pilot, _on(pilot, ConfirmScreen))
        await seen.look(pilot, "exam: finish?")
        await pilot.press("n")
        await until(pilot, _on(pilot, ExamScreen))
        await pilot.press("ctrl+n")  # skip
        await seen.look(pilot, "exam: skipped")
        await pilot.press("escape")
        await pilot.pause()
        if not isinstance(pilot.app.screen, ConfirmScreen):
            await pilot.press("escape")
        await until(pilot, _on(pilot, ConfirmScreen))
        await pilot.press("s")
        await until(pilot, _on(pilot, ExamResultScreen))
        await seen.look(pilot, "exam results")
        await _help(pilot, seen, "exam results")
        await pilot.press("d")  # the missed question's demo, on demand
        output = pilot.app.screen.query_one(OutputPanel)
        await until(pilot, lambda: output.result is not None)
        await seen.look(pilot, "exam results: demo ran")
        await pilot.press("escape")
        await until(pilot, _on(pilot, HomeScreen))
        await seen.look(pilot, "home after an exam")

    drive(build_app(svc_es, exam_seed=7), script)
    seen.check("exam set-up", "exam: a question", "exam: finish?", "exam results")


def test_an_untrusted_pack_says_why_its_demo_did_not_run(sqlite_url: str) -> None:
    svc = make_services(sqlite_url, "es", trusted=False)
    seen = Seen()

    async def script(pilot: Any) -> None:
        await until(pilot, lambda: _phase(pilot) is Phase.ANSWER)
        await pilot.press("1", "enter")
        await _revealed(pilot, seen, "review: no demo ran", ran=False)
        trust_installed(svc, "tuipack")

    try:
        drive(build_app(svc, start="review"), script)
    finally:
        svc.close()
    seen.check("review: no demo ran")
