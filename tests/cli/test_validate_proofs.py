"""`pack validate` and proofs: a warning for a question without one, each proof's status
under `--run --json`, exit 1 when a proof fails where the key says it holds, and
`--record` keeping one proving run per question in the pack."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from mpquiz.packs.recorded import read_recorded
from tests.cli.test_cli import mpquiz
from tests.conftest import FIXTURES

pytestmark = pytest.mark.slow

EXTRA = """
[[question]]
id = "more.never"
topic = "more"
kind = "choice"
prompt = { es = "¿Imprime «never»?", en = "Does it print “never”?" }
demo = "exitcode.py"
explain = { es = "No.", en = "No." }
proof = { line = '^never' }
options = [
  { text = { es = "Sí", en = "Yes" }, correct = true },
  { text = { es = "No", en = "No" } },
]

[[question]]
id = "more.unproved"
topic = "more"
kind = "choice"
prompt = { es = "¿Sale con 3?", en = "Does it exit with 3?" }
demo = "exitcode.py"
explain = { es = "Sí.", en = "Yes." }
options = [
  { text = { es = "Sí", en = "Yes" }, correct = true },
  { text = { es = "No", en = "No" } },
]
"""


def _pack(tmp_path: Path, *, extra: str = "") -> Path:
    pack = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", pack)
    if extra:
        (pack / "questions" / "extra.toml").write_text(extra, encoding="utf-8")
    return pack


def test_a_question_without_a_proof_is_valid_with_a_warning(tmp_path: Path) -> None:
    pack = _pack(tmp_path, extra=EXTRA)
    text = mpquiz("pack", "validate", str(pack))
    assert text.returncode == 0, text.stderr
    (warning,) = [line for line in text.stderr.splitlines() if "more.unproved" in line]
    assert warning.startswith("warning: ") and "extra.toml:" in warning and "proof" in warning
    data = json.loads(mpquiz("pack", "validate", str(pack), "--json").stdout)
    assert data["valid"] is True and data["exit_code"] == 0
    assert [w["qid"] for w in data["warnings"]] == ["more.unproved"]
    es = mpquiz("--lang", "es", "pack", "validate", str(pack))
    assert es.stderr.startswith("aviso: ") and "more.unproved" in es.stderr


def test_run_json_says_which_proofs_held_and_fails_on_one_that_did_not(tmp_path: Path) -> None:
    pack = _pack(tmp_path, extra=EXTRA)
    ran = mpquiz("pack", "validate", str(pack), "--run", "--yes", "--json")
    assert ran.returncode == 1, ran.stderr
    run = json.loads(ran.stdout)["run"]
    proofs = {qid: entry["proof"] for qid, entry in run["proofs"].items()}
    assert proofs == {
        "basics.exitcode": "shown",
        "basics.exitcode-number": "shown",
        "basics.children": "shown",
        "more.why": "shown",
        "more.never": "not-shown",
        "more.unproved": "missing",
    }
    assert all(e["runs"] >= 1 and e["shown"] <= e["runs"] for e in run["proofs"].values())
    (problem,) = run["problems"]
    assert problem["qid"] == "more.never" and problem["file"].endswith("extra.toml")
    clean = mpquiz("pack", "validate", str(_pack(tmp_path / "clean")), "--run", "--yes")
    assert clean.returncode == 0, clean.stderr


def test_record_keeps_a_proving_run_of_each_question_in_the_pack(tmp_path: Path) -> None:
    pack = _pack(tmp_path, extra=EXTRA)
    recorded = mpquiz("pack", "validate", str(pack), "--run", "--yes", "--record")
    assert recorded.returncode == 1  # more.never still fails; the others are kept
    demos = pack / "demos"
    kept = sorted(p.stem for p in (demos / "recorded").glob("*.json"))
    assert kept == ["basics.children", "basics.exitcode", "basics.exitcode-number", "more.why"]
    run = read_recorded(demos, "basics.exitcode")
    assert run is not None and "exitcode: 3" in run.output and run.exit_code == 0
    assert run.cores >= 1 and run.python.count(".") == 2 and len(run.recorded) == 10
    assert any(p.get("name") == "MainProcess" for p in run.processes)
    # The recordings are files of the pack: it still validates, and trust covers them.
    assert mpquiz("pack", "validate", str(pack)).returncode == 0
    db = ["--db", f"sqlite:///{tmp_path / 'x.db'}"]
    listed = mpquiz(*db, "pack", "add", str(pack))
    assert listed.returncode == 0, listed.stderr
    shown = mpquiz(*db, "pack", "trust", "mini")
    assert "recorded/basics.exitcode.json" in shown.stdout + shown.stderr


def test_record_needs_a_folder(tmp_path: Path) -> None:
    pack = _pack(tmp_path)
    archive = shutil.make_archive(str(tmp_path / "mini"), "zip", tmp_path, "mini")
    refused = mpquiz("pack", "validate", archive, "--run", "--yes", "--record")
    assert refused.returncode == 2 and refused.stderr.count("\n") == 1
    assert "--record" in refused.stderr
    assert pack.is_dir()
