"""`mpquiz exercise`: list, start and check an exercise from the learner's own editor."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_cli import mpquiz
from tests.conftest import FIXTURES

PACK = FIXTURES / "expack"
NAME = "expack:lock.ex-race"
FIXED = (
    "def work(counter, times):\n"
    "    for _ in range(times):\n"
    "        with counter.get_lock():\n"
    "            counter.value += 1\n"
)


@pytest.fixture
def db(tmp_path: Path) -> list[str]:
    args = ["--db", f"sqlite:///{tmp_path / 'ex.db'}", "--lang", "en"]
    assert mpquiz(*args, "pack", "add", str(PACK)).returncode == 0
    return args


def _trust(db: list[str]) -> None:
    assert mpquiz(*db, "pack", "trust", "expack", "--yes").returncode == 0


def test_list_start_and_the_starter_file(db: list[str], tmp_path: Path) -> None:
    _trust(db)
    listed = json.loads(mpquiz(*db, "exercise", "list", "--json").stdout)
    ours = [(e["id"], e["runs"], e["checks"]) for e in listed if e["pack"] == "expack"]
    assert ours == [(NAME, True, ["no-lost-updates", "uses-the-lock"])]
    builtin = [e for e in listed if e["pack"] == "mp-course"]
    assert len(builtin) >= 12 and all(e["runs"] and ":" not in e["id"] for e in builtin)
    assert listed[: len(builtin)] == builtin  # the built-in course first
    target = tmp_path / "race.py"
    started = mpquiz(*db, "exercise", "start", NAME, "-o", str(target))
    assert started.returncode == 0, started.stderr
    assert target.read_text().startswith("def work(counter, times):")
    assert f"mpquiz exercise check {NAME} {target}" in started.stderr
    again = mpquiz(*db, "exercise", "start", NAME, "-o", str(target))
    assert again.returncode == 2 and "--force" in again.stderr
    printed = mpquiz(*db, "exercise", "start", NAME)
    assert printed.stdout == target.read_text()


@pytest.mark.slow
def test_check_exits_1_with_the_failed_checks_then_0_and_submit_records_it(
    db: list[str], tmp_path: Path
) -> None:
    _trust(db)
    program = tmp_path / "race.py"
    assert mpquiz(*db, "exercise", "start", NAME, "-o", str(program)).returncode == 0
    failed = mpquiz(*db, "exercise", "check", NAME, str(program), "--json")
    assert failed.returncode == 1, failed.stderr
    report = json.loads(failed.stdout)
    assert report["passed"] is False and report["submitted"] is None
    results = {c["name"]: c["result"] for c in report["checks"]}
    assert results == {
        "runs-cleanly": "passed",
        "no-lost-updates": "failed",
        "uses-the-lock": "failed",
    }
    assert "get_lock()" in next(
        c["detail"] for c in report["checks"] if c["name"] == "uses-the-lock"
    )
    program.write_text(FIXED)
    passed = mpquiz(*db, "--lang", "es", "exercise", "check", NAME, str(program), "--submit")
    assert passed.returncode == 0, passed.stderr
    assert "Todas las comprobaciones superadas." in passed.stdout
    assert "Guardado como repaso" in passed.stdout
    stats = json.loads(mpquiz(*db, "stats", "--json").stdout)
    assert stats["reviews"] == 1 and stats["correct"] == 1


def test_bad_input_exits_2_with_one_line(db: list[str], tmp_path: Path) -> None:
    _trust(db)
    missing = mpquiz(*db, "exercise", "check", NAME, str(tmp_path / "nope.py"))
    assert missing.returncode == 2 and "no such file" in missing.stderr
    unknown = mpquiz(*db, "exercise", "check", "expack:lock.ex-rac", str(tmp_path))
    assert unknown.returncode == 2 and "did you mean" in unknown.stderr and NAME in unknown.stderr
    empty = tmp_path / "empty.py"
    empty.write_text("  \n")
    blank = mpquiz(*db, "exercise", "check", NAME, str(empty))
    assert blank.returncode == 2 and "empty.py" in blank.stderr
    for result in (missing, unknown, blank):
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_an_untrusted_pack_runs_nothing(db: list[str], tmp_path: Path) -> None:
    program = tmp_path / "race.py"
    program.write_text(FIXED)
    refused = mpquiz(*db, "exercise", "check", NAME, str(program))
    assert refused.returncode == 2 and "cannot run here" in refused.stderr
    assert "trust" in refused.stderr
