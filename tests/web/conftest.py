"""The `served` fixture: `mpquiz serve` started as an instructor would, for each test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.serve_client import ServeProcess, free_port
from tests.web.serving import add_slow_pack, env


@pytest.fixture
def served(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[ServeProcess]:
    """`mpquiz serve` on a free loopback port, with the options the test's marker gives."""
    marker = request.node.get_closest_marker("serve_args")
    extra = list(marker.args) if marker else []
    port = free_port()
    db = f"sqlite:///{tmp_path / 'class.db'}"
    if marker and marker.kwargs.get("slow_pack"):
        add_slow_pack(tmp_path, db)
    args = ["--lang", "en", "serve", "--db", db, "--port", str(port), *extra]
    server = ServeProcess(args, env(tmp_path), port, db=db)
    try:
        yield server
    finally:
        server.stop()
