"""The command-line tests' runs forked from a process that imported mpquiz already
(tests.support.zygote) give what a new interpreter gives: output, errors, exit code,
input, environment and working folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.support import zygote


@pytest.mark.parametrize(
    ("args", "stdin", "extra"),
    [
        (["--version"], "", {}),
        (["frobnicate"], "", {"MPQUIZ_LANG": "es"}),
        (["--lang", "en", "config", "path"], "", {}),
        (["--lang", "es", "review", "--plain", "--new", "1"], "1\n\n", {}),
    ],
)
def test_a_forked_run_is_a_fresh_run(
    tmp_path: Path, args: list[str], stdin: str, extra: dict[str, str]
) -> None:
    env = {**os.environ, "COLUMNS": "100", "MPQUIZ_HOME": str(tmp_path / "home"), **extra}
    fresh = subprocess.run(
        [sys.executable, "-m", "mpquiz", "--db", f"sqlite:///{tmp_path / 'a.db'}", *args],
        input=stdin, text=True, capture_output=True, env=env, cwd=ROOT, timeout=120,
    )  # fmt: skip
    db = ["--db", f"sqlite:///{tmp_path / 'b.db'}"]
    forked = zygote.run([*db, *args], stdin=stdin, env=env, cwd=ROOT, timeout=120)
    assert (forked.returncode, forked.stderr) == (fresh.returncode, fresh.stderr)
    # The demo's PIDs and times differ from run to run; the lines that are mpquiz's do not.
    assert forked.stdout.splitlines()[:2] == fresh.stdout.splitlines()[:2]
    assert len(forked.stdout.splitlines()) == len(fresh.stdout.splitlines())


def test_a_run_past_its_time_is_killed(tmp_path: Path) -> None:
    env = {**os.environ, "MPQUIZ_HOME": str(tmp_path)}
    with pytest.raises(subprocess.TimeoutExpired):
        zygote.run(["--lang", "en", "pack", "validate", str(ROOT / "data"), "--run", "--yes"],
                   stdin="", env=env, cwd=ROOT, timeout=0.5)  # fmt: skip
