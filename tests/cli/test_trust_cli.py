"""Trust through the command line: what `pack trust` shows, what `pack list` says after a
change, and `pack validate --run`, which runs a pack's code, asking first."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.cli.test_cli import mpquiz
from tests.conftest import FIXTURES

pytestmark = pytest.mark.slow


def _pack(tmp_path: Path, marker: Path) -> Path:
    """The mini pack, with a helper and a data file, whose demo leaves a marker when run."""
    pack = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", pack)
    demos = pack / "demos"
    (demos / "helper.py").write_text(f"MARK = {str(marker)!r}\n")
    (demos / "table.csv").write_text("a,b\n")
    exitcode = demos / "exitcode.py"
    exitcode.write_text(
        exitcode.read_text().replace(
            'if __name__ == "__main__":',
            'if __name__ == "__main__":\n    from helper import MARK\n\n'
            '    open(MARK, "w").close()',
        )
    )
    return pack


def test_validate_run_asks_before_running_an_untrusted_pack(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    pack = _pack(tmp_path, marker)
    refused = mpquiz("--lang", "en", "pack", "validate", str(pack), "--run")
    assert refused.returncode == 2
    assert refused.stderr.startswith("mpquiz: --run runs the programs of pack mini")
    assert "--yes" in refused.stderr and refused.stderr.count("\n") == 1
    assert not marker.exists()
    es = mpquiz("--lang", "es", "pack", "validate", str(pack), "--run", "--json")
    assert es.returncode == 2 and "confirma con --yes" in es.stderr and not marker.exists()

    ran = mpquiz("pack", "validate", str(pack), "--run", "--yes", "--json")
    assert ran.returncode == 0, ran.stderr
    assert json.loads(ran.stdout)["run"]["problems"] == []
    assert marker.exists()


def test_validate_run_needs_no_question_for_the_files_this_machine_trusts(
    tmp_path: Path,
) -> None:
    marker = tmp_path / "ran"
    pack = _pack(tmp_path, marker)
    db = ["--db", f"sqlite:///{tmp_path / 'x.db'}", "--lang", "en"]
    assert mpquiz(*db, "pack", "add", str(pack)).returncode == 0
    trusted = mpquiz(*db, "pack", "trust", "mini", "--yes")
    assert trusted.returncode == 0, trusted.stderr
    for name in ("helper.py", "table.csv", "exitcode.py", "children.py"):
        assert name in trusted.stdout  # every file of the demos folder, with its hash
    assert "python children.py" in trusted.stdout and "python exitcode.py" in trusted.stdout
    assert "4 demo files trusted" in trusted.stdout

    ran = mpquiz(*db, "pack", "validate", str(pack), "--run")
    assert ran.returncode == 0, ran.stderr
    assert marker.exists()

    marker.unlink()
    (pack / "demos" / "table.csv").write_text("a,b,c\n")  # not the files trusted any more
    assert mpquiz(*db, "pack", "validate", str(pack), "--run").returncode == 2
    assert not marker.exists()


def test_pack_list_says_changed_when_a_helper_changes(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    db = ["--db", f"sqlite:///{tmp_path / 'x.db'}", "--lang", "en"]
    assert mpquiz(*db, "pack", "add", str(_pack(tmp_path, marker))).returncode == 0
    assert mpquiz(*db, "pack", "trust", "mini", "--yes").returncode == 0
    listed = json.loads(mpquiz(*db, "pack", "list", "--json").stdout)
    assert {row["id"]: row["trust"] for row in listed} == {
        "mp-course": "builtin",
        "mini": "trusted",
    }
    installed = Path(next(row["path"] for row in listed if row["id"] == "mini"))
    (installed / "demos" / "helper.py").write_text("MARK = '/tmp/elsewhere'\n")
    listed = json.loads(mpquiz(*db, "pack", "list", "--json").stdout)
    assert {row["id"]: row["trust"] for row in listed}["mini"] == "changed"
    answered = mpquiz(*db, "review", "--plain", "--pack", "mini", "--new", "1", stdin="1\n")
    assert "The demo did not run: the files of pack mini changed since you trusted it" in (
        answered.stdout
    )
    assert "(helper.py)" in answered.stdout and not marker.exists()


def test_pack_trust_refuses_a_pack_with_a_link_out(tmp_path: Path) -> None:
    db = ["--db", f"sqlite:///{tmp_path / 'x.db'}", "--lang", "en"]
    assert mpquiz(*db, "pack", "add", str(_pack(tmp_path, tmp_path / "ran"))).returncode == 0
    listed = json.loads(mpquiz(*db, "pack", "list", "--json").stdout)
    installed = Path(next(row["path"] for row in listed if row["id"] == "mini"))
    (tmp_path / "secret").write_text("secret")
    (installed / "demos" / "key").symlink_to(tmp_path / "secret")
    refused = mpquiz(*db, "pack", "trust", "mini", "--yes")
    assert refused.returncode == 2
    assert refused.stderr == (
        "mpquiz: pack mini cannot be trusted: demos/key is a link that leads outside the "
        "pack's demos folder, or nowhere\n"
    )
