"""The bundled pack is synced when its files change, and skipped (fast start) when not."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mpquiz import paths
from mpquiz.packs import loader
from mpquiz.services import Services


def test_sync_is_skipped_until_a_file_changes(
    db_url: str, mini_pack_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = tmp_path / "builtin"
    shutil.copytree(mini_pack_dir, pack)
    monkeypatch.setattr(paths, "builtin_pack_dir", lambda: pack)
    monkeypatch.setattr(paths, "builtin_demos_dir", lambda: pack / "demos")
    loads: list[Path] = []
    real = loader.load_pack
    monkeypatch.setattr(
        loader, "load_pack", lambda root, **kw: loads.append(root) or real(root, **kw)
    )

    first = Services(db_url=db_url)
    first.open()
    assert first.store.packs()[0].id == "mini" and len(loads) == 1
    first.close()
    second = Services(db_url=db_url)
    second.open()
    assert second.sync_builtin(second.store) is None and len(loads) == 1
    toml = pack / "questions" / "basics.toml"
    toml.write_text(toml.read_text().replace("What exitcode", "Which exit code"))
    report = second.sync_builtin(second.store)
    assert report is not None and report.updated == 1 and len(loads) == 2
    second.close()
