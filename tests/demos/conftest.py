"""How the demo tests share the machine with tests/session's key check under `pytest -n 2`.

tests/session/test_keycheck.py runs every built-in demo and checks each question's proof,
and some proofs show that processes ran side by side, which takes both cores. So the demo
tests leave the cores to it: the test process that runs them lowers its priority (nice 10,
inherited by the runner and every demo it starts), and the key check goes first, so that
the other worker spends that time on demo tests rather than on the session tests, which
run at normal priority. The demo tests' own claims are one-sided and hold on a busy
machine. (Run alone, or without tests/demos, nothing changes.)
"""

from __future__ import annotations

import os

import pytest

KEY_CHECK = "tests/session/test_keycheck.py::test_every_builtin_key_is_confirmed_by_its_demo"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Move the built-in key check to the front (a stable sort: the rest keep their order)."""
    items.sort(key=lambda item: item.nodeid != KEY_CHECK)


@pytest.fixture(autouse=True, scope="session")
def _leave_the_cores_to_the_key_check() -> None:
    """Lower this test process's priority once, before its first demo test."""
    if hasattr(os, "nice"):
        os.nice(10)
