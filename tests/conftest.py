"""Shared fixtures: every test points mpquiz's folders at tmp_path, never at the real home."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from mpquiz.core.model import Pack
from mpquiz.packs.loader import load_pack
from mpquiz.session.clock import Clock
from mpquiz.store.engine import open_engine
from mpquiz.store.repository import Store
from tests.support.postgres import PG_URL, reset_postgres, worker_database

# PostgreSQL runs wherever a server is configured, and is required in CI.
BACKENDS = ["sqlite", "postgresql"] if PG_URL or os.environ.get("CI") else ["sqlite"]


def pytest_report_header() -> str:
    """Say which storage backends the storage and session tests run on."""
    if "postgresql" in BACKENDS:
        return "mpquiz storage backends: sqlite, postgresql"
    return (
        "mpquiz storage backends: sqlite only (no PostgreSQL configured: "
        "MPQUIZ_TEST_PG_URL, see .ci/postgres-up)"
    )


ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("MPQUIZ_HOME", str(home))
    monkeypatch.delenv("MPQUIZ_DB", raising=False)
    monkeypatch.setenv("MPQUIZ_LANG", "en")
    # Options in the pack's order, so tests can say "1" for the first option; the
    # shuffled order has tests of its own (tests/core/test_shuffle.py and the sessions').
    config = home / "config" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text("shuffle_options = false\n", encoding="utf-8")
    return home


@pytest.fixture
def mini_pack_dir() -> Path:
    """A small valid pack with one question of each kind."""
    return FIXTURES / "mini"


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    """An empty store on each backend."""
    opened = Store(open_engine(db_url))
    yield opened
    opened.close()


@pytest.fixture
def pack(mini_pack_dir: Path) -> Pack:
    """The mini pack, loaded."""
    return load_pack(mini_pack_dir)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A fresh SQLite database file, for tests about SQLite itself."""
    return f"sqlite:///{tmp_path / 'test.db'}"


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database on each storage backend (SQLite, and PostgreSQL when set)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.db'}"
    url: str = request.getfixturevalue("pg_worker_url")
    reset_postgres(url)
    return url


@pytest.fixture(scope="session")
def pg_worker_url(worker_id: str) -> str:
    """A PostgreSQL database of this test worker's own, on the server of MPQUIZ_TEST_PG_URL."""
    if not PG_URL:
        pytest.fail("PostgreSQL is required here (CI): set MPQUIZ_TEST_PG_URL (.ci/postgres-up)")
    return worker_database(PG_URL, worker_id)


class FakeClock(Clock):
    """A clock that moves only when told, in UTC."""

    def __init__(self, start: datetime = T0) -> None:
        self.t = start
        self.mono = 0.0
        super().__init__(now=lambda: self.t, monotonic=lambda: self.mono, zone=UTC)
