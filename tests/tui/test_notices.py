"""What opening the database tells the learner reaches the app's screen, not only stderr."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mpquiz.services import Services
from mpquiz.tui.factory import build_app
from tests.tui.conftest import drive, until


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

    try:
        drive(app, script)
    finally:
        svc.close()
    assert capsys.readouterr().err == ""  # not printed under the app's screen
    assert svc.notices and db.stat().st_size > 0
