"""An exercise in the app at 80x24: the editor holds the starter; ctrl+r checks it as
often as the learner likes, ctrl+t resets it, ctrl+s submits and ctrl+g gives up."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from mpquiz.core.scheduling import Rating
from mpquiz.services import Services
from mpquiz.tui.factory import build_app
from mpquiz.tui.screens.review import Phase, ReviewScreen
from mpquiz.tui.widgets.program_answer import ProgramAnswer
from mpquiz.tui.widgets.verdict_banner import VerdictBanner
from mpquiz.tui.widgets.verdict_headline import VerdictHeadline
from tests.conftest import FIXTURES
from tests.tui.conftest import drive, make_services, plain, until

pytestmark = pytest.mark.slow
FIXED = (
    "def work(counter, times):\n"
    "    for _ in range(times):\n"
    "        with counter.get_lock():\n"
    "            counter.value += 1\n"
)


@pytest.fixture
def exercises(sqlite_url: str) -> Iterator[Services]:
    svc = make_services(sqlite_url, "es", pack=FIXTURES / "expack")
    yield svc
    svc.close()


def _editor(pilot: Any) -> ProgramAnswer:
    return pilot.app.screen.query_one(ProgramAnswer)


async def _results(pilot: Any) -> str:
    screen = pilot.app.screen

    def done() -> bool:
        said = plain(screen.query_one("#check-results"))
        return "Comprobación" in said or "superadas" in said

    await until(pilot, done)
    return " ".join(plain(screen.query_one("#check-results")).split())


def test_check_fix_check_submit_and_the_rating_follows_the_attempts(exercises: Services) -> None:
    app = build_app(exercises, start="review")

    async def script(pilot: Any) -> None:
        await until(pilot, lambda: bool(pilot.app.screen.query(ProgramAnswer)))
        editor = _editor(pilot)
        assert editor.text.startswith("def work(counter, times):")
        assert editor.show_line_numbers and editor.language == "python"
        editor.focus()
        await pilot.press("ctrl+r")
        first = await _results(pilot)
        assert "✘ fallida · no-lost-updates" in first and "Comprobación 1" in first
        editor.text = FIXED
        await pilot.press("ctrl+r")
        await until(
            pilot, lambda: "superadas" in plain(pilot.app.screen.query_one("#check-results"))
        )
        await pilot.press("ctrl+t")  # back to the starter...
        assert _editor(pilot).text.startswith("def work(counter, times):\n    for")
        assert "get_lock" not in _editor(pilot).text
        _editor(pilot).text = FIXED  # ...and the fix again
        await pilot.press("ctrl+s")
        screen = pilot.app.screen
        await until(pilot, lambda: getattr(screen, "phase", None) is Phase.REVEAL)
        assert isinstance(screen, ReviewScreen) and screen.outcome is not None
        headline = plain(screen.query_one(VerdictHeadline)).strip()
        assert headline.startswith("✔")
        banner = " ".join(plain(screen.query_one(VerdictBanner)).split())
        assert "✔ superada · no-lost-updates" in banner and "Una solución:" in banner
        assert screen.outcome.suggested is Rating.Hard  # checked twice before the submit
        await pilot.press("enter")
        await until(pilot, lambda: exercises.store.review_count(exercises.learner_id) == 1)

    drive(app, script)


def test_giving_up_shows_the_solution_and_the_diff(exercises: Services) -> None:
    app = build_app(exercises, start="review")

    async def script(pilot: Any) -> None:
        await until(pilot, lambda: bool(pilot.app.screen.query(ProgramAnswer)))
        _editor(pilot).focus()
        await pilot.press("ctrl+g")
        screen = pilot.app.screen
        await until(pilot, lambda: getattr(screen, "phase", None) is Phase.REVEAL)
        headline = plain(screen.query_one(VerdictHeadline)).strip()
        assert headline.startswith("✘ Esta vez te has rendido")
        banner = " ".join(plain(screen.query_one(VerdictBanner)).split())
        assert "Tu programa (-) frente a la solución (+):" in banner
        assert "+ with counter.get_lock():" in banner
        assert isinstance(screen, ReviewScreen) and screen.outcome is not None
        assert screen.outcome.suggested is Rating.Again

    drive(app, script)


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_look_of_an_exercise_and_its_checks(
    snap_compare: Any, sqlite_url: str, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    """At 80x24: the prompt, the editor with line numbers and the keys, then the checks
    of a fixed program under it (the timeline, which holds pids, is off)."""
    monkeypatch.setenv("MPQUIZ_TIMELINE", "0")
    svc = make_services(sqlite_url, lang, pack=FIXTURES / "expack")

    async def script(pilot: Any) -> None:
        await until(pilot, lambda: bool(pilot.app.screen.query(ProgramAnswer)))
        editor = _editor(pilot)
        editor.text = FIXED
        editor.focus()
        await pilot.press("ctrl+r")

        def checked() -> bool:
            said = plain(pilot.app.screen.query_one("#check-results"))
            return "✔" in said and "ctrl+s" in said

        await until(pilot, checked)
        await pilot.pause(0.1)

    try:
        app = build_app(svc, start="review")
        assert snap_compare(app, run_before=script, terminal_size=(80, 24))
    finally:
        svc.close()


def test_an_exercise_first_painted_before_the_database_opens_gets_its_starter(
    sqlite_url: str,
) -> None:
    """The fast start paints the first question from a quick look, before the session
    (and the pack's files) are ready; the editor then gets the starter."""
    import threading

    from mpquiz import paths
    from mpquiz.packs.builtin import BUILTIN_STAMP, source_fingerprint
    from mpquiz.store.meta import write_meta
    from tests.tui.conftest import FakeClock, PackOnlyServices

    first = make_services(sqlite_url, "en", pack=FIXTURES / "expack")
    write_meta(first.store, BUILTIN_STAMP, source_fingerprint(paths.builtin_pack_dir()))
    first.close()
    svc = PackOnlyServices(db_url=sqlite_url, lang_option="en", learner="ana", clock=FakeClock())
    gate = threading.Event()
    warm = svc.warm

    def held() -> None:
        assert gate.wait(20)
        warm()

    svc.warm = held  # type: ignore[method-assign]
    app = build_app(svc, start="review", fast_start=True)

    async def script(pilot: Any) -> None:
        screen = pilot.app.screen
        await until(pilot, lambda: screen.question is not None)
        gate.set()
        await until(pilot, lambda: isinstance(screen, ReviewScreen) and screen.session is not None)
        await until(pilot, lambda: _editor(pilot).text.startswith("def work(counter, times):"))

    try:
        drive(app, script)
    finally:
        svc.close()
