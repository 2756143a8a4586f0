"""`mpquiz demo list` and `mpquiz demo run`: by name, under the trust checks, as text and
as JSON with the run's processes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.cli.test_cli import mpquiz
from tests.conftest import FIXTURES

pytestmark = pytest.mark.slow

PROCESS_KEYS = {"pid", "ppid", "name", "start", "end", "exitcode", "cpu"}


def _mini(tmp_path: Path, marker: Path) -> Path:
    """The mini pack with one more demo, which leaves a marker when it runs."""
    pack = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", pack)
    (pack / "demos" / "mark.py").write_text(
        f"open({str(marker)!r}, 'w').close()\nimport time\ntime.sleep(30)\n"
    )
    return pack


def test_list_names_every_builtin_demo_with_its_questions() -> None:
    listed = mpquiz("demo", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    entries = {entry["name"]: entry for entry in json.loads(listed.stdout)}
    assert {"race_counter", "gil_threads_vs_processes", "pool_map_apply"} <= set(entries)
    race = entries["race_counter"]
    assert race["file"] == "race_counter.py" and race["runs"] is True
    assert race["questions"] and all("." in qid for qid in race["questions"])
    text = mpquiz("--lang", "es", "demo", "list", env={"COLUMNS": "80"})
    assert text.returncode == 0 and "race_counter" in text.stdout and "preguntas" in text.stdout
    assert all(len(line) <= 80 for line in text.stdout.splitlines())


def test_run_gives_the_output_exit_code_duration_and_processes_as_json() -> None:
    ran = mpquiz("demo", "run", "race_counter", "--workers", "3", "--json")
    assert ran.returncode == 0, ran.stderr
    data = json.loads(ran.stdout)
    assert data["exit_code"] == 0 and 0 < data["duration"] < 30
    assert "expected: " in data["output"] and data["args"] == ["--workers", "3"]
    processes = data["processes"]
    assert all(set(p) >= PROCESS_KEYS for p in processes)
    (main,) = [p for p in processes if p["name"] == "MainProcess"]
    workers = [p for p in processes if p["ppid"] == main["pid"] and p["name"].startswith("Process")]
    assert len(workers) == 3
    for worker in workers:
        assert worker["exitcode"] == 0
        assert main["start"] <= worker["start"] <= worker["end"] <= main["end"]


def test_run_draws_the_timeline_at_80_columns_in_both_languages() -> None:
    for lang, legend in (("en", "on a CPU"), ("es", "en una CPU")):
        ran = mpquiz("--lang", lang, "demo", "run", "race_counter", env={"COLUMNS": "80"})
        assert ran.returncode == 0, ran.stderr
        lines = ran.stdout.splitlines()
        assert legend in lines[-1]
        assert all(len(line) <= 80 for line in lines)
        assert sum("Process-" in line for line in lines) == 4
        assert any(line.rstrip().endswith(" 0") and "MainProcess" in line for line in lines)


def test_a_name_that_is_no_demo_is_one_line_with_close_names() -> None:
    wrong = mpquiz("demo", "run", "race_countr")
    assert wrong.returncode == 2
    assert wrong.stderr.startswith("mpquiz: race_countr is no demo; did you mean race_counter, ")
    assert wrong.stderr.count("\n") == 1 and "lock_counter" in wrong.stderr
    es = mpquiz("--lang", "es", "demo", "run", "nada")
    assert es.returncode == 2 and "no es ninguna demo" in es.stderr
    assert es.stderr.count("\n") == 1
    no_pack = mpquiz("demo", "run", "nopack:thing")
    assert no_pack.returncode == 2 and "no pack nopack is installed" in no_pack.stderr


def test_an_untrusted_pack_demo_does_not_run_and_a_trusted_one_does(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    pack = _mini(tmp_path, marker)
    db = ["--db", f"sqlite:///{tmp_path / 'x.db'}"]
    assert mpquiz(*db, "pack", "add", str(pack)).returncode == 0

    listed = {e["name"]: e for e in json.loads(mpquiz("demo", "list", "--json").stdout)}
    assert listed["mini:mark"]["runs"] is False and listed["mini:children"]["runs"] is False
    refused = mpquiz("demo", "run", "mini:mark")
    assert refused.returncode == 1 and not marker.exists()
    assert refused.stderr.startswith("demo mini:mark did not run:")
    assert "trust" in refused.stderr

    assert mpquiz(*db, "pack", "trust", "mini", "--yes").returncode == 0
    children = mpquiz("demo", "run", "mini:children", "--children", "3", "--json")
    assert children.returncode == 0, children.stderr
    data = json.loads(children.stdout)
    assert data["output"].splitlines()[-1] == "joined 3"
    assert sum(p["name"].startswith("Process-") for p in data["processes"]) == 3

    stopped = mpquiz("demo", "run", "mini:mark", "--timeout", "1", "--json")
    assert stopped.returncode == 1 and marker.exists()
    result = json.loads(stopped.stdout)
    assert result["timed_out"] is True and result["duration"] < 10


def test_a_bad_timeout_is_refused_before_anything_runs() -> None:
    for value in ("0", "-1", "nan"):
        refused = mpquiz("demo", "run", "race_counter", "--timeout", value)
        assert refused.returncode == 2 and "--timeout" in refused.stderr
