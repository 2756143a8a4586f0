"""Links in a pack folder, in process: the loader's scan, the copy's own check, clean-up.

The real-CLI cases are in tests/cli/test_bad_input_files.py; these reach what a command
cannot time: a link that appears between the check and the copy, a disk that fills up
during the copy.
"""

from __future__ import annotations

import errno
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from mpquiz.core.errors import StoreError
from mpquiz.i18n import words
from mpquiz.packs import archive
from mpquiz.packs.archive import copy_pack_tree, unsafe_entries
from mpquiz.packs.loader import load_pack
from mpquiz.packs.problems import PackErrors
from mpquiz.session import pack_install as install
from mpquiz.session.pack_install import add_pack
from mpquiz.store.engine import open_engine
from mpquiz.store.repository import Store
from tests.conftest import T0


@pytest.fixture
def pack(mini_pack_dir: Path, tmp_path: Path) -> Path:
    """A copy of the mini pack."""
    return Path(shutil.copytree(mini_pack_dir, tmp_path / "pack"))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A store on its own SQLite file."""
    opened = Store(open_engine(f"sqlite:///{tmp_path / 'mpquiz.db'}"))
    yield opened
    opened.close()


def test_the_scan_finds_every_unsafe_entry_and_nothing_else(pack: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("secret")
    (pack / "demos" / "inside.py").symlink_to("exitcode.py")
    (pack / "demos" / "deep" / "er").mkdir(parents=True)
    (pack / "demos" / "deep" / "er" / "key").symlink_to(secret)
    (pack / "dangling").symlink_to("nothing")
    (pack / "__pycache__").mkdir()
    (pack / "__pycache__" / "ignored").symlink_to(secret)  # never copied, so never asked
    found = unsafe_entries(pack)
    assert set(found) == {pack / "demos" / "deep" / "er" / "key", pack / "dangling"}
    assert "outside the pack" in words(found[pack / "demos" / "deep" / "er" / "key"], "en")


def test_validate_reads_nothing_through_a_link_out_of_the_pack(pack: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.toml"
    elsewhere.write_text('[[question]]\nid = "secret-value-42"\n')
    (pack / "questions" / "more.toml").symlink_to(elsewhere)
    with pytest.raises(PackErrors) as err:
        load_pack(pack)
    assert [p.file for p in err.value.problems] == [str(pack / "questions" / "more.toml")]
    assert "secret-value-42" not in str(err.value)


def test_a_link_made_after_the_check_is_refused_by_the_copy(
    pack: Path, tmp_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    packs_root = tmp_path / "packs"
    real_copy = install.copy_pack_tree

    def swap_then_copy(source: Path, target: Path) -> None:
        (source / "demos" / "late.py").symlink_to(tmp_path / "mpquiz.db")
        real_copy(source, target)

    monkeypatch.setattr(install, "copy_pack_tree", swap_then_copy)
    with pytest.raises(PackErrors, match=r"late\.py: symbolic link to .* outside the pack"):
        add_pack(pack, store, packs_root, T0)
    assert list(packs_root.iterdir()) == []  # the staging copy is gone
    assert store.packs() == []


def test_a_copy_that_fails_half_way_leaves_no_staging_folder(
    pack: Path, tmp_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    packs_root = tmp_path / "packs"
    real_copy2 = shutil.copy2
    calls = {"n": 0}

    def fill_up(source: str, target: str) -> object:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(errno.ENOSPC, "No space left on device", str(target))
        return real_copy2(source, target)

    monkeypatch.setattr(archive.shutil, "copy2", fill_up)
    with pytest.raises(StoreError, match=r"packs: cannot copy the pack there \(No space left"):
        add_pack(pack, store, packs_root, T0)
    assert list(packs_root.iterdir()) == []
    assert store.packs() == []


def test_an_unreadable_file_is_named_as_a_pack_problem(
    pack: Path, tmp_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(source: str, target: str) -> object:
        raise PermissionError(errno.EACCES, "Permission denied", str(source))

    monkeypatch.setattr(archive.shutil, "copy2", refuse)
    with pytest.raises(PackErrors, match="cannot read: Permission denied"):
        add_pack(pack, store, tmp_path / "packs", T0)
    assert list((tmp_path / "packs").iterdir()) == []


def test_copy_pack_tree_copies_inside_links_as_files(pack: Path, tmp_path: Path) -> None:
    (pack / "demos" / "again.py").symlink_to("exitcode.py")
    target = tmp_path / "copy"
    copy_pack_tree(pack, target)
    copied = target / "demos" / "again.py"
    assert copied.is_file() and not copied.is_symlink()
    assert copied.read_bytes() == (pack / "demos" / "exitcode.py").read_bytes()
