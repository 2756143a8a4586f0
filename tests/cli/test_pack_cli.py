"""`mpquiz pack` end to end: write, validate, add (folder and zip), export, GIFT, schema."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from mpquiz.cli.main import app
from mpquiz.core.errors import MpquizError
from tests.cli.test_cli import mpquiz
from tests.conftest import FIXTURES, ROOT

DOCS = ROOT / "docs" / "writing-packs.md"
FILE_BLOCK = re.compile(r"^File `(?P<path>[^`]+)`:\n\n```[a-z]*\n(?P<body>.*?)^```$", re.M | re.S)


def cli(*args: str, db: Path | None = None) -> Result:
    """Run mpquiz in this process (fast), on its own database when given.

    The exit code of an MpquizError is the one `mpquiz` itself would exit with.
    """
    prefix = ["--db", f"sqlite:///{db}", "--lang", "en"] if db else ["--lang", "en"]
    result = CliRunner().invoke(app, [*prefix, *args])
    if isinstance(result.exception, MpquizError):
        result.exit_code = result.exception.exit_code
    return result


def docs_example(into: Path) -> Path:
    """Write the complete example of docs/writing-packs.md, file by file, under `into`."""
    blocks = FILE_BLOCK.findall(DOCS.read_text(encoding="utf-8"))
    assert len(blocks) >= 3, "the docs lost their complete example"
    for path, body in blocks:
        target = into / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(body, encoding="utf-8")
    return into / Path(blocks[0][0]).parts[0]


@pytest.mark.slow
def test_the_docs_example_is_validated_added_and_reviewed(tmp_path: Path) -> None:
    root = docs_example(tmp_path)
    db = ["--db", f"sqlite:///{tmp_path / 'x.db'}", "--lang", "en"]
    checked = mpquiz("pack", "validate", str(root), "--run", "--yes")
    assert checked.returncode == 0, checked.stderr
    assert (
        "5 questions (1 choice, 1 exercise, 1 numeric, 1 open, 1 predict), valid" in checked.stdout
    )
    assert "all keys confirmed" in checked.stdout
    assert "1 exercise: its starter fails a check" in checked.stdout
    added = mpquiz(*db, "pack", "add", str(root))
    assert added.returncode == 0 and "5 added" in added.stdout, added.stderr
    assert mpquiz(*db, "pack", "trust", "queue-basics", "--yes").returncode == 0
    answers = "1\n5\nparent {pid} received [0, 1, 4]\nitems: 3\n\nThe child waits.\n\n3\n"
    review = mpquiz(*db, "review", "--plain", "--pack", "queue-basics", "--new", "4", stdin=answers)
    assert review.returncode == 0, review.stderr
    for prompt in (
        "Why does the child put None at the end?",
        "With --count 5, how many items does the parent receive?",
        "What does the program print?",
        "Why does the parent drain the queue before calling join()?",
    ):
        assert prompt in review.stdout
    assert review.stdout.count("exit code 0") == 4  # every demo really ran
    assert "Answered 4, right 4." in review.stdout  # the open one rated Good
    # The worked exercise, from the learner's own editor: the starter fails, the
    # solution passes.
    name = "queue-basics:queue.ex-results-back"
    starter = tmp_path / "mine.py"
    assert mpquiz(*db, "exercise", "start", name, "-o", str(starter)).returncode == 0
    failed = mpquiz(*db, "exercise", "check", name, str(starter))
    assert failed.returncode == 1 and "results: []" in failed.stdout, failed.stderr
    solution = root / "demos" / "squares_back_solution.py"
    assert mpquiz(*db, "exercise", "check", name, str(solution)).returncode == 0


def test_validate_exit_codes_and_one_problem_per_line() -> None:
    broken = mpquiz("pack", "validate", str(FIXTURES / "packs" / "broken-typos"))
    assert broken.returncode == 2 and broken.stdout == ""
    lines = broken.stderr.strip().splitlines()
    assert len(lines) == 11 and lines[-1].startswith("10 problems in")
    assert "field optoins: unknown field (hint: did you mean 'options'?)" in broken.stderr
    assert "Traceback" not in broken.stderr
    for path in ("not-a-pack", "does-not-exist"):
        result = cli("pack", "validate", str(FIXTURES / "packs" / path))
        assert result.exit_code == 2 and "1 problem in" in result.stderr


def test_validate_json_for_editors_and_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # problems name files as the path was given: from here
    result = cli("pack", "validate", "tests/fixtures/packs/broken-typos", "--json")
    assert result.exit_code == 2 and result.stderr == ""
    report = json.loads(result.stdout)
    assert report["valid"] is False and report["exit_code"] == 2
    assert {
        "file": "tests/fixtures/packs/broken-typos/questions/typos.toml",
        "line": 36,
        "qid": "typo.match-on-choice",
        "field": "match",
        "message": "unknown field for a choice question: 'match' only applies to predict",
        "hint": "remove it, or change kind to 'predict'",
        # The same words as keys and fields, for a tool that says them in its own language.
        "key": "pack.problem.field_of_other_kinds",
        "params": {"kind": "choice", "field": "match", "kinds": "predict"},
        "hint_key": "pack.hint.change_kind",
        "hint_params": {"kinds": "'predict'"},
    } in report["problems"]
    good = json.loads(cli("pack", "validate", str(FIXTURES / "mini"), "--json").stdout)
    assert good["valid"] and good["pack"] == {"id": "mini", "version": "1.0.0", "questions": 4}


@pytest.mark.slow
def test_validate_run_exits_1_when_the_output_contradicts_a_key(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(ROOT)
    result = cli("pack", "validate", "tests/fixtures/packs/keys-wrong", "--run", "--yes", "--json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["valid"] and report["exit_code"] == 1
    problems = {p["qid"]: p for p in report["run"]["problems"]}
    assert problems["keys.exitcode"]["message"] == "this run measured 0, outside the key 1"
    assert (
        problems["keys.exitcode"]["file"] == "tests/fixtures/packs/keys-wrong/questions/keys.toml"
    )
    assert problems["keys.exitcode"]["line"] == 4
    text = cli("pack", "validate", "tests/fixtures/packs/keys-wrong", "--run", "--yes")
    assert text.exit_code == 1
    assert "tests/fixtures/packs/keys-wrong/questions/keys.toml:4:" in text.stderr
    # Said in the learner's language; --json keeps the English for tools.
    spanish = cli("--lang", "es", "pack", "validate", "tests/fixtures/packs/keys-wrong", "--run",
                  "--yes")  # fmt: skip
    assert spanish.exit_code == 1
    assert (
        "keys.toml:4: pregunta keys.exitcode: esta ejecución midió 0, fuera de la clave 1"
        in spanish.stderr
    )


@pytest.mark.slow
def test_new_writes_a_pack_that_passes_validate_run(tmp_path: Path) -> None:
    made = mpquiz("pack", "new", str(tmp_path / "my-pack"))
    assert made.returncode == 0 and "Created pack my-pack" in made.stdout
    checked = mpquiz("pack", "validate", str(tmp_path / "my-pack"), "--run", "--yes")
    assert checked.returncode == 0 and "all keys confirmed" in checked.stdout, checked.stderr
    again = mpquiz("pack", "new", str(tmp_path / "my-pack"))
    assert again.returncode == 2
    assert again.stderr.strip().splitlines() == [
        f"mpquiz: {tmp_path / 'my-pack'} already exists and is not an empty folder; "
        "choose a new one"
    ]


def test_add_list_export_remove_and_add_the_zip_back(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    assert cli("pack", "add", str(FIXTURES / "mini"), db=db).exit_code == 0
    listed = json.loads(cli("pack", "list", "--json", db=db).stdout)
    assert {(p["id"], p["trust"]) for p in listed} >= {("mini", "untrusted")}
    out = tmp_path / "mini.zip"
    exported = cli("pack", "export", "mini", "-o", str(out), db=db)
    assert exported.exit_code == 0 and "4 files written" in exported.stdout
    removed = cli("pack", "remove", "mini", db=db)
    assert "4 questions retired (reviews kept)" in removed.stdout
    assert "mini" not in {p["id"] for p in json.loads(cli("pack", "list", "--json", db=db).stdout)}
    back = cli("pack", "add", str(out), db=db)
    assert back.exit_code == 0 and "4 updated" in back.stdout, back.stderr
    refused = cli("pack", "add", str(out), db=db)
    assert refused.exit_code == 2 and "raise its version" in str(refused.exception)
    missing = cli("pack", "export", "nope", "-o", str(tmp_path / "n.zip"), db=db)
    assert missing.exit_code == 2 and not (tmp_path / "n.zip").exists()


def test_a_bad_zip_is_refused_with_its_entry_named(tmp_path: Path) -> None:
    import zipfile

    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(bad, "w") as zf:
        zf.writestr("pack.toml", "")
        zf.writestr("../../evil.py", "print('owned')")
    result = cli("pack", "add", str(bad), db=tmp_path / "x.db")
    assert result.exit_code == 2
    assert "bad.zip:'../../evil.py': rejected entry: path leaves the pack folder" in result.stderr
    assert "nothing was added" in result.stderr


def test_import_gift_lists_what_it_cannot_convert(tmp_path: Path) -> None:
    source = FIXTURES / "gift" / "moodle_export_es.gift"
    result = cli("pack", "import-gift", str(source), "-o", str(tmp_path / "curso"), "--lang", "es")
    assert result.exit_code == 0, result.output
    assert "8 questions converted (4 choice, 3 numeric, 1 open), 4 not converted" in result.stdout
    assert "moodle_export_es.gift:47: 'T2-01 relaciona': matching question" in result.stdout
    assert cli("pack", "validate", str(tmp_path / "curso")).exit_code == 0
    as_json = cli(
        "pack", "import-gift", str(source), "-o", str(tmp_path / "again"), "--json", "--id", "c2"
    )
    report = json.loads(as_json.stdout)
    assert len(report["converted"]) == 8 and [s["line"] for s in report["not_converted"]] == [
        41,
        47,
        72,
        75,
    ]
    essays = tmp_path / "essays.gift"
    essays.write_text("::E1:: Why? {}\n", encoding="utf-8")
    none = cli("pack", "import-gift", str(essays), "-o", str(tmp_path / "none"))
    assert none.exit_code == 2 and "essays.gift:1: 'E1': essay question" in none.stderr
    assert not (tmp_path / "none").exists()
    bad_lang = cli("pack", "import-gift", str(essays), "-o", str(tmp_path / "x"), "--lang", "fr")
    assert bad_lang.exit_code == 2


def test_export_gift_writes_the_choice_and_numeric_questions(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    assert cli("pack", "add", str(FIXTURES / "mini"), db=db).exit_code == 0
    out = tmp_path / "mini.gift"
    result = cli("pack", "export-gift", "mini", "-o", str(out), "--lang", "en", db=db)
    assert result.exit_code == 0 and "2 questions written" in result.stdout
    assert "left out basics.children: predict questions have no GIFT form" in result.stderr
    text = out.read_text(encoding="utf-8")
    assert "::basics.exitcode::[markdown]What exitcode" in text and "{#\n\t=3:0\n" in text
    back = cli("pack", "import-gift", str(out), "-o", str(tmp_path / "back"), "--lang", "en")
    assert back.exit_code == 0 and "2 questions converted" in back.stdout
    assert cli("pack", "export-gift", "mini", "-o", str(out), "--lang", "fr", db=db).exit_code == 2


def test_schema_prints_json_schema() -> None:
    pack = json.loads(cli("pack", "schema", "--kind", "pack").stdout)
    assert pack["title"] == "mpquiz pack.toml" and "pack" in pack["properties"]
    question = json.loads(cli("pack", "schema").stdout)
    assert question["title"] == "mpquiz questions/*.toml"
    assert cli("pack", "schema", "--kind", "bogus").exit_code == 2


def test_validate_takes_a_zip_and_names_files_as_in_it(tmp_path: Path) -> None:
    import zipfile

    def zipped(folder: Path, name: str) -> Path:
        out = tmp_path / name
        with zipfile.ZipFile(out, "w") as zf:
            for file in sorted(folder.rglob("*")):
                if file.is_file() and "__pycache__" not in file.parts:
                    zf.write(file, f"{folder.name}/{file.relative_to(folder).as_posix()}")
        return out

    good = cli("pack", "validate", str(zipped(FIXTURES / "mini", "mini.zip")), "--run", "--yes")
    assert good.exit_code == 0 and "mini 1.0.0: 4 questions" in good.stdout, good.stderr
    broken = cli("pack", "validate", str(zipped(FIXTURES / "packs" / "broken-typos", "b.zip")))
    assert broken.exit_code == 2
    assert "b.zip/broken-typos/questions/" in broken.stderr
    assert "mpquiz-pack-" not in broken.stderr  # no temporary folder in any message
    unsafe = tmp_path / "evil.zip"
    with zipfile.ZipFile(unsafe, "w") as zf:
        zf.writestr("pack.toml", "")
        zf.writestr("../evil.py", "print('owned')")
    refused = cli("pack", "validate", str(unsafe))
    assert refused.exit_code == 2 and "path leaves the pack folder" in refused.stderr


def test_export_gift_writes_an_exercise_as_an_essay_with_its_starter_and_says_what_is_lost(
    tmp_path: Path,
) -> None:
    db = tmp_path / "x.db"
    assert cli("pack", "add", str(FIXTURES / "expack"), db=db).exit_code == 0
    out = tmp_path / "ex.gift"
    result = cli("pack", "export-gift", "expack", "-o", str(out), "--lang", "en", db=db)
    assert result.exit_code == 0 and "1 question written" in result.stdout
    assert "written with less: lock.ex-race: written as an essay" in result.stderr
    text = out.read_text(encoding="utf-8")
    assert "::lock.ex-race::[markdown]Make work() lose no update" in text
    # the starter, as a Markdown code block (four spaces), with GIFT's specials escaped
    assert "\\n\\n    def work(counter, times)\\:\\n" in text
    assert text.rstrip().endswith("}") and "{\n\t####" in text  # an essay: no answers
