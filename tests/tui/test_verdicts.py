"""Every verdict the review screen gives, in words, with what this run showed: the key
shown by this run, not shown this time (with why, and the pack's recorded run), or no
run at all; never "the run agrees" when it did not run. Snapshots keep their look.

The verdict pack's demo prints the same lines on every run, so each case is the same
verdict every time (tests/tui/fixtures/verdictpack).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from mpquiz.services import Services
from mpquiz.tui.factory import build_app
from mpquiz.tui.screens.review import Phase, ReviewScreen
from mpquiz.tui.widgets.verdict_banner import VerdictBanner
from mpquiz.tui.widgets.verdict_headline import VerdictHeadline
from tests.tui.conftest import VERDICT_PACK, drive, make_services, plain, until

pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True)
def _no_timeline(monkeypatch: pytest.MonkeyPatch) -> None:
    """Process timelines hold pids and timings, which differ on every run: off here (they
    have tests of their own)."""
    monkeypatch.setenv("MPQUIZ_TIMELINE", "0")


def _services(sqlite_url: str, lang: str = "en", *, trusted: bool = True) -> Services:
    return make_services(sqlite_url, lang, trusted=trusted, pack=VERDICT_PACK)


@pytest.fixture
def verdicts(sqlite_url: str) -> Iterator[Services]:
    svc = _services(sqlite_url)
    yield svc
    svc.close()


async def _answered(pilot: Any, *keys: str) -> ReviewScreen:
    await pilot.press(*keys)
    await until(pilot, lambda: getattr(pilot.app.screen, "phase", None) is Phase.REVEAL)
    await pilot.pause(0.1)
    screen = pilot.app.screen
    assert isinstance(screen, ReviewScreen)
    return screen


def _said(screen: ReviewScreen) -> tuple[str, str]:
    """The headline and the banner, as plain text."""
    headline = plain(screen.query_one(VerdictHeadline)).strip()
    banner = plain(screen.query_one(VerdictBanner))
    return headline, " ".join(banner.split())


CASES = [
    # (topic, keys, headline, in the banner, stored proof)
    ("shown", ("1", "enter"), "✔ Right, and this run shows it.", "", "shown"),
    (
        "shown",
        ("2", "enter"),
        "✘ Not so, and this run shows it.",
        "This run: measured 3, exactly 3.",
        "shown",
    ),
    (
        "unshown",
        ("1", "enter"),
        "✔ Right by the key, but this run did not show it this time.",
        "A recorded run that shows it (recorded 2026-11-30, Python 3.12.8, start method "
        "fork, 4 cores): ▶ speed-up: 1.9",
        "not-shown",
    ),
    (
        "unshown",
        ("2", "enter"),
        "✘ Not so by the key; this run did not show it this time.",
        "Why not:",
        "not-shown",
    ),
    (
        "open",
        (*"first the child", "ctrl+s"),
        "? How well did you know it? Rate yourself with 1-4.",
        "This run shows the point.",
        None,  # rated by the learner: stored once rated
    ),
]


@pytest.mark.parametrize(("topic", "keys", "headline", "banner", "proof"), CASES)
def test_each_verdict_says_what_this_run_showed(
    verdicts: Services,
    topic: str,
    keys: tuple[str, ...],
    headline: str,
    banner: str,
    proof: str | None,
) -> None:
    app = build_app(verdicts, start="review", topic=topic)

    async def script(pilot: Any) -> None:
        screen = await _answered(pilot, *keys)
        said, shown = _said(screen)
        assert said == headline
        assert banner in shown
        assert "agrees" not in said + shown
        assert screen.outcome is not None and screen.outcome.run is not None
        if proof is not None:
            await pilot.press("enter")  # the suggested rating
            await until(pilot, lambda: verdicts.store.review_count(verdicts.learner_id) == 1)

    drive(app, script)
    if proof is not None:
        (row,) = list(verdicts.store.export_reviews(since=_epoch()))
        assert row["proof"] == proof


def test_without_a_run_the_verdict_says_so_and_keeps_the_grade(sqlite_url: str) -> None:
    svc = _services(sqlite_url, trusted=False)
    app = build_app(svc, start="review", topic="shown")

    async def script(pilot: Any) -> None:
        screen = await _answered(pilot, "1", "enter")
        said, shown = _said(screen)
        assert said == "✔ Right by the key. No demo ran, so no run shows it."
        assert screen.outcome is not None and screen.outcome.verdict.correct is True
        assert "this run shows" not in said + shown
        await pilot.press("enter")
        await until(pilot, lambda: svc.store.review_count(svc.learner_id) == 1)

    try:
        drive(app, script)
        (row,) = list(svc.store.export_reviews(since=_epoch()))
        assert row["proof"] == "no-run" and row["correct"] is True
    finally:
        svc.close()


def test_the_verdicts_in_spanish(sqlite_url: str) -> None:
    svc = _services(sqlite_url, "es")
    expected = {
        "shown": "✘ No es así, y esta ejecución lo demuestra.",
        "unshown": "✘ No es así según la clave; esta ejecución no lo mostró esta vez.",
    }
    try:
        for topic, headline in expected.items():
            app = build_app(svc, start="review", topic=topic)

            async def script(pilot: Any, headline: str = headline) -> None:
                screen = await _answered(pilot, "2", "enter")
                said, shown = _said(screen)
                assert said == headline
                assert "Por qué no" in shown or "demuestra" in said

            drive(app, script)
    finally:
        svc.close()


def _epoch() -> Any:
    from datetime import UTC, datetime

    return datetime(2000, 1, 1, tzinfo=UTC)


# The look of each verdict at 80x24.

SNAPSHOTS = [
    ("shown", ("2", "enter"), True),
    ("unshown", ("1", "enter"), True),
    ("shown", ("1", "enter"), False),
]


@pytest.mark.parametrize(
    ("topic", "keys", "trusted"),
    SNAPSHOTS,
    ids=["shown-wrong", "unshown-right-recorded", "no-run-right"],
)
def test_the_look_of_a_verdict(
    snap_compare: Any, sqlite_url: str, topic: str, keys: tuple[str, ...], trusted: bool
) -> None:
    svc = _services(sqlite_url, trusted=trusted)

    async def script(pilot: Any) -> None:
        await _answered(pilot, *keys)

    try:
        app = build_app(svc, start="review", topic=topic)
        assert snap_compare(app, run_before=script, terminal_size=(80, 24))
    finally:
        svc.close()
