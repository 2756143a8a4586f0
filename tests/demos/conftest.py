"""How the demo tests share the machine with tests/session's key check under `pytest -n 2`.

tests/session/test_keycheck.py runs every built-in demo and checks each question's proof,
and some proofs show that processes ran side by side, which takes both cores. So the demo
tests leave the cores to it: the programs they run get a lower priority (nice 10 more, set
on the tree supervisor each run takes, and so inherited by the demo and every process it
starts), and the key check goes first, so that the other worker spends that time on demo
tests rather than on the session tests. The demo tests' own claims are one-sided and hold
on a busy machine. (Run alone, or without tests/demos, nothing changes.)

Only the programs: the test process itself keeps its priority. It once lowered its own,
which no process may raise again, so the rest of its session ran at nice 10 too, up to
its very end: on a busy machine pytest's last garbage collections then took longer than
the 5 s pytest-xdist's gateway gives a worker to finish once told to, and execnet sent the
worker a SIGINT, whose KeyboardInterrupt showed as a stray traceback from hypothesis's gc
callback after "100% passed".
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

import pytest

KEY_CHECK = "tests/session/test_keycheck.py::test_every_builtin_key_is_confirmed_by_its_demo"
LOWER_BY = 10
"""How much lower the demo tests' programs run than the test process."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Move the built-in key check to the front (a stable sort: the rest keep their order)."""
    items.sort(key=lambda item: item.nodeid != KEY_CHECK)


@pytest.fixture(autouse=True)
def _leave_the_cores_to_the_key_check(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The tree supervisor each run of a demo test takes (a fresh one, or the spare kept
    ready, whoever started it) gets a lower priority before it starts the demo, which
    inherits it; the test process's own priority is left as it is."""
    if not hasattr(os, "setpriority"):
        yield
        return
    from mpquiz.runner import supervisors

    obtain = supervisors.obtain

    def obtain_lower() -> supervisors.Supervisor:
        taken = obtain()
        lower = min(19, os.getpriority(os.PRIO_PROCESS, 0) + LOWER_BY)
        with contextlib.suppress(OSError):  # it ended already: the run will say so
            os.setpriority(os.PRIO_PROCESS, taken.popen.pid, lower)
        return taken

    monkeypatch.setattr(supervisors, "obtain", obtain_lower)
    yield
