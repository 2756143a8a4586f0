"""The exam: set-up, answering without feedback, the result and its trend, the timeout."""

from __future__ import annotations

import dataclasses
from typing import Any

from textual.widgets import Input

from mpquiz.services import Services
from mpquiz.session.exam import ExamSettings
from mpquiz.tui.factory import build_app
from mpquiz.tui.screens.exam import ExamScreen
from mpquiz.tui.screens.exam_result import ExamResultScreen
from mpquiz.tui.screens.exam_setup import ExamSetupScreen
from mpquiz.tui.widgets.check_list import CheckList
from mpquiz.tui.widgets.output_panel import OutputPanel
from mpquiz.tui.widgets.tick_box import TickBox
from tests.tui.conftest import drive, plain, until


def _on(pilot: Any, kind: type) -> bool:
    return isinstance(pilot.app.screen, kind)


async def _start_exam(pilot: Any) -> None:
    """From home: open the set-up, start with its defaults, wait for the first question."""
    await pilot.press("e")
    await until(pilot, lambda: _on(pilot, ExamSetupScreen))
    await pilot.press("ctrl+s")
    await until(pilot, lambda: _on(pilot, ExamScreen))


async def _answer_current(pilot: Any, right: bool) -> None:
    """Answer the exam's current question, right or wrong, by its kind."""
    question = pilot.app.screen.session.current.question
    if question.kind.value == "choice":
        picks = [str(i + 1) for i in sorted(question.correct_options)] if right else ["3"]
        await pilot.press(*picks, "enter")
    elif question.kind.value == "numeric":
        await pilot.press("3" if right else "9", "enter")
    elif question.kind.value == "predict" and question.candidates:
        await pilot.press("2" if right else "1", "enter")
    else:
        lines = question.expected.strip().splitlines() if right else ["nope"]
        for line in lines:
            await pilot.press(*line, "enter")
        await pilot.press("enter")
    await pilot.pause()


def test_an_exam_from_set_up_to_result_and_trend(svc: Services) -> None:
    app = build_app(svc, exam_seed=7)

    async def script(pilot: Any) -> None:
        for attempt, right in enumerate((False, True)):
            await _start_exam(pilot)
            session = pilot.app.screen.session
            assert len(session.questions) == 5  # the open question is never examined
            for _ in range(5):
                await _answer_current(pilot, right)
            await until(pilot, lambda: _on(pilot, ExamResultScreen))
            result = pilot.app.screen.result
            assert result.correct == (5 if right else 0)
            trend = plain(pilot.app.screen.query_one("#trend"))
            assert ("Trend" in trend) == (attempt == 1)
            await pilot.press("escape")
            await until(pilot, lambda: type(pilot.app.screen).__name__ == "HomeScreen")

    drive(app, script)
    assert len(svc.store.exams(svc.learner_id)) == 2


def test_the_exam_ends_by_itself_when_time_is_up(svc: Services) -> None:
    app = build_app(svc, exam_seed=1)

    async def script(pilot: Any) -> None:
        await pilot.press("e")
        await until(pilot, lambda: _on(pilot, ExamSetupScreen))
        await pilot.press("tab", "tab", "ctrl+a", "ctrl+k", "1", "enter")  # one minute
        await until(pilot, lambda: _on(pilot, ExamScreen))
        await _answer_current(pilot, True)
        svc.clock.advance(minutes=2)  # type: ignore[attr-defined]
        await until(pilot, lambda: _on(pilot, ExamResultScreen))
        result = pilot.app.screen.result
        assert result.timed_out and result.correct == 1 and len(result.missed) == 4

    drive(app, script)


def test_skip_finish_early_and_a_missed_demo_on_demand(svc: Services) -> None:
    app = build_app(svc, exam_seed=3)

    async def script(pilot: Any) -> None:
        await _start_exam(pilot)
        await pilot.press("ctrl+n")  # skip
        assert pilot.app.screen.session.index == 1
        await pilot.press("escape")
        await pilot.press("n")  # not yet
        assert _on(pilot, ExamScreen)
        await pilot.press("escape", "y")
        await until(pilot, lambda: _on(pilot, ExamResultScreen))
        screen = pilot.app.screen
        assert len(screen.result.missed) == 5 and screen.result.missed[0][1] is None
        assert "Not answered" in plain(screen.query_one("#missed-detail"))
        await pilot.press("d")
        output = screen.query_one(OutputPanel)
        await until(pilot, lambda: output.result is not None)
        assert output.display and output.lines

    drive(app, script)


def test_the_set_up_refuses_what_cannot_make_an_exam(svc: Services) -> None:
    app = build_app(svc)

    async def script(pilot: Any) -> None:
        await pilot.press("e")
        await until(pilot, lambda: _on(pilot, ExamSetupScreen))
        await pilot.press("a")  # untick every topic
        await pilot.press("ctrl+s")
        assert _on(pilot, ExamSetupScreen)
        assert "Tick at least one" in plain(pilot.app.screen.query_one("#exam-error"))
        await pilot.press("a", "tab", "ctrl+a", "ctrl+k", "0", "enter")
        assert "whole number" in plain(pilot.app.screen.query_one("#exam-error"))
        await pilot.press("ctrl+a", "ctrl+k", "2", "shift+tab", "space", "ctrl+s")
        await until(pilot, lambda: _on(pilot, ExamScreen))
        session = pilot.app.screen.session
        assert len(session.questions) == 2
        assert {q.question.topic for q in session.questions} == {"order"}

    drive(app, script)


def test_mpquiz_exam_opens_the_form_filled_from_its_options(svc: Services) -> None:
    preset = ExamSettings(
        count=2, minutes=3, topics=("order",), pack_id="tuipack", weak_first=True, seed=3
    )
    app = build_app(svc, start="exam", exam=preset)

    async def script(pilot: Any) -> None:
        await until(pilot, lambda: _on(pilot, ExamSetupScreen))
        screen = pilot.app.screen
        assert screen.query_one("#count", Input).value == "2"
        assert screen.query_one("#minutes", Input).value == "3"
        assert screen.query_one("#topics", CheckList).selected == ["order"]
        assert screen.query_one("#weak", TickBox).value is True
        await pilot.press("ctrl+s")
        await until(pilot, lambda: _on(pilot, ExamScreen))
        session = pilot.app.screen.session
        assert session.settings == dataclasses.replace(preset, shuffle=False)  # the setting's
        assert {q.question.topic for q in session.questions} == {"order"}
        await pilot.press("escape", "escape", "y")  # leave the answer field, finish early
        await until(pilot, lambda: _on(pilot, ExamResultScreen))
        await pilot.press("escape")
        await until(pilot, lambda: type(pilot.app.screen).__name__ == "HomeScreen")

    drive(app, script)


def test_in_spanish_s_for_si_confirms(svc_es: Services) -> None:
    app = build_app(svc_es, exam_seed=2)

    async def script(pilot: Any) -> None:
        await _start_exam(pilot)
        await pilot.press("escape")  # finish? (a text field takes one Esc first)
        await pilot.pause()
        if type(pilot.app.screen).__name__ != "ConfirmScreen":
            await pilot.press("escape")
        await until(pilot, lambda: type(pilot.app.screen).__name__ == "ConfirmScreen")
        assert "s (o y) Sí" in plain(pilot.app.screen.query(".hint").first())
        await pilot.press("s")
        await until(pilot, lambda: _on(pilot, ExamResultScreen))

    drive(app, script)


def test_a_missed_answer_says_no_demo_ran_until_its_demo_runs(svc: Services) -> None:
    """An exam grades by the key: each missed answer says no demo ran; run on demand,
    its demo's verdict says what this run showed."""
    app = build_app(svc, exam_seed=7)

    async def script(pilot: Any) -> None:
        await _start_exam(pilot)
        for _ in range(5):
            await _answer_current(pilot, False)
        await until(pilot, lambda: _on(pilot, ExamResultScreen))
        screen = pilot.app.screen
        missed = screen.query_one("#missed")
        index = next(
            i
            for i, (item, _given) in enumerate(screen.result.missed)
            if item.question.qid == "basics.exitcode"
        )
        missed.highlighted = index
        await pilot.pause()
        detail = screen.query_one("#missed-detail")
        before = " ".join(plain(detail).split())
        assert "✘ Not so by the key. No demo ran, so no run shows it." in before
        await pilot.press("d")
        output = screen.query_one(OutputPanel)
        await until(pilot, lambda: output.result is not None)
        await until(pilot, lambda: "this run shows it" in plain(detail))
        after = " ".join(plain(detail).split())
        assert "✘ Not so, and this run shows it." in after
        assert "No demo ran" not in after

    drive(app, script)
