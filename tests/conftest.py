"""Shared fixtures: every test points mpquiz's folders at tmp_path, never at the real home."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from mpquiz.session.clock import Clock

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("MPQUIZ_HOME", str(home))
    monkeypatch.delenv("MPQUIZ_DB", raising=False)
    monkeypatch.setenv("MPQUIZ_LANG", "en")
    return home


@pytest.fixture
def mini_pack_dir() -> Path:
    """A small valid pack with one question of each kind."""
    return FIXTURES / "mini"


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """A fresh SQLite database file."""
    return f"sqlite:///{tmp_path / 'test.db'}"


class FakeClock(Clock):
    """A clock that moves only when told, in UTC."""

    def __init__(self, start: datetime = T0) -> None:
        self.t = start
        self.mono = 0.0
        super().__init__(now=lambda: self.t, monotonic=lambda: self.mono, zone=UTC)
