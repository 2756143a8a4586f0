"""The look of every screen at 80x24 and 120x40, on the fixed test bed (pytest-textual-snapshot).

Each case is a user's script: the keys they press and what they wait for. Update the SVGs
after a deliberate change with `pytest tests/tui --snapshot-update`, then look at them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from mpquiz.services import Services
from mpquiz.tui.factory import build_app
from mpquiz.tui.screens.review import Phase
from tests.tui.conftest import SIZES, make_services, until

Script = Callable[[Any], Awaitable[None]]


@pytest.fixture(autouse=True)
def _no_timeline(monkeypatch: pytest.MonkeyPatch) -> None:
    """Process timelines hold pids and timings, which differ on every run: off here
    (tests/tui/test_timeline_look.py keeps the look of one drawn from fixed records)."""
    monkeypatch.setenv("MPQUIZ_TIMELINE", "0")


async def _revealed(pilot: Any) -> None:
    await until(pilot, lambda: getattr(pilot.app.screen, "phase", None) is Phase.REVEAL)
    await pilot.pause(0.1)


async def _screen(pilot: Any, name: str) -> None:
    await until(pilot, lambda: type(pilot.app.screen).__name__ == name)


async def _nothing(pilot: Any) -> None:
    await pilot.pause()


async def _review_answered(pilot: Any) -> None:
    await pilot.press("1", "enter")
    await _revealed(pilot)


async def _exam_question(pilot: Any) -> None:
    await pilot.press("e")
    await _screen(pilot, "ExamSetupScreen")
    await pilot.press("ctrl+s")
    await _screen(pilot, "ExamScreen")


async def _exam_result(pilot: Any) -> None:
    await _exam_question(pilot)
    await pilot.press("1", "enter", "escape", "y")
    await _screen(pilot, "ExamResultScreen")


async def _open(key: str, name: str, pilot: Any) -> None:
    await pilot.press(key)
    await _screen(pilot, name)


async def _demo_run(pilot: Any) -> None:
    await _open("d", "DemosScreen", pilot)
    await pilot.press("enter")
    output = pilot.app.screen.output
    await until(pilot, lambda: output.result is not None)


async def _review_help(pilot: Any) -> None:
    await pilot.press("question_mark")
    await _screen(pilot, "HelpScreen")


# (name, start screen, script)
SCREENS: list[tuple[str, str, Script]] = [
    ("home", "home", _nothing),
    ("review_question", "review", _nothing),
    ("review_answered", "review", _review_answered),
    ("review_help", "review", _review_help),
    ("exam_setup", "home", lambda p: _open("e", "ExamSetupScreen", p)),
    ("exam_question", "home", _exam_question),
    ("exam_result", "home", _exam_result),
    ("stats", "home", lambda p: _open("s", "StatsScreen", p)),
    ("packs", "home", lambda p: _open("p", "PacksScreen", p)),
    ("demos", "home", _demo_run),
]


def _studied(svc: Services) -> None:
    """Two reviews at the fixed time, so stats, mastery and the forecast have figures."""
    session = svc.review_session()
    for raw in ("1", "3"):
        session.show()
        session.answer(raw)
        session.rate()
    session.close()


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(("name", "start", "script"), SCREENS, ids=[s[0] for s in SCREENS])
def test_screen(
    snap_compare: Any, svc: Services, size: str, name: str, start: str, script: Script
) -> None:
    """Each screen at each size."""
    if name in ("home", "stats"):
        _studied(svc)
    app = build_app(svc, start=start, exam_seed=5)
    assert snap_compare(app, run_before=script, terminal_size=SIZES[size])


async def _typed_wrong(pilot: Any) -> None:
    await pilot.press(*"child 1", "enter", *"child 0", "enter", "enter")
    await _revealed(pilot)


async def _open_answered(pilot: Any) -> None:
    await pilot.press(*"join waits for each child", "ctrl+s")
    await _revealed(pilot)


def test_a_corrected_prediction(snap_compare: Any, svc: Services) -> None:
    """The diff of a wrong prediction against the real output."""
    app = build_app(svc, start="review", topic="order")
    assert snap_compare(app, run_before=_typed_wrong)


def test_an_open_question_revealed(snap_compare: Any, sqlite_url: str) -> None:
    """The model answer and key points beside the learner's own, and the self-rating."""
    svc = make_services(sqlite_url)
    session = svc.review_session(topic="order")
    for raw in ("child 0\nchild 1\njoined 2", "2"):
        session.show()
        session.answer(raw)
        session.rate()
    session.close()
    app = build_app(svc, start="review", topic="order")
    try:
        assert snap_compare(app, run_before=_open_answered)
    finally:
        svc.close()


def test_the_trust_dialog(snap_compare: Any, sqlite_url: str) -> None:
    """An untrusted pack's demo files with their SHA-256, before the learner says yes."""
    svc = make_services(sqlite_url, trusted=False)

    async def script(pilot: Any) -> None:
        await _open("p", "PacksScreen", pilot)
        await pilot.press("t")
        await _screen(pilot, "TrustScreen")

    try:
        assert snap_compare(build_app(svc), run_before=script)
    finally:
        svc.close()


def test_home_in_spanish(snap_compare: Any, svc_es: Services) -> None:
    """The same home screen in Spanish."""
    _studied(svc_es)
    assert snap_compare(build_app(svc_es))


def test_review_in_spanish(snap_compare: Any, svc_es: Services) -> None:
    """A confirmed answer in Spanish."""
    assert snap_compare(build_app(svc_es, start="review"), run_before=_review_answered)


def test_exam_form_in_spanish(snap_compare: Any, svc_es: Services) -> None:
    """The Spanish labels of the exam form inside their boxes at 80x24."""
    assert snap_compare(
        build_app(svc_es),
        run_before=lambda p: _open("e", "ExamSetupScreen", p),
        terminal_size=(80, 24),
    )
