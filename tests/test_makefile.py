"""`make run` and `make test` on a fresh checkout: the install says what it does and shows
pip's progress (it printed nothing for about 80 s), and the README says what each does."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs make")


def _dry_run(target: str, tmp_path: Path) -> list[str]:
    """The commands `make TARGET` would run with no virtual environment yet."""
    done = subprocess.run(
        # --no-print-directory: under another make (CI's `make test`), make -n would add
        # "make[1]: Entering directory" lines
        ["make", "--no-print-directory", "-n", target, f"VENV={tmp_path / 'venv'}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.splitlines()


@pytest.mark.parametrize("target", ["run", "test"])
def test_the_first_install_says_what_it_does_and_shows_progress(
    target: str, tmp_path: Path
) -> None:
    lines = _dry_run(target, tmp_path)
    venv = next(i for i, line in enumerate(lines) if " -m venv " in line)
    said = [line for line in lines[:venv] if line.startswith("echo ")]
    assert said and "minute" in said[0], lines
    installs = [line for line in lines if "pip install" in line and " -e " in line]
    assert installs, lines
    for line in installs:
        assert not re.search(r"\s(-q|--quiet)\b", line), line
        assert "--progress-bar off" not in line, line


def test_the_readme_says_what_make_run_opens(tmp_path: Path) -> None:
    run = _dry_run("run", tmp_path)[-1].split()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    said = next(line for line in readme.splitlines() if line.startswith("make run "))
    assert run[0].endswith("/mpquiz")
    if len(run) == 1:  # bare `mpquiz`: the app's home screen, not the review
        assert "home screen" in said and "review" not in said.split("(")[0], said
