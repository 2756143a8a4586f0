"""What opening the database tells the learner reaches the app's screen, not only stderr."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from textual.widgets._toast import Toast

from mpquiz.services import Services
from mpquiz.tui.factory import build_app
from tests.tui.conftest import until


def test_an_empty_database_file_is_announced_in_the_app(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "mpquiz.db"
    db.write_bytes(b"")
    svc = Services(db_url=f"sqlite:///{db}", lang_option="en", learner="ana")
    app = build_app(svc, fast_start=True)

    async def script(pilot: Any) -> None:
        await until(pilot, lambda: bool(pilot.app._notifications))
        shown = [n.message for n in pilot.app._notifications]
        assert any("the file was empty (0 bytes), so a new database was made" in m for m in shown)
        # On screen, not only in the list: the first screen starts with its toasts'
        # rack hidden, and a notice shows it.
        await until(pilot, lambda: bool(pilot.app.screen.query(Toast)))
        toast = pilot.app.screen.query_one(Toast)
        assert toast.parent is not None and toast.parent.display
        assert toast.region.height > 0

    async def main() -> None:
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            await script(pilot)

    try:
        asyncio.run(main())
    finally:
        svc.close()
    assert capsys.readouterr().err == ""  # not printed under the app's screen
    assert svc.notices and db.stat().st_size > 0
