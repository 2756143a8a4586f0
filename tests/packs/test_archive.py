"""Packs as zips: add (with or without a top folder), refuse unsafe zips, export, update."""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from mpquiz.core.errors import BadInput
from mpquiz.packs import archive
from mpquiz.packs.loader import load_pack
from mpquiz.packs.problems import PackErrors
from mpquiz.services import Services
from mpquiz.session.pack_install import add_pack, export_pack, installed_pack
from tests.conftest import T0
from tests.packs.helpers import add_entry, link_mode, snapshot, zip_folder


@pytest.fixture
def svc(db_url: str) -> Iterator[Services]:
    services = Services(db_url=db_url, lang_option="en", learner="ana")
    services.open()
    yield services
    services.close()


def _versioned(mini: Path, tmp_path: Path, version: str) -> Path:
    folder = tmp_path / f"mini-{version}"
    shutil.copytree(mini, folder)
    toml = folder / "pack.toml"
    toml.write_text(toml.read_text().replace('version = "1.0.0"', f'version = "{version}"'))
    return folder


def _answer_first(svc: Services) -> None:
    session = svc.review_session(pack_id="mini", new_per_day=1)
    session.show()
    session.answer("1")
    session.rate()
    session.close()


@pytest.mark.parametrize("prefix", ["", "mini/"], ids=["flat", "top-folder"])
def test_add_a_zip_with_or_without_one_top_folder(
    svc: Services, mini_pack_dir: Path, tmp_path: Path, prefix: str
) -> None:
    zipped = zip_folder(mini_pack_dir, tmp_path / "mini.zip", prefix=prefix)
    pack, report = add_pack(zipped, svc.store, svc.packs_root, T0)
    assert pack.id == "mini" and report.added == 4
    installed = svc.packs_root / "mini"
    assert (installed / "pack.toml").is_file() and (installed / "demos" / "exitcode.py").is_file()
    assert sorted(p.name for p in svc.packs_root.iterdir()) == ["mini"]  # no staging left


@pytest.mark.parametrize(
    ("name", "mode", "why"),
    [
        ("../evil.py", None, "leaves the pack folder"),
        ("demos/../../evil.py", None, "leaves the pack folder"),
        ("/etc/evil.py", None, "absolute path"),
        ("C:/evil.py", None, "absolute path"),
        ("..\\evil.py", None, "leaves the pack folder"),
        ("demos/link.py", link_mode(), "symbolic link"),
    ],
)
def test_unsafe_entries_are_refused_and_nothing_changes(
    svc: Services, mini_pack_dir: Path, tmp_path: Path, name: str, mode: int | None, why: str
) -> None:
    add_pack(mini_pack_dir, svc.store, svc.packs_root, T0)
    before = snapshot(svc.store, svc.packs_root)
    zipped = zip_folder(_versioned(mini_pack_dir, tmp_path, "2.0.0"), tmp_path / "bad.zip")
    add_entry(zipped, name, b"/etc/passwd", mode=mode)
    with pytest.raises(PackErrors) as err:
        add_pack(zipped, svc.store, svc.packs_root, T0)
    (problem,) = err.value.problems
    assert why in problem.message and problem.file.startswith("bad.zip:")
    assert snapshot(svc.store, svc.packs_root) == before
    assert not (tmp_path / "evil.py").exists() and not (tmp_path.parent / "evil.py").exists()


def test_absurd_sizes_and_counts_are_refused(
    svc: Services, mini_pack_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    zipped = zip_folder(mini_pack_dir, tmp_path / "big.zip")
    add_entry(zipped, "demos/data.bin", b"\0" * 5000)
    monkeypatch.setattr(archive, "MAX_ENTRY_BYTES", 4096)
    with pytest.raises(PackErrors, match="larger than"):
        add_pack(zipped, svc.store, svc.packs_root, T0)
    monkeypatch.setattr(archive, "MAX_ENTRY_BYTES", 1 << 20)
    monkeypatch.setattr(archive, "MAX_TOTAL_BYTES", 6000)
    with pytest.raises(PackErrors, match="unpacks to"):
        add_pack(zipped, svc.store, svc.packs_root, T0)
    monkeypatch.setattr(archive, "MAX_ENTRIES", 3)
    with pytest.raises(PackErrors, match="entries; a pack may have at most 3"):
        add_pack(zipped, svc.store, svc.packs_root, T0)
    assert not svc.packs_root.exists()


def test_a_zip_whose_sizes_lie_is_refused(
    svc: Services, mini_pack_dir: Path, tmp_path: Path
) -> None:
    zipped = zip_folder(mini_pack_dir, tmp_path / "lies.zip")
    add_entry(zipped, "demos/zeros.bin", b"\0" * 100_000)
    blob = bytearray(zipped.read_bytes())
    # Forge the declared size of the last entry (local header and central directory).
    local = blob.rfind(b"PK\x03\x04")
    central = blob.rfind(b"PK\x01\x02")
    blob[local + 22 : local + 26] = (10).to_bytes(4, "little")
    blob[central + 24 : central + 28] = (10).to_bytes(4, "little")
    zipped.write_bytes(bytes(blob))
    with pytest.raises(PackErrors) as err:
        add_pack(zipped, svc.store, svc.packs_root, T0)
    assert "zip" in str(err.value)
    assert not svc.packs_root.exists()


def test_not_a_zip_and_zip_without_pack(svc: Services, tmp_path: Path) -> None:
    text = tmp_path / "pack.toml"
    text.write_text("[pack]\n")
    with pytest.raises(PackErrors, match="not a zip file"):
        add_pack(text, svc.store, svc.packs_root, T0)
    other = tmp_path / "other.zip"
    with zipfile.ZipFile(other, "w") as zf:
        zf.writestr("a/pack.toml", "")
        zf.writestr("b/readme.txt", "")
    with pytest.raises(PackErrors, match=r"no pack\.toml at the top"):
        add_pack(other, svc.store, svc.packs_root, T0)
    damaged = tmp_path / "damaged.zip"
    damaged.write_bytes(b"PK\x03\x04" + b"\0" * 40)
    with pytest.raises(PackErrors):
        add_pack(damaged, svc.store, svc.packs_root, T0)


def test_an_invalid_pack_in_a_zip_changes_nothing_and_names_its_files(
    svc: Services, mini_pack_dir: Path, tmp_path: Path
) -> None:
    add_pack(mini_pack_dir, svc.store, svc.packs_root, T0)
    _answer_first(svc)
    before = snapshot(svc.store, svc.packs_root)
    broken = _versioned(mini_pack_dir, tmp_path, "2.0.0")
    (broken / "questions" / "basics.toml").write_text('[[question]]\nid = "x"\nkind = 3\n')
    zipped = zip_folder(broken, tmp_path / "broken.zip", prefix="mini/")
    with pytest.raises(PackErrors) as err:
        add_pack(zipped, svc.store, svc.packs_root, T0)
    assert all(p.file.startswith("broken.zip/mini/") for p in err.value.problems)
    assert snapshot(svc.store, svc.packs_root) == before


def test_export_then_add_gives_the_same_pack(
    svc: Services, mini_pack_dir: Path, tmp_path: Path, db_url: str
) -> None:
    add_pack(mini_pack_dir, svc.store, svc.packs_root, T0)
    info = installed_pack(svc.store, "mini")
    out = tmp_path / "out" / "mini.zip"
    (svc.packs_root / "mini" / "README.md").write_text("# Mini\n")
    (svc.packs_root / "mini" / "notes.txt").write_text("not part of a pack")
    assert export_pack(info, svc.places.folder(info.id), svc.places.demos(info.id), out) == 5
    assert zipfile.ZipFile(out).namelist() == [
        "mini/pack.toml",
        "mini/questions/basics.toml",
        "mini/demos/children.py",
        "mini/demos/exitcode.py",
        "mini/README.md",
    ]
    first = out.read_bytes()
    export_pack(info, svc.places.folder(info.id), svc.places.demos(info.id), out)
    assert out.read_bytes() == first  # reproducible
    other = Services(db_url=f"sqlite:///{tmp_path / 'other.db'}", lang_option="en")
    other.open()
    try:
        (tmp_path / "home2").mkdir()
        pack, report = add_pack(out, other.store, tmp_path / "home2" / "packs", T0)
        assert report.added == 4
        assert [q.qid for q in pack.questions] == [
            q.qid for q in load_pack(mini_pack_dir).questions
        ]
    finally:
        other.close()


def test_export_of_the_builtin_pack_uses_its_demos(svc: Services, tmp_path: Path) -> None:
    info = installed_pack(svc.store, "mp-course")
    count = export_pack(
        info, svc.places.folder(info.id), svc.places.demos(info.id), tmp_path / "course.zip"
    )
    names = zipfile.ZipFile(tmp_path / "course.zip").namelist()
    assert "mp-course/demos/race_counter.py" in names and count == len(names)


def test_a_higher_version_in_a_zip_updates_and_keeps_progress(
    svc: Services, mini_pack_dir: Path, tmp_path: Path
) -> None:
    add_pack(mini_pack_dir, svc.store, svc.packs_root, T0)
    _answer_first(svc)
    same = zip_folder(mini_pack_dir, tmp_path / "same.zip")
    with pytest.raises(BadInput, match=r"same\.zip has version 1\.0\.0"):
        add_pack(same, svc.store, svc.packs_root, T0)
    newer = _versioned(mini_pack_dir, tmp_path, "1.1.0")
    questions = newer / "questions" / "basics.toml"
    questions.write_text(questions.read_text().replace("join waits", "join() waits"))
    pack, report = add_pack(zip_folder(newer, tmp_path / "n.zip"), svc.store, svc.packs_root, T0)
    assert pack.version == "1.1.0" and report.updated == 1 and report.unchanged == 3
    assert svc.store.review_count(svc.learner_id) == 1
    _, forced = add_pack(same, svc.store, svc.packs_root, T0, force=True)
    assert forced.updated == 1  # --force takes the older zip back
