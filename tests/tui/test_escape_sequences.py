"""The app shows escape sequences from packs and demos inert, and never as markup.

The screen is read back as the terminal would get it (an SVG export of every cell): no
ESC, BEL, C1 or carriage-return byte is in it, and the pictures that stand for them are.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mpquiz.session.pack_install import add_pack
from mpquiz.tui.factory import build_app
from mpquiz.tui.screens.packs import PacksScreen
from mpquiz.tui.screens.review import Phase
from mpquiz.tui.screens.trust import TrustScreen
from tests.conftest import T0
from tests.support.hostile_text import RAW, hostile_pack
from tests.support.trusting import trust_installed
from tests.tui.conftest import PackOnlyServices, drive, until


def _screen_text(pilot: Any) -> str:
    return pilot.app.export_screenshot()


def _services(tmp_path: Path, *, markup: bool = False) -> PackOnlyServices:
    svc = PackOnlyServices(db_url=f"sqlite:///{tmp_path / 'x.db'}", lang_option="en", learner="ana")
    svc.open()
    pack = hostile_pack(tmp_path)
    if markup:  # Textual markup instead of escapes: it must show as written
        meta = pack / "pack.toml"
        meta.write_text(meta.read_text().replace('en = "Mini ', 'en = "[reverse]Mini[/] '))
    add_pack(pack, svc.store, svc.packs_root, T0)
    return svc


def test_the_review_shows_escapes_from_the_pack_and_the_demo_inert(tmp_path: Path) -> None:
    svc = _services(tmp_path)
    trust_installed(svc, "mini")
    app = build_app(svc, start="review")

    async def script(pilot: Any) -> None:
        await until(pilot, lambda: getattr(pilot.app.screen, "item", None) is not None)
        shown = _screen_text(pilot)
        assert RAW.search(shown) is None
        assert "␛[2J␛]0;pwned␇" in shown  # the prompt, with its escapes drawn
        await pilot.press("2", "enter")  # a wrong option: its feedback shows too
        await until(pilot, lambda: pilot.app.screen.phase is Phase.REVEAL)
        await until(pilot, lambda: pilot.app.screen.output.result is not None)
        shown = _screen_text(pilot)
        assert RAW.search(shown) is None
        assert shown.count("␛]52;c;aGVsbG8=") >= 2  # the demo's output and the feedback

    try:
        drive(app, script, size=(120, 60))
    finally:
        svc.close()


def test_the_packs_screen_and_trust_dialog_show_texts_as_written(tmp_path: Path) -> None:
    svc = _services(tmp_path, markup=True)
    app = build_app(svc)

    async def script(pilot: Any) -> None:
        await pilot.press("p")
        await until(pilot, lambda: isinstance(pilot.app.screen, PacksScreen))
        shown = _screen_text(pilot)
        assert RAW.search(shown) is None
        assert "[reverse]Mini[/]" in shown  # markup in a pack title is not obeyed
        await pilot.press("t")
        await until(pilot, lambda: isinstance(pilot.app.screen, TrustScreen))
        shown = _screen_text(pilot)
        assert RAW.search(shown) is None and "␛]0;file␇.txt" in shown

    try:
        drive(app, script, size=(120, 40))
    finally:
        svc.close()
