"""Home, stats, packs (trust and validation) and the demo browser, driven with keys."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from mpquiz.services import Services
from mpquiz.tui.factory import build_app
from mpquiz.tui.screens.base import SCREENS_CSS
from mpquiz.tui.screens.demos import DemosScreen
from mpquiz.tui.screens.help import HelpScreen
from mpquiz.tui.screens.home import HomeScreen
from mpquiz.tui.screens.packs import PacksScreen
from mpquiz.tui.screens.stats import StatsScreen
from mpquiz.tui.screens.trust import TrustScreen
from mpquiz.tui.widgets.output_panel import OutputPanel
from tests.support.trusting import trust_installed
from tests.tui.conftest import drive, make_services, plain, until


def _text(pilot: Any, selector: str) -> str:
    return plain(pilot.app.screen.query_one(selector))


def test_home_shows_today_and_opens_every_screen(svc: Services) -> None:
    app = build_app(svc)

    async def script(pilot: Any) -> None:
        assert isinstance(pilot.app.screen, HomeScreen)
        today = _text(pilot, "#today")
        assert "Due now 0" in today and "New today 6" in today
        for key, screen in (("s", StatsScreen), ("p", PacksScreen), ("d", DemosScreen)):
            await pilot.press(key)
            await until(pilot, lambda screen=screen: isinstance(pilot.app.screen, screen))
            await pilot.press("escape")
            await until(pilot, lambda: isinstance(pilot.app.screen, HomeScreen))
        await pilot.press("question_mark")
        assert isinstance(pilot.app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.press("down", "down", "enter")  # the menu: third line is Statistics
        await until(pilot, lambda: isinstance(pilot.app.screen, StatsScreen))
        await pilot.press("escape", "q")

    drive(app, script)
    assert app.return_code == 0


def test_home_and_stats_show_what_was_studied(svc: Services) -> None:
    session = svc.review_session()
    for _ in range(2):
        session.show()
        session.answer("1" if session.current.question.kind.value == "choice" else "3")
        session.rate()
    svc.clock.advance(seconds=30)  # type: ignore[attr-defined]
    app = build_app(svc)

    async def script(pilot: Any) -> None:
        assert "Answered today 2" in _text(pilot, "#today")
        assert "Streak (days) 1" in _text(pilot, "#today")
        await pilot.press("s")
        await until(pilot, lambda: isinstance(pilot.app.screen, StatsScreen))
        heatmap = pilot.app.screen.query_one("#heatmap")
        assert heatmap.per_day and sum(heatmap.per_day.values()) == 2
        rendered = plain(heatmap)
        assert "█ 1+" in rendered or "█" in rendered
        forecast = pilot.app.screen.query_one("#forecast")
        assert sum(n for _, n in forecast.days) >= 2
        assert "Basics" in _text(pilot, "#topics-table")
        # Two first answers: nothing learned was reviewed yet.
        assert "True retention: none yet" in _text(pilot, "#retention")

    drive(app, script)


def test_trusting_a_pack_from_the_packs_screen(sqlite_url: str) -> None:
    svc = make_services(sqlite_url, trusted=False)
    app = build_app(svc)

    async def script(pilot: Any) -> None:
        await pilot.press("p")
        await until(pilot, lambda: isinstance(pilot.app.screen, PacksScreen))
        assert "untrusted" in str(pilot.app.screen.query_one("#packs").get_row_at(0))
        await pilot.press("t")
        assert isinstance(pilot.app.screen, TrustScreen)
        assert "exitcode.py" in plain(pilot.app.screen.query_one("#trust-files"))
        await pilot.press("n")
        assert svc.trust.trusted("tuipack") is None
        await pilot.press("t", "y")
        await pilot.pause()
        trusted = svc.trust.trusted("tuipack")
        assert trusted is not None and set(trusted.files) == {"exitcode.py", "in_turn.py"}
        assert "trusted" in str(pilot.app.screen.query_one("#packs").get_row_at(0))
        await pilot.press("x")
        assert svc.trust.trusted("tuipack") is None

    try:
        drive(app, script)
    finally:
        svc.close()


def test_validation_lists_every_problem(svc: Services) -> None:
    app = build_app(svc)

    async def script(pilot: Any) -> None:
        await pilot.press("p")
        await until(pilot, lambda: isinstance(pilot.app.screen, PacksScreen))
        await pilot.press("v")
        await until(pilot, lambda: "Valid" in _text(pilot, "#validation"))
        broken = Path(svc.packs_root) / "tuipack" / "questions" / "order.toml"
        broken.write_text(broken.read_text().replace('kind = "open"', 'kind = "essay"'))
        await pilot.press("v")
        await until(pilot, lambda: "problem" in _text(pilot, "#validation"))
        assert "order.why" in _text(pilot, "#validation")

    drive(app, script)


def test_validation_says_each_problem_in_the_learners_language(svc_es: Services) -> None:
    app = build_app(svc_es)
    broken = Path(svc_es.packs_root) / "tuipack" / "questions" / "order.toml"
    broken.write_text(broken.read_text().replace('kind = "open"', 'kind = "essay"'))

    async def script(pilot: Any) -> None:
        await pilot.press("p")
        await until(pilot, lambda: isinstance(pilot.app.screen, PacksScreen))
        await pilot.press("v")
        await until(pilot, lambda: "problema" in _text(pilot, "#validation"))
        shown = " ".join(_text(pilot, "#validation").split())  # the lines as wrapped
        assert "pregunta order.why: campo kind: debe ser uno de" in shown
        assert "pero es 'essay' (pista: tipos válidos:" in shown
        assert "question " not in shown and "hint" not in shown

    drive(app, script)


def test_the_demo_browser_runs_trusted_demos_only(sqlite_url: str) -> None:
    svc = make_services(sqlite_url, trusted=False)
    app = build_app(svc)

    async def script(pilot: Any) -> None:
        await pilot.press("d")
        await until(pilot, lambda: isinstance(pilot.app.screen, DemosScreen))
        screen = pilot.app.screen
        assert [e.name for e in screen.entries] == ["exitcode.py", "in_turn.py"]
        assert "sys.exit(3)" in plain(screen.query_one("CodeView"))
        await pilot.press("enter")
        assert "not trusted" in plain(screen.query_one(OutputPanel))
        trust_installed(svc, "tuipack")
        await pilot.press("r")
        output = screen.query_one(OutputPanel)
        await until(pilot, lambda: output.result is not None)
        assert output.lines == ["child finished", "exitcode: 3"]
        demo = svc.places.demos("tuipack") / "in_turn.py"  # type: ignore[operator]
        demo.write_text(demo.read_text() + "\n# changed\n")
        await pilot.press("down")
        assert "does not run" in _text(pilot, "#demo-state")
        assert "changed since you trusted it (in_turn.py)" in _text(pilot, "#demo-state")

    try:
        drive(app, script)
    finally:
        svc.close()


def test_ctrl_c_says_how_to_quit_in_the_learners_language(db_url: str) -> None:
    """Textual's own hint ("Do you want to quit?") is English; mpquiz's is the learner's."""
    app = build_app(make_services(db_url, "es"))

    async def script(pilot: Any) -> None:
        await until(pilot, lambda: isinstance(pilot.app.screen, HomeScreen))
        await pilot.press("ctrl+c")
        await until(pilot, lambda: bool(pilot.app._notifications))
        (shown,) = list(pilot.app._notifications)
        assert shown.title == "¿Quieres salir?" and "Pulsa q para salir" in shown.message
        assert isinstance(pilot.app.screen, HomeScreen)  # nothing quit

    drive(app, script)


def test_home_offers_to_fit_fsrs_once_the_reviews_are_enough(sqlite_url: str) -> None:
    from mpquiz.session.clock import Clock
    from tests.learner_history import history, store_history

    fixed = Clock(now=lambda: history(1, 1)[0][1] + timedelta(days=400))
    svc = Services(db_url=sqlite_url, lang_option="es", learner="ana", clock=fixed)
    svc.open()
    store_history(svc, history(60, 8))
    app = build_app(svc)

    async def script(pilot: Any) -> None:
        await until(pilot, lambda: pilot.app.screen.board is not None)
        tune = pilot.app.screen.query_one("#tune")
        assert tune.display
        assert "Tus 480 repasos bastan para ajustar FSRS" in plain(tune)
        await pilot.press("o")
        await until(pilot, lambda: svc.store.tuning(svc.learner_id).parameters is not None)
        await until(pilot, lambda: not tune.display)
        shown = [str(n.message) for n in pilot.app._notifications]
        assert any("FSRS ajustado a tus 480 repasos y guardado" in m for m in shown), shown
        assert any("Se movieron 60 de tus 60 preguntas" in m for m in shown), shown
        assert svc.scheduler.parameters == svc.store.tuning(svc.learner_id).parameters
        await pilot.press("q")

    try:
        drive(app, script)
    finally:
        svc.close()
    assert app.return_code == 0


def test_the_instructor_screen_analyses_each_question(tmp_path: Path) -> None:
    from mpquiz.tui.screens.class_items import ClassItemsScreen
    from tests.conftest import FakeClock
    from tests.session.test_classroom import item_class

    url = f"sqlite:///{tmp_path / 'class.db'}"
    teacher, _questions, qids = item_class(url, Path(__file__).parents[1] / "fixtures" / "mini")
    teacher.close()
    svc = Services(db_url=url, lang_option="es", learner="teacher", clock=FakeClock())
    svc.open()
    app = build_app(svc)

    async def script(pilot: Any) -> None:
        await until(pilot, lambda: pilot.app.screen.board is not None)
        await pilot.press("c")
        await until(pilot, lambda: isinstance(pilot.app.screen, ClassItemsScreen))
        screen = pilot.app.screen
        assert "8 estudiantes · últimos 30 días · todos los packs" in _text(pilot, "#class-scope")
        table = screen.query_one("#class-items")
        assert table.row_count == 4
        assert {i.qid for i in screen.items} == set(qids.values())
        assert screen.items[0].second_look is not None  # worth a second look first
        detail = _text(pilot, "#class-detail")
        assert screen.items[0].qid in detail and "intentos acertados" in detail
        await pilot.press("down")
        assert screen.items[1].qid in _text(pilot, "#class-detail")
        await pilot.press("k")  # the next pack: the built-in one, which nobody answered
        assert screen.pack not in (None, "mini") and table.row_count == 0
        await pilot.press("k")  # then the mini pack: every question again
        assert screen.pack == "mini" and table.row_count == 4
        await pilot.press("t", "t", "t")  # 90, 365, then 7 days
        assert screen.days == 7
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(pilot.app.screen, HomeScreen))
        await pilot.press("q")

    try:
        drive(app, script)
    finally:
        svc.close()
    assert app.return_code == 0


def test_f_shows_the_questions_forgetting_curve_over_the_review(svc: Services) -> None:
    from mpquiz.tui.screens.curve import CurveScreen
    from mpquiz.tui.screens.review import ReviewScreen

    session = svc.review_session()  # one answer to the first question, three days ago
    first = session.show()
    assert first is not None
    session.answer("1" if first.question.kind.value == "choice" else "3")
    session.rate()
    session.close()
    svc.clock.advance(days=3)  # type: ignore[attr-defined]
    app = build_app(svc, start="review")

    async def script(pilot: Any) -> None:
        await until(pilot, lambda: isinstance(pilot.app.screen, ReviewScreen))
        await until(pilot, lambda: pilot.app.screen.item is not None)
        shown = pilot.app.screen.item.question
        await pilot.press("f")
        await until(pilot, lambda: isinstance(pilot.app.screen, CurveScreen))
        curve = pilot.app.screen.curve
        assert curve.name == f"{shown.pack_id}:{shown.qid}"
        assert shown.qid == first.question.qid  # due again: the queue's first
        assert [a.rating for a in curve.answers] == [3]  # its one answer, on the curve
        assert "✓" in plain(pilot.app.screen.query_one("#curve"))  # marked where it was given
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(pilot.app.screen, ReviewScreen))
        await pilot.press("ctrl+q")

    drive(app, script)


def test_the_stats_screen_shows_true_retention_per_week_and_per_topic(
    sqlite_url: str,
) -> None:
    from mpquiz.session.pack_install import add_pack
    from tests.conftest import T0, FakeClock
    from tests.session.test_retention import hand_made_history

    svc = Services(db_url=sqlite_url, lang_option="es", learner="ana", clock=FakeClock())
    svc.open()
    add_pack(Path(__file__).parents[1] / "fixtures" / "mini", svc.store, svc.packs_root, T0)
    hand_made_history(svc)
    app = build_app(svc)

    async def script(pilot: Any) -> None:
        await until(pilot, lambda: pilot.app.screen.board is not None)
        await pilot.press("s")
        await until(pilot, lambda: isinstance(pilot.app.screen, StatsScreen))
        lines = [line.strip() for line in _text(pilot, "#retention").splitlines()]
        assert lines[0].startswith("Retención real: 75% de 4 repasos")
        assert [line.split()[0] for line in lines[1:] if line] == [
            "2026-W10", "2026-W11", "Básico", "Más",
        ]  # fmt: skip
        assert "50%" in lines[1] and "(2)" in lines[1]
        assert "67%" in lines[3] and "(3)" in lines[3]
        await pilot.press("escape", "q")

    try:
        drive(app, script)
    finally:
        svc.close()
    assert app.return_code == 0


def test_every_screen_follows_the_terminal_when_it_is_resized(svc: Services) -> None:
    """The first screen is born with its width class; later sizes, and going back to an
    earlier one, still lay it out again (mpquiz skips only repeats of the same size)."""
    app = build_app(svc, start="review")

    async def script(pilot: Any) -> None:
        from mpquiz.tui.screens.review import ReviewScreen
        from mpquiz.tui.widgets.key_footer import KeyFooter

        await until(pilot, lambda: isinstance(pilot.app.screen, ReviewScreen))
        screen = pilot.app.screen
        assert screen.has_class("-narrow") and not screen.has_class("-wide")
        for width, height, wide in ((130, 40, True), (80, 24, False), (130, 40, True)):
            await pilot.resize_terminal(width, height)
            await until(pilot, lambda w=width: screen.query_one("#body").region.width == w)
            assert screen.has_class("-wide") is wide and screen.has_class("-narrow") is not wide
            assert screen.query_one(KeyFooter).region.y == height - 1
        await pilot.press("escape")  # home, made at this size: laid out wide
        await until(pilot, lambda: isinstance(pilot.app.screen, HomeScreen))
        assert pilot.app.screen.has_class("-wide")
        assert pilot.app.screen.query_one("#menu").region.width > 0

    drive(app, script)


def test_screens_opened_after_a_review_get_their_own_rules(svc: Services) -> None:
    """The review's rules are parsed before its first frame, every other screen's with the
    first of them (screens/screens.tcss): a dialog and home opened from a review are
    styled as when the app opens on home."""
    app = build_app(svc, start="review")

    async def script(pilot: Any) -> None:
        await until(pilot, lambda: pilot.app.screen.query("#prompt"))
        assert not pilot.app.stylesheet.has_source(str(SCREENS_CSS))
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(pilot.app.screen, HelpScreen))
        assert pilot.app.screen.query_one("#dialog").styles.border_top[0] == "thick"
        await pilot.press("escape")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(pilot.app.screen, HomeScreen))
        menu = pilot.app.screen.query_one("#menu")
        assert menu.styles.width is not None and menu.styles.width.value == 26
        assert menu.outer_size.width == 26
        await pilot.press("q")

    drive(app, script)
    assert app.return_code == 0


def test_an_app_opening_on_home_has_the_screens_rules_from_the_start(svc: Services) -> None:
    app = build_app(svc)

    async def script(pilot: Any) -> None:
        assert pilot.app.stylesheet.has_source(str(SCREENS_CSS))
        assert pilot.app.screen.query_one("#menu").outer_size.width == 26
        await pilot.press("q")

    drive(app, script)
