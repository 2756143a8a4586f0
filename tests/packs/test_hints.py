"""Every problem at once, each with file, line, question, field and a hint that helps."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mpquiz.i18n import words
from mpquiz.packs.hints import did_you_mean, kind_hint, unknown_question_field
from mpquiz.packs.loader import load_pack
from mpquiz.packs.problems import PackErrors, PackProblem, one_line
from tests.conftest import FIXTURES

BROKEN = FIXTURES / "packs"


def _problems(root: Path) -> list[PackProblem]:
    with pytest.raises(PackErrors) as err:
        load_pack(root)
    return err.value.problems


def _by_field(problems: list[PackProblem]) -> dict[tuple[str | None, str | None], PackProblem]:
    return {(p.qid, p.field): p for p in problems}


def test_the_broken_typos_pack_names_each_mistake_with_its_hint() -> None:
    problems = _problems(BROKEN / "broken-typos")
    got = _by_field(problems)
    expected = {
        (None, "pack.auhtors"): (6, "did you mean 'authors'?"),
        (None, "topics.locks"): (10, 'add en = "..."'),
        ("typo.field", "optoins"): (10, "did you mean 'options'?"),
        ("typo.field", "options"): (4, "options = ["),
        ("typo.kind", "kind"): (18, "valid kinds: choice, numeric, predict, open, exercise"),
        ("typo.topic-and-demo", "topic"): (25, "did you mean 'basics'?"),
        ("typo.topic-and-demo", "demo"): (28, "did you mean 'hello.py'?"),
        ("typo.match-on-choice", "match"): (36, "change kind to 'predict'"),
        ("typo.language", "prompt"): (46, 'add en = "..."'),
        ("typo.field", "id"): (52, "rename one"),
    }
    for where, (line, hint) in expected.items():
        problem = got[where]
        assert problem.line == line, problem
        assert problem.hint and hint in problem.hint, problem
    assert len(problems) == len(expected)
    # Files are named as the path was given, so editors and CI find them.
    assert all(p.file.startswith(str(BROKEN / "broken-typos") + "/") for p in problems)


def test_match_on_a_choice_question_says_it_only_applies_to_predict() -> None:
    problem = _by_field(_problems(BROKEN / "broken-typos"))[("typo.match-on-choice", "match")]
    assert "'match' only applies to predict" in problem.message
    assert "unknown field" in problem.message


def test_kind_typo_lists_the_valid_kinds_and_the_closest() -> None:
    problem = _by_field(_problems(BROKEN / "broken-typos"))[("typo.kind", "kind")]
    assert "'choise'" in problem.message
    kinds = "valid kinds: choice, numeric, predict, open, exercise"
    assert problem.hint == f"did you mean 'choice'? {kinds}"
    assert words(kind_hint(5), "en") == kinds


def test_unknown_topic_lists_the_declared_topics() -> None:
    problem = _by_field(_problems(BROKEN / "broken-typos"))[("typo.topic-and-demo", "topic")]
    assert "declared in pack.toml: basics, locks" in problem.message


def test_str_puts_everything_on_one_line() -> None:
    problem = _by_field(_problems(BROKEN / "broken-typos"))[("typo.field", "optoins")]
    file = str(BROKEN / "broken-typos" / "questions" / "typos.toml")
    assert str(problem) == (
        f"{file}:10: question typo.field: field optoins: "
        "unknown field (hint: did you mean 'options'?)"
    )
    assert problem.to_dict() == {
        "file": file,
        "line": 10,
        "qid": "typo.field",
        "field": "optoins",
        "message": "unknown field",
        "hint": "did you mean 'options'?",
        "key": "pack.problem.unknown_field",
        "params": {},
        "hint_key": "pack.hint.did_you_mean",
        "hint_params": {"word": "options"},
    }


def test_the_toml_parser_gives_the_line() -> None:
    (problem,) = _problems(BROKEN / "broken-toml")
    assert problem.line == 12 and problem.message.startswith("invalid TOML")


def test_a_folder_without_pack_toml_is_not_a_pack() -> None:
    (problem,) = _problems(BROKEN / "not-a-pack")
    assert "pack.toml" in problem.message and "mpquiz pack new" in (problem.hint or "")


def test_nested_unknown_fields_and_union_fields(mini_pack_dir: Path, tmp_path: Path) -> None:
    root = tmp_path / "p"
    shutil.copytree(mini_pack_dir, root)
    (root / "questions" / "zz.toml").write_text(
        """
[[question]]
id = "x.opt"
topic = "basics"
kind = "choice"
prompt = ["not", "a", "text"]
demo = "exitcode.py"
explain = { es = 3, en = "e" }
options = [ { text = "a", corect = true }, { text = "b" } ]

[[question]]
id = "x.num"
topic = "basics"
kind = "numeric"
prompt = "p"
demo = "exitcode.py"
explain = "e"
answer = { value = 1, tolerence = 0.5 }
evidence = "(?P<value>\\\\d+"

[[question]]
id = "x.ans"
topic = "basics"
kind = "numeric"
prompt = "p"
demo = "exitcode.py"
explain = "e"
answer = "four"
""",
        encoding="utf-8",
    )
    got = _by_field(_problems(root))
    prompt = got[("x.opt", "prompt")]
    assert prompt.message == "must be a text, or a table with one text per language"
    assert 'es = "...", en = "..."' in (prompt.hint or "")
    assert "must be a text in quotes; got number" in got[("x.opt", "explain.es")].message
    assert got[("x.opt", "options.0.corect")].hint == "did you mean 'correct'?"
    assert got[("x.num", "answer.tolerence")].hint == "did you mean 'tolerance'?"
    assert got[("x.ans", "answer")].message == "must be a number or a table"
    assert "tolerance" in (got[("x.ans", "answer")].hint or "")
    # The pydantic branches of a union never show up as fields of their own.
    assert not any(field and "dict[" in field for _, field in got)


def test_every_problem_of_one_file_is_reported_in_one_pass(
    mini_pack_dir: Path, tmp_path: Path
) -> None:
    root = tmp_path / "p"
    shutil.copytree(mini_pack_dir, root)
    (root / "pack.toml").write_text(
        '[pack]\nid = "mini"\nversion = "one"\ntitle = "t"\nlanguages = ["es"]\n'
        '[topics]\nbasics = "B"\n',
        encoding="utf-8",
    )
    problems = _problems(root)
    # pack.toml is broken, yet the questions were checked as well (their topic "more").
    assert ("pack.version" in {p.field for p in problems}) and any(
        p.field == "topic" and p.qid == "more.why" for p in problems
    )
    version = next(p for p in problems if p.field == "pack.version")
    assert version.line == 3 and "dotted integers" in (version.hint or "")


def test_hint_helpers() -> None:
    meant = did_you_mean("explian", ["explain", "prompt"])
    assert meant is not None and words(meant, "en") == "did you mean 'explain'?"
    assert did_you_mean("zzz", ["explain"]) is None
    said, advice = unknown_question_field("model_answer", "predict")
    message, hint = words(said, "en"), advice and words(advice, "en")
    assert "only applies to open" in message and "'open'" in (hint or "")
    said, advice = unknown_question_field("colour", "choice")
    message, hint = words(said, "en"), advice and words(advice, "en")
    assert message == "unknown field" and hint and hint.startswith("fields of this kind:")
    assert one_line("a\nb\x00\x85\u2028" + "x" * 500).startswith("a\\u000ab\\u0000\\u0085\\u2028x")
    assert len(one_line("x" * 500)) == 160


def test_broken_questions_still_get_every_check(mini_pack_dir: Path, tmp_path: Path) -> None:
    root = tmp_path / "p"
    shutil.copytree(mini_pack_dir, root)
    (root / "questions" / "zy.toml").write_text('[question]\nid = "x"\n', encoding="utf-8")
    (root / "questions" / "zz.toml").write_text(
        """[[question]]
id = "a.types"
topic = "basics"
kind = "choice"
prompt = "p"
demo = "exitcode.py"
explain = "e"
timeout = 100
options = [ { text = "only one", correct = true } ]

[[question]]
id = "a.predict"
topic = "basics"
kind = "predict"
prompt = "p"
demo = "children.py"
explain = "e"
expected = ""
match = "regex"
code = "nope"

[[question]]
topic = "basics"
prompt = "p"
demo = "children.py"
explain = "e"
varies = "yes"
""",
        encoding="utf-8",
    )
    got = {(p.qid, p.field): p for p in _problems(root)}
    single = got[(None, "question")]
    assert single.line == 1 and "two brackets" in (single.hint or "")
    assert got[("a.types", "timeout")].message == "must be at most 60; got 100"
    assert got[("a.types", "options")].message == "needs at least 2 items; has 1"
    assert got[("a.predict", "expected")].message == "must not be empty"
    assert got[("a.predict", "match")].line == 19
    # The region is checked although the question is broken otherwise.
    assert "no region 'nope' in children.py" in got[("a.predict", "code")].message
    # Without a kind, the shared fields are still checked.
    assert got[(None, "varies")].message == "must be true or false; got text"
    assert got[(None, "kind")].line == 22  # the [[question]] header: it has no id


def test_odd_demo_names_are_reported_never_followed(mini_pack_dir: Path, tmp_path: Path) -> None:
    root = tmp_path / "p"
    shutil.copytree(mini_pack_dir, root)
    base = 'topic = "basics"\nkind = "open"\nprompt = "p"\nexplain = "e"\nmodel_answer = "m"\n'
    (root / "questions" / "zz.toml").write_text(
        f'[[question]]\nid = "long"\n{base}demo = "{"a" * 300}.py"\n\n'
        f'[[question]]\nid = "out"\n{base}demo = "../../../../../../etc/hostname"\ncode = "x"\n',
        encoding="utf-8",
    )
    got: dict[tuple[str | None, str | None], list[str]] = {}
    for problem in _problems(root):
        got.setdefault((problem.qid, problem.field), []).append(problem.message)
    assert got[("long", "demo")][0].startswith("demo file not found")  # found by fuzzing
    assert any(m.startswith("invalid value") for m in got[("out", "demo")])
    assert ("out", "code") not in got  # a path out of demos/ is never read
