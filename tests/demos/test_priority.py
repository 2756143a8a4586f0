"""The demo tests lower the priority of the programs they run, never their own (see
conftest.py: a worker left at nice 10 to the end of its session was too slow to stop when
told to, and pytest-xdist interrupted it with a SIGINT)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from mpquiz.runner import DemoSpec, run_demo, supervisors
from tests.demos.conftest import LOWER_BY

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="tree supervisors")

AT_START = os.getpriority(os.PRIO_PROCESS, 0)
"""This test process's priority when the tests were collected, before any demo test ran."""


def test_a_demo_test_lowers_its_programs_and_not_itself(tmp_path: Path) -> None:
    script = tmp_path / "show_nice.py"
    script.write_text("import os\nprint('nice', os.nice(0), flush=True)\n", encoding="utf-8")
    supervisors.keep_one_ready()  # a spare at this process's priority, as a test elsewhere
    # leaves one; then the spare started meanwhile.
    for _ in range(2):
        result = run_demo(DemoSpec(script=script, timeout=20))
        assert result.ok, result.output
        assert f"nice {min(19, AT_START + LOWER_BY)}" in result.output
    assert os.getpriority(os.PRIO_PROCESS, 0) == AT_START
