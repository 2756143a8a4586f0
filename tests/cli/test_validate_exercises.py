"""`pack validate --run` proves exercises: the starter must fail a check and the
solution must pass every check measurable here, with every CPU and on one."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.cli.test_cli import mpquiz
from tests.conftest import FIXTURES

pytestmark = pytest.mark.slow


def _copy(tmp_path: Path) -> Path:
    pack = tmp_path / "expack"
    shutil.copytree(FIXTURES / "expack", pack)
    return pack


def test_a_good_exercise_is_proved_with_every_cpu_and_on_one(tmp_path: Path) -> None:
    result = mpquiz("pack", "validate", str(_copy(tmp_path)), "--run", "--yes", "--json")
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    runs = report["run"]["exercises"]["lock.ex-race"]
    assert [r["cpus"] for r in runs] == ["all", 1]
    for run in runs:
        assert run["starter"]["no-lost-updates"] == "failed"
        assert set(run["solution"].values()) == {"passed"}


def test_a_starter_that_passes_and_a_solution_that_fails_are_both_named(tmp_path: Path) -> None:
    pack = _copy(tmp_path)
    demos = pack / "demos"
    solution = (demos / "race_solution.py").read_text()
    (demos / "race_solution.py").write_text((demos / "race.py").read_text())
    (demos / "race.py").write_text(solution)
    result = mpquiz("pack", "validate", str(pack), "--run", "--yes")
    assert result.returncode == 1
    assert "the starter passes every check (all CPUs): the exercise teaches nothing" in (
        result.stderr
    )
    assert "the solution fails check no-lost-updates (1 CPU)" in result.stderr
    assert "questions/lock.toml:1" in result.stderr or "questions/lock.toml:2" in result.stderr
    spanish = mpquiz("--lang", "es", "pack", "validate", str(pack), "--run", "--yes")
    starter = "el código inicial pasa todas las comprobaciones (todas las CPU)"
    assert f"pregunta lock.ex-race: {starter}" in spanish.stderr
    assert "la solución no pasa la comprobación no-lost-updates (1 CPU)" in spanish.stderr
