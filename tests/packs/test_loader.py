"""Pack validation: every problem reported, each naming file, line, question and field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mpquiz.packs.loader import load_pack
from mpquiz.packs.problems import PackErrors, PackProblem


def _copy(mini: Path, tmp_path: Path) -> Path:
    dest = tmp_path / "pack"
    shutil.copytree(mini, dest)
    return dest


def _problems(root: Path) -> list[PackProblem]:
    with pytest.raises(PackErrors) as err:
        load_pack(root)
    return err.value.problems


def _add(root: Path, text: str) -> None:
    (root / "questions" / "zz_extra.toml").write_text(text, encoding="utf-8")


def test_valid_pack_loads_in_file_order(mini_pack_dir: Path) -> None:
    pack = load_pack(mini_pack_dir)
    assert pack.id == "mini" and pack.languages == ("es", "en")
    assert [q.position for q in pack.questions] == [0, 1, 2, 3]
    children = pack.questions[2]
    assert children.code == "main" and children.varies
    assert children.prompt.get("es") == "¿Qué imprime?"


def test_missing_field_and_bad_kind_are_both_named(mini_pack_dir: Path, tmp_path: Path) -> None:
    root = _copy(mini_pack_dir, tmp_path)
    _add(
        root,
        '[[question]]\nid = "x.one"\ntopic = "basics"\nkind = "essay"\n'
        'demo = "exitcode.py"\nexplain = "e"\n',
    )
    problems = _problems(root)
    fields = {(p.qid, p.field) for p in problems}
    assert ("x.one", "kind") in fields and ("x.one", "prompt") in fields
    kind = next(p for p in problems if p.field == "kind")
    assert kind.file.endswith("zz_extra.toml") and kind.line == 4  # the line of `kind`
    prompt = next(p for p in problems if p.field == "prompt")
    assert prompt.line == 2  # not written: the line of the question's id
    assert "essay" in str(kind)


@pytest.mark.parametrize(
    "kind_line",
    ['kind = "choice"\n', "", 'kind = "choise"\n', "kind = 3\n"],
    ids=["kind-given", "kind-missing", "kind-misspelt", "kind-not-text"],
)
def test_a_misspelt_field_is_named_whatever_the_kind(
    mini_pack_dir: Path, tmp_path: Path, kind_line: str
) -> None:
    """`topik` is one problem naming file, question and field, the same with a kind, without
    one or with a wrong one; beside it the missing `topic`, and the kind's own problem."""
    root = _copy(mini_pack_dir, tmp_path)
    _add(
        root,
        '[[question]]\nid = "x.typo"\ntopik = "basics"\n'
        + kind_line
        + 'prompt = "p"\ndemo = "exitcode.py"\nexplain = "e"\nmodel_answer = "m"\n',
    )
    problems = [p for p in _problems(root) if p.qid == "x.typo"]
    typo = [p for p in problems if p.field == "topik"]
    assert len(typo) == 1, problems
    assert typo[0].file.endswith("zz_extra.toml") and typo[0].line == 3
    assert typo[0].hint is not None and "topic" in typo[0].hint
    assert "\n" not in str(typo[0]).strip()
    fields = {p.field for p in problems}
    assert "topic" in fields  # still required
    if kind_line != 'kind = "choice"\n':
        assert "kind" in fields


def test_a_field_some_kind_takes_is_not_called_unknown_without_a_kind(
    mini_pack_dir: Path, tmp_path: Path
) -> None:
    root = _copy(mini_pack_dir, tmp_path)
    _add(
        root,
        '[[question]]\nid = "x.nokind"\ntopic = "basics"\nprompt = "p"\n'
        'demo = "exitcode.py"\nexplain = "e"\nanswer = 3\n',
    )
    problems = [p for p in _problems(root) if p.qid == "x.nokind"]
    assert [p.field for p in problems] == ["kind"]


def test_many_problems_in_one_pass(mini_pack_dir: Path, tmp_path: Path) -> None:
    root = _copy(mini_pack_dir, tmp_path)
    _add(
        root,
        """
[[question]]
id = "x.two"
topic = "nope"
kind = "choice"
prompt = { es = "solo es" }
demo = "missing.py"
explain = "x"
optoins = []

[[question]]
id = "basics.exitcode"
topic = "basics"
kind = "numeric"
prompt = "p"
demo = "exitcode.py"
explain = "e"
answer = 3
""",
    )
    problems = _problems(root)
    got = {(p.qid, p.field) for p in problems}
    assert {
        ("x.two", "topic"),
        ("x.two", "demo"),
        ("x.two", "prompt"),
        ("x.two", "optoins"),
        ("x.two", "options"),
        ("basics.exitcode", "id"),
    } <= got
    assert any("duplicate" in p.message for p in problems)


def test_invalid_toml_names_the_line(mini_pack_dir: Path, tmp_path: Path) -> None:
    root = _copy(mini_pack_dir, tmp_path)
    _add(root, '[[question]]\nid = "x"\nprompt = "unterminated\n')
    problems = _problems(root)
    assert problems[0].line == 3 and "invalid TOML" in problems[0].message


def test_bad_utf8_and_missing_pack_toml(mini_pack_dir: Path, tmp_path: Path) -> None:
    root = _copy(mini_pack_dir, tmp_path)
    (root / "questions" / "zz.toml").write_bytes(b'[[question]]\nid = "\xff"\n')
    assert "UTF-8" in _problems(root)[0].message
    (root / "pack.toml").unlink()
    assert "pack.toml" in _problems(root)[0].message


def test_kind_specific_checks(mini_pack_dir: Path, tmp_path: Path) -> None:
    root = _copy(mini_pack_dir, tmp_path)
    _add(
        root,
        """
[[question]]
id = "x.noright"
topic = "basics"
kind = "choice"
prompt = "p"
demo = "exitcode.py"
explain = "e"
evidence = "("
options = [ { text = "a" }, { text = "b" } ]

[[question]]
id = "x.region"
topic = "basics"
kind = "predict"
prompt = "p"
demo = "children.py"
explain = "e"
code = "nothere"
expected = "x"
candidates = ["y", "z"]

[[question]]
id = "x.range"
topic = "basics"
kind = "numeric"
prompt = "p"
demo = "exitcode.py"
explain = "e"
answer = { min = 5, max = 1 }
""",
    )
    got = {(p.qid, p.field) for p in _problems(root)}
    assert {
        ("x.noright", "options"),
        ("x.noright", "evidence"),
        ("x.region", "code"),
        ("x.region", "candidates"),
        ("x.range", "answer"),
    } <= got


def test_pack_toml_errors(mini_pack_dir: Path, tmp_path: Path) -> None:
    root = _copy(mini_pack_dir, tmp_path)
    (root / "pack.toml").write_text(
        '[pack]\nid = "Bad Id"\nversion = "1"\ntitle = "t"\nlanguages = ["fr"]\ncolour = "red"\n',
        encoding="utf-8",
    )
    got = {p.field for p in _problems(root)}
    assert {"pack.id", "pack.languages.0", "pack.colour", "topics"} <= got
