"""The review screen, driven with keys: each kind of answer, the verdict, rating, undo,
re-run, and leaving or quitting mid-session without losing an answer given."""

from __future__ import annotations

from typing import Any

from mpquiz import paths
from mpquiz.services import Services
from mpquiz.session.pack_install import add_pack
from mpquiz.settings import Settings, save_settings
from mpquiz.tui.factory import build_app
from mpquiz.tui.screens.review import Phase, ReviewScreen
from mpquiz.tui.widgets.output_panel import OutputPanel
from mpquiz.tui.widgets.status_line import StatusLine
from mpquiz.tui.widgets.title_bar import TitleBar
from mpquiz.tui.widgets.verdict_banner import VerdictBanner
from tests.conftest import T0
from tests.support.trusting import trust_installed
from tests.tui.conftest import PACK, drive, make_services, plain, until

SLOW_PACK = PACK.parent / "slowpack"


def _reviews(svc: Services) -> int:
    return svc.store.review_count(svc.learner_id)


async def _revealed(pilot: Any) -> ReviewScreen:
    await until(pilot, lambda: getattr(pilot.app.screen, "phase", None) is Phase.REVEAL)
    return pilot.app.screen


async def _first_right_then_second(pilot: Any) -> None:
    """Answer the first question right, take the suggested rating, reach the second."""
    await pilot.press("1", "enter")
    await _revealed(pilot)
    await pilot.press("enter")
    await until(pilot, lambda: _qid(pilot) == "basics.exitcode-number")


def _told(pilot: Any) -> str:
    return pilot.app.screen.query_one(StatusLine).said


def _qid(pilot: Any) -> str:
    return pilot.app.screen.item.question.qid


def test_a_full_review_answers_every_kind(svc: Services) -> None:
    app = build_app(svc, start="review")

    async def script(pilot: Any) -> None:
        assert _qid(pilot) == "basics.exitcode"
        await pilot.press("1", "enter")  # choice: tick option 1, answer
        screen = await _revealed(pilot)
        assert screen.outcome.verdict.correct is True
        output = screen.query_one(OutputPanel)
        assert output.lines == ["child finished", "exitcode: 3"]
        assert output.evidence == {1}  # the line that proves it, marked ▶
        assert screen.query_one(VerdictBanner).has_class("-confirmed")
        await pilot.press("enter")  # the suggested rating (Good)

        assert _qid(pilot) == "basics.exitcode-number"
        await pilot.press("3", "enter")
        screen = await _revealed(pilot)
        assert screen.outcome.verdict.correct is True
        await pilot.press("4")  # Easy

        assert _qid(pilot) == "basics.facts"
        await pilot.press("1", "2", "enter")  # several ticks
        assert (await _revealed(pilot)).outcome.answer == "1,2"
        await pilot.press("3")

        assert _qid(pilot) == "order.typed"
        await pilot.press(*"child 0", "enter", *"child 1", "enter", *"joined 2", "enter", "enter")
        screen = await _revealed(pilot)
        assert screen.outcome.verdict.correct is True
        await pilot.press("enter")

        assert _qid(pilot) == "order.pick"
        await pilot.press("2", "enter")
        assert (await _revealed(pilot)).outcome.verdict.correct is True
        await pilot.press("enter")

        assert _qid(pilot) == "order.why"
        await pilot.press(*"join waits", "ctrl+s")
        screen = await _revealed(pilot)
        assert screen.outcome.suggested is None
        assert screen.query_one(VerdictBanner).has_class("-open")
        await pilot.press("enter")  # no suggestion: Enter only reminds to self-rate
        assert screen.phase is Phase.REVEAL
        await pilot.press("4")  # Easy: not due again in this sitting
        await until(pilot, lambda: screen.phase is Phase.DONE)

    drive(app, script)
    assert _reviews(svc) == 6


def test_a_wrong_answer_is_corrected_and_suggests_again(svc: Services) -> None:
    app = build_app(svc, start="review")

    async def script(pilot: Any) -> None:
        await pilot.press("2", "enter")
        screen = await _revealed(pilot)
        assert screen.outcome.verdict.correct is False
        assert screen.query_one(VerdictBanner).has_class("-corrected")
        assert screen.query_one(OutputPanel).evidence == {1}
        await pilot.press("enter")
        await until(pilot, lambda: _qid(pilot) == "basics.exitcode-number")
        # Again: the question comes back in this sitting when its learning step is due,
        # and the counter's total counts it once.
        assert screen.session.total == 6 and len(screen.session.coming_back) == 1
        assert "2 of 6" in screen.query_one(TitleBar).text

    drive(app, script)


def test_an_answer_that_does_not_fit_is_refused_and_kept_open(svc: Services) -> None:
    app = build_app(svc, start="review", pack_id="tuipack", topic="order")

    async def script(pilot: Any) -> None:
        assert _qid(pilot) == "order.typed"
        await pilot.press("ctrl+s")  # empty prediction
        await pilot.pause()
        screen = pilot.app.screen
        assert screen.phase is Phase.ANSWER
        assert "give an answer" in _told(pilot)
        assert not pilot.app._notifications  # said above the keys, not in a toast

    drive(app, script)
    assert _reviews(svc) == 0


def test_undo_takes_back_the_last_rating(svc: Services) -> None:
    app = build_app(svc, start="review")

    async def script(pilot: Any) -> None:
        await _first_right_then_second(pilot)
        assert _reviews(svc) == 1
        await pilot.press("escape")  # leave the number field: keys act again
        await pilot.press("u")
        await until(pilot, lambda: _qid(pilot) == "basics.exitcode")
        assert _reviews(svc) == 0
        assert pilot.app.screen.session.answered == 0

    drive(app, script)


def test_undo_after_answering_the_next_question_asks_both_again(svc: Services) -> None:
    app = build_app(svc, start="review")

    async def script(pilot: Any) -> None:
        await _first_right_then_second(pilot)
        await pilot.press("3", "enter")
        await _revealed(pilot)  # answered, not rated yet
        await pilot.press("u")
        await until(pilot, lambda: _qid(pilot) == "basics.exitcode")
        assert _reviews(svc) == 0 and pilot.app.screen.phase is Phase.ANSWER
        await _first_right_then_second(pilot)
        assert _reviews(svc) == 1

    drive(app, script)


def test_run_again_starts_a_fresh_run_of_the_same_demo(svc: Services) -> None:
    app = build_app(svc, start="review")

    async def script(pilot: Any) -> None:
        await pilot.press("1", "enter")
        screen = await _revealed(pilot)
        first = screen.query_one(OutputPanel).demo
        await pilot.press("r")
        output = screen.query_one(OutputPanel)
        assert screen.runs == 2 and output.demo is not first
        assert "run 2" in str(output.border_title)
        await until(pilot, lambda: output.result is not None)
        assert output.lines == ["child finished", "exitcode: 3"]
        assert output.previous == ["child finished", "exitcode: 3"]

    drive(app, script)


def test_leaving_keeps_an_answer_given_but_not_yet_rated(svc: Services) -> None:
    app = build_app(svc, start="review")

    async def script(pilot: Any) -> None:
        await _first_right_then_second(pilot)
        await pilot.press("3", "enter")
        await _revealed(pilot)
        await pilot.press("escape")  # home, rating the second with its suggestion
        await until(pilot, lambda: type(pilot.app.screen).__name__ == "HomeScreen")

    drive(app, script)
    assert _reviews(svc) == 2


def test_quitting_keeps_every_answer_given(svc: Services) -> None:
    app = build_app(svc, start="review")

    async def script(pilot: Any) -> None:
        await pilot.press("2", "enter")
        await _revealed(pilot)
        await pilot.press("ctrl+q")

    drive(app, script)
    assert _reviews(svc) == 1


def test_an_open_question_left_unrated_asks_first(svc: Services) -> None:
    app = build_app(svc, start="review", pack_id="tuipack", topic="order")

    async def script(pilot: Any) -> None:
        await pilot.press("2", "enter", "enter")  # the typed prediction first: a wrong "2"
        await _revealed(pilot)
        await pilot.press("1")
        await until(pilot, lambda: _qid(pilot) == "order.pick")
        await pilot.press("2", "enter")
        await _revealed(pilot)
        await pilot.press("3")
        await until(pilot, lambda: _qid(pilot) == "order.why")
        await pilot.press(*"no idea", "ctrl+s")
        await _revealed(pilot)
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, ReviewScreen)  # warned, still here
        await pilot.press("escape")
        await until(pilot, lambda: type(pilot.app.screen).__name__ == "HomeScreen")

    drive(app, script)
    assert _reviews(svc) == 2  # the unrated open answer was not stored


def test_an_untrusted_pack_says_why_its_demo_did_not_run(sqlite_url: str) -> None:
    svc = make_services(sqlite_url, trusted=False)
    app = build_app(svc, start="review")

    async def script(pilot: Any) -> None:
        await pilot.press("1", "enter")
        screen = await _revealed(pilot)
        assert screen.outcome.run is None
        assert "not trusted" in plain(screen.query_one(OutputPanel))
        assert screen.outcome.verdict.correct is True  # graded on the key alone
        assert not screen.check_action("rerun", ())

    try:
        drive(app, script)
    finally:
        svc.close()


def test_spanish_review(svc_es: Services) -> None:
    app = build_app(svc_es, start="review")

    async def script(pilot: Any) -> None:
        await pilot.press("1", "enter")
        screen = await _revealed(pilot)
        assert "Correcto" in str(screen.query_one(VerdictBanner).border_title)
        assert "Repaso · 1 de 6" in screen.query_one(TitleBar).text

    drive(app, script)


def test_output_streams_live_and_quitting_mid_run_keeps_the_answer(svc: Services) -> None:
    add_pack(SLOW_PACK, svc.store, svc.packs_root, T0)
    trust_installed(svc, "slowpack")
    app = build_app(svc, start="review", pack_id="slowpack")

    async def script(pilot: Any) -> None:
        await pilot.press("1", "enter")
        screen = pilot.app.screen
        output = screen.query_one(OutputPanel)
        # The first line is on screen while the demo is still running.
        await until(pilot, lambda: output.lines == ["child started"])
        assert screen.phase is Phase.WAITING and output.result is None
        await pilot.press("ctrl+q")  # stops the demo, keeps the answer (graded on the key)

    drive(app, script)
    assert _reviews(svc) == 1


def test_shuffled_options_are_answered_by_the_numbers_shown(sqlite_url: str) -> None:
    save_settings(Settings(shuffle_options=True), paths.config_file())
    svc = make_services(sqlite_url)
    app = build_app(svc, start="review")

    async def script(pilot: Any) -> None:
        screen = pilot.app.screen
        await until(pilot, lambda: screen.question is not None)
        right = next(iter(screen.question.correct_options))
        assert screen.question.options[right].text.get("en") == "3"  # the key, wherever it is
        await pilot.press(str(right + 1), "enter")
        screen = await _revealed(pilot)
        assert screen.outcome.verdict.correct is True

    drive(app, script)
    svc.close()


def test_enter_with_nothing_marked_answers_nothing_and_says_how_to_mark(svc: Services) -> None:
    """The cursor's row is no answer: Enter asks for a mark (in a review as in an exam)."""
    app = build_app(svc, start="review")

    async def script(pilot: Any) -> None:
        assert _qid(pilot) == "basics.exitcode"
        await pilot.press("enter")
        await pilot.pause(0.1)
        screen = pilot.app.screen
        assert isinstance(screen, ReviewScreen) and screen.phase is Phase.ANSWER
        said = _told(pilot)  # what the status line above the keys says
        assert "Nothing is marked yet" in said, said
        await pilot.press("down", "space", "enter")  # Space marks the highlighted row
        assert (await _revealed(pilot)).outcome.answer == "2"

    drive(app, script)
    assert svc.store.review_count(svc.learner_id) == 0  # nothing stored until rated


def test_a_question_answered_again_waits_for_its_step_when_it_is_the_last(svc: Services) -> None:
    """Not straight back with its answer still in mind: the end says when it returns, and
    Enter brings it now, counted once ("1 of 1 · again")."""
    app = build_app(svc, start="review", new_per_day=1)

    async def script(pilot: Any) -> None:
        assert _qid(pilot) == "basics.exitcode"
        await pilot.press("2", "enter")  # wrong
        screen = await _revealed(pilot)
        await pilot.press("enter")  # the suggested rating: Again
        await until(pilot, lambda: screen.phase is Phase.DONE)
        assert screen.item is None and "comes back in" in plain(screen.after.done)
        await pilot.press("enter")
        await until(pilot, lambda: screen.phase is Phase.ANSWER)
        assert _qid(pilot) == "basics.exitcode"
        assert screen.query_one(TitleBar).text.startswith("Review · 1 of 1 · again")

    drive(app, script)
    assert _reviews(svc) == 1


def test_help_lists_the_keys_of_the_stage_the_learner_is_in(svc: Services) -> None:
    """While answering: the answer's own keys and how to scroll to options below the fold,
    not the ratings of the next stage; once revealed, the ratings."""
    from mpquiz.tui.screens.help import HelpScreen

    app = build_app(svc, start="review")

    async def keys_shown(pilot: Any) -> str:
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(pilot.app.screen, HelpScreen))
        shown = plain(pilot.app.screen.query_one("#help-keys"))
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(pilot.app.screen, ReviewScreen))
        return shown

    async def script(pilot: Any) -> None:
        answering = await keys_shown(pilot)
        assert "Mark" in answering and "pgup pgdn" in answering and "Answer" in answering
        assert "Rate" not in answering and "Run again" not in answering
        assert "Focus Next" not in answering and "Scroll Home" not in answering  # Textual's
        await pilot.press("1", "enter")
        await _revealed(pilot)
        revealed = await keys_shown(pilot)
        assert "Rate" in revealed and "Mark" not in revealed

    drive(app, script)
