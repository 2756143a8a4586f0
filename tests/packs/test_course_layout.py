"""The built-in course keeps its pack in data/ and its programs in demos/ beside it (the
repository root; mpquiz/_bundled in the wheel). Validating that data/ folder must find its
demos whatever mpquiz is installed from: with a wheel installed, `mpquiz pack validate data
--run` (docs/course.md) reported every demo missing. Checked here on a copy laid out as the
checkout is, which is not the folder this mpquiz loads its own pack from."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mpquiz import paths
from mpquiz.packs.builtin_lock import read_lock
from mpquiz.packs.loader import load_pack
from mpquiz.packs.manifest import read_manifest
from mpquiz.packs.problems import PackErrors
from tests.cli.test_cli import mpquiz


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """data/ and demos/ side by side, as at the repository root."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(paths.builtin_pack_dir(), tmp_path / "repo" / "data", ignore=ignore)
    shutil.copytree(paths.builtin_demos_dir(), tmp_path / "repo" / "demos", ignore=ignore)
    return tmp_path / "repo"


def test_the_data_folder_finds_the_demos_beside_it(checkout: Path) -> None:
    shipped = load_pack(paths.builtin_pack_dir(), demos_dir=paths.builtin_demos_dir())
    pack = load_pack(checkout / "data")
    assert Path(pack.demos_dir) == checkout / "demos"
    assert [q.qid for q in pack.questions] == [q.qid for q in shipped.questions]
    # The same files as shipped: `--run` runs them without asking, as docs/course.md says.
    assert read_manifest(checkout / "data", bytecode=False).digest == read_lock().digest


def test_validate_finds_them_from_the_command_line(checkout: Path) -> None:
    checked = mpquiz("pack", "validate", str(checkout / "data"))
    assert checked.returncode == 0, checked.stderr
    assert "not found" not in checked.stderr


def test_a_pack_with_its_own_demos_keeps_them(checkout: Path, mini_pack_dir: Path) -> None:
    other = checkout.parent / "other" / "data"
    shutil.copytree(mini_pack_dir, other)
    (other.parent / "demos").mkdir()  # a demos/ beside it is not its own
    assert Path(load_pack(other).demos_dir) == other / "demos"
    alone = checkout.parent / "alone" / "data"
    shutil.copytree(checkout / "data", alone)  # no demos anywhere: each one is missing
    with pytest.raises(PackErrors) as err:
        load_pack(alone)
    assert any(p.field == "demo" for p in err.value.problems)
