"""The TUI's test bed: a temporary database holding only the test pack, trusted, on a
fixed clock, with a fixed learner, so screens and snapshots never vary between runs.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from mpquiz.services import Services
from mpquiz.session.clock import Clock
from mpquiz.session.pack_install import add_pack
from mpquiz.tui.app import MpquizApp
from mpquiz.tui.factory import build_app
from tests.conftest import T0
from tests.support.trusting import trust_installed

PACK = Path(__file__).resolve().parent / "fixtures" / "tuipack"
VERDICT_PACK = PACK.parent / "verdictpack"
"""One question per verdict, each the same on every run (see its questions file)."""
SIZES = {"small": (80, 24), "large": (120, 40)}


class FakeClock(Clock):
    """A clock that moves only when told (UTC zone, so days never depend on the machine)."""

    def __init__(self, start: datetime = T0) -> None:
        from datetime import UTC

        self.t = start
        self.mono = 0.0
        super().__init__(now=lambda: self.t, monotonic=lambda: self.mono, zone=UTC)

    def advance(self, **delta: float) -> None:
        """Move both clocks forward."""
        step = timedelta(**delta)
        self.t += step
        self.mono += step.total_seconds()


class PackOnlyServices(Services):
    """Services without the built-in pack, so the screens show only the test pack (its
    content never changes under the snapshots)."""

    def sync_builtin(self, store: Any) -> Any:
        """Skip the built-in pack."""
        return None


def make_services(
    db_url: str, lang: str = "en", *, trusted: bool = True, pack: Path = PACK
) -> Services:
    """A services object on `db_url` with the test pack (or `pack`) added (and trusted)."""
    svc = PackOnlyServices(db_url=db_url, lang_option=lang, learner="ana", clock=FakeClock())
    svc.open()
    added, _report = add_pack(pack, svc.store, svc.packs_root, T0)
    if trusted:
        trust_installed(svc, added.id)
    return svc


@pytest.fixture
def svc(sqlite_url: str) -> Iterator[Services]:
    """English services on the trusted test pack."""
    services = make_services(sqlite_url)
    yield services
    services.close()


@pytest.fixture
def svc_es(sqlite_url: str) -> Iterator[Services]:
    """Spanish services on the trusted test pack."""
    services = make_services(sqlite_url, "es")
    yield services
    services.close()


def drive(
    app: MpquizApp,
    script: Callable[[Any], Awaitable[None]],
    size: tuple[int, int] = (80, 24),
) -> None:
    """Run `script(pilot)` against the app, headless (pytest-asyncio is not needed)."""

    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await script(pilot)

    asyncio.run(main())


async def until(pilot: Any, check: Callable[[], bool], timeout: float = 15.0) -> None:
    """Let the app run until `check()` holds (a demo finishing, a screen opening)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not check():
        if loop.time() > deadline:
            raise AssertionError("timed out waiting for the app")
        await pilot.pause(0.02)
    await pilot.pause()


def plain(widget: Any) -> str:
    """What a widget shows, as plain text (its content printed without styles)."""
    import io

    from rich.console import Console

    content = getattr(widget, "content", None)
    if content is None or content == "":
        content = widget.render()
    console = Console(width=100, file=io.StringIO(), record=True, color_system=None)
    console.print(content)
    return console.export_text()


__all__ = ["PACK", "SIZES", "FakeClock", "build_app", "drive", "make_services", "plain", "until"]
