"""The CPythons a demo can run under, and `pack validate --run --python` using one."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from mpquiz.runner.interpreters import describe, find_interpreters

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini"


def test_mpquizs_own_python_is_found_and_others_are_described() -> None:
    found = find_interpreters()
    assert tuple(sys.version_info[:3]) in [i.version for i in found]
    assert all(i.version[:2] >= (3, 11) for i in found)
    assert len({(i.version, i.free_threaded) for i in found}) == len(found)  # each once
    assert describe("/bin/true") is None and describe(str(ROOT / "no-such-python")) is None


def test_validate_runs_the_keys_under_the_python_asked_and_says_which(tmp_path: Path) -> None:
    other = find_interpreters()[-1]  # the newest here: another version where there is one
    result = subprocess.run(
        [sys.executable, "-m", "mpquiz", "pack", "validate", str(MINI), "--run", "--yes",
         "--json", "--python", other.path, "--start-method", "spawn"],
        capture_output=True, text=True, timeout=120,
        env={**os.environ, "MPQUIZ_HOME": str(tmp_path)},
    )  # fmt: skip
    report = json.loads(result.stdout)
    assert result.returncode == 0, report
    assert report["run"]["python"]["version"] == ".".join(map(str, other.version))
    assert report["run"]["start_method"] == "spawn"
    assert all(p["proof"] != "contradicted" for p in report["run"]["proofs"].values())


def test_validate_refuses_a_program_that_is_no_python(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mpquiz", "--lang", "es", "pack", "validate", str(MINI),
         "--run", "--yes", "--python", "/bin/true"],
        capture_output=True, text=True, timeout=60,
        env={**os.environ, "MPQUIZ_HOME": str(tmp_path)},
    )  # fmt: skip
    assert result.returncode == 2
    assert "/bin/true: ahí no hay un CPython 3.11 o posterior" in result.stderr
