"""`pack new`: a pack that validates and whose keys its demo confirms, as written."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from mpquiz.core.errors import BadInput
from mpquiz.core.model import Kind
from mpquiz.packs.loader import load_pack
from mpquiz.packs.scaffold import TEMPLATE, new_pack, pack_id_from
from mpquiz.session.keycheck import check_keys


def test_new_pack_validates_with_one_question_of_each_kind(tmp_path: Path) -> None:
    target = tmp_path / "My Course Pack"
    assert new_pack(target) == "my-course-pack"
    pack = load_pack(target)
    assert pack.id == "my-course-pack" and pack.languages == ("es", "en")
    assert {q.kind for q in pack.questions} == set(Kind)
    assert pack.title.get("en") == pack.title.get("es") == "My Course Pack"
    assert sorted(p.name for p in target.iterdir()) == [
        "README.md",
        "demos",
        "pack.toml",
        "questions",
    ]
    assert (target / "README.md").read_text(encoding="utf-8").startswith("# My Course Pack")
    for q in pack.questions:  # bilingual through and through
        assert set(q.prompt.values) == {"es", "en"} and set(q.explain.values) == {"es", "en"}


@pytest.mark.slow
def test_new_pack_passes_validate_run(tmp_path: Path) -> None:
    target = tmp_path / "p"
    new_pack(target, pack_id="class.2026", title='Quotes "and" \\ backslash')
    pack = load_pack(target)
    assert pack.id == "class.2026" and pack.title.get("es") == 'Quotes "and" \\ backslash'
    report = check_keys(pack)
    assert report.problems == [] and report.runs >= 2


def test_new_refuses_a_non_empty_folder_or_a_file(tmp_path: Path) -> None:
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "notes.txt").write_text("mine")
    with pytest.raises(BadInput, match="not an empty folder"):
        new_pack(tmp_path / "full")
    assert [p.name for p in (tmp_path / "full").iterdir()] == ["notes.txt"]
    (tmp_path / "afile").write_text("x")
    with pytest.raises(BadInput):
        new_pack(tmp_path / "afile")
    (tmp_path / "empty").mkdir()
    assert new_pack(tmp_path / "empty") == "empty"


def test_ids_from_folder_names(tmp_path: Path) -> None:
    assert pack_id_from("Curso Ñandú 2026!") == "curso-nandu-2026"
    assert pack_id_from("__x__") == "x"
    with pytest.raises(BadInput, match="--id"):
        new_pack(tmp_path / "!!!")
    with pytest.raises(BadInput, match="not a valid pack id"):
        new_pack(tmp_path / "ok", pack_id="Bad Id")


def test_template_is_itself_a_valid_pack() -> None:
    pack = load_pack(TEMPLATE)
    assert pack.id == "example-pack"
    meta = tomllib.loads((TEMPLATE / "pack.toml").read_text(encoding="utf-8"))
    assert meta["pack"]["languages"] == ["es", "en"]
