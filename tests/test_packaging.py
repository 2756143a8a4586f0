"""The wheel carries the built-in pack and its demos, and works from any folder."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

# One xdist worker runs them all (pytest -n 2 --dist loadgroup): the module's fixture once.
pytestmark = pytest.mark.xdist_group("packaging")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return next(out.glob("mpquiz-*.whl"))


def test_wheel_holds_data_and_demos(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "mpquiz/_bundled/data/pack.toml" in names
    assert any(n.startswith("mpquiz/_bundled/data/questions/") for n in names)
    prefix = "mpquiz/_bundled/demos/"
    demos = {n.removeprefix(prefix) for n in names if n.startswith(prefix)}
    # Every file of the demos folder (the programs and their recorded runs) is shipped.
    assert demos and demos == {
        p.relative_to(ROOT / "demos").as_posix()
        for p in (ROOT / "demos").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert any(n.startswith("recorded/") for n in demos)


def test_installed_copy_runs_a_review_from_another_folder(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site), "MPQUIZ_HOME": str(tmp_path / "home")}
    where = subprocess.run(
        [sys.executable, "-c", "from mpquiz import paths; print(paths.resource_root())"],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=env,
        check=True,
    )
    assert Path(where.stdout.strip()) == site / "mpquiz" / "_bundled"
    result = subprocess.run(
        [sys.executable, "-m", "mpquiz", "review", "--plain", "--new", "1"],
        input="1\n\n",
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "── demo:" in result.stdout and "exit code 0" in result.stdout
