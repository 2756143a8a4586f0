"""`pack validate` and `pack add` say a pack's problems in the learner's language: one
line each, naming the file, line, question and field, with the hint; `--json` keeps the
English words and adds their keys and fields, whatever the language."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.cli.test_cli import mpquiz
from tests.conftest import FIXTURES
from tests.support.english import english_sentences

# One xdist worker runs them all (pytest -n 2 --dist loadgroup): the module's fixture once.
pytestmark = pytest.mark.xdist_group("pack-problems-language")

BASE = 'topic = "basics"\nprompt = "p"\ndemo = "children.py"\nexplain = "e"\n'
BROKEN = f"""[[question]]
id = "bad.typo"
kind = "open"
{BASE}model_answer = "m"
modle_answer = "m"

[[question]]
id = "bad.nokind"
{BASE}model_answer = "m"

[[question]]
id = "bad.type"
kind = "open"
{BASE}model_answer = "m"
varies = "yes"

[[question]]
id = "bad.empty"
kind = "open"
topic = "basics"
prompt = "   "
demo = "children.py"
explain = "e"
model_answer = "m"

[[question]]
id = "bad.range"
kind = "open"
{BASE}model_answer = "m"
timeout = 100

[[question]]
id = "bad.demo"
kind = "open"
topic = "basics"
prompt = "p"
demo = "chlidren.py"
explain = "e"
model_answer = "m"

[[question]]
id = "bad.proof"
kind = "open"
{BASE}model_answer = "m"
proof = {{ line = "child", order = ["a", "b"] }}
"""
BROKEN_TOML = 'x = 1\nid = "a" = 2\n'
PARTS = "`line`, `value`, `order`, `output`, `parallel`, `turns`"
# (question, field): (the field's line's start, what the line says in Spanish, in English)
EXPECTED: dict[tuple[str, str], tuple[str, str, str]] = {
    ("bad.typo", "modle_answer"): (
        "modle_answer =",
        "campo desconocido (pista: ¿querías decir 'model_answer'?)",
        "unknown field (hint: did you mean 'model_answer'?)",
    ),
    ("bad.nokind", "kind"): (
        'id = "bad.nokind"',
        "falta este campo obligatorio (pista: tipos válidos: choice, numeric, predict, open,",
        "required field is missing (hint: valid kinds: choice, numeric, predict, open,",
    ),
    ("bad.type", "varies"): (
        "varies =",
        "debe ser true o false, pero es un texto",
        "must be true or false; got text",
    ),
    ("bad.empty", "prompt"): (
        'prompt = "   "',
        "no debe estar vacío ni tener solo espacios (pista: escribe aquí el texto que lee el "
        "estudiante)",
        "must not be empty or only spaces (hint: write the text the learner reads here)",
    ),
    ("bad.range", "timeout"): (
        "timeout =",
        "debe ser como máximo 60, pero es 100",
        "must be at most 60; got 100",
    ),
    ("bad.demo", "demo"): (
        'demo = "chlidren.py"',
        "no está el fichero de la demo en {demos} (pista: ¿querías decir 'children.py'?)",
        "demo file not found in {demos} (hint: did you mean 'children.py'?)",
    ),
    ("bad.proof", "proof"): (
        "proof =",
        f"una parte de una prueba nombra exactamente uno de {PARTS} (esta: `line`, `order`) "
        '(pista: por ejemplo proof = { line = "in input order: True" })',
        f"a proof part names exactly one of {PARTS} (this one: `line`, `order`) (hint: for "
        'example proof = { line = "in input order: True" })',
    ),
}
WORDS = {"es": ("pregunta", "campo"), "en": ("question", "field")}


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini pack with a question file holding one mistake per question, and a file
    that is not valid TOML."""
    root = Path(shutil.copytree(FIXTURES / "mini", tmp_path_factory.mktemp("p") / "pack"))
    (root / "questions" / "broken.toml").write_text(BROKEN, encoding="utf-8")
    (root / "questions" / "syntax.toml").write_text(BROKEN_TOML, encoding="utf-8")
    return root


def _line_of(start: str, qid: str) -> int:
    """The line of BROKEN that starts with `start` in the question `qid`."""
    lines = BROKEN.splitlines()
    first = lines.index(f'id = "{qid}"')
    while not (first and lines[first - 1] == "[[question]]"):
        first -= 1
    return next(i for i, line in enumerate(lines) if i >= first - 1 and line.startswith(start)) + 1


def _problem_lines(stderr: str) -> list[str]:
    lines = stderr.strip().splitlines()
    assert "Traceback" not in stderr and len(lines) >= 2, stderr
    return lines[:-1]  # the last one counts them


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("command", ["validate", "add"])
def test_each_problem_is_one_line_in_the_learners_language(
    pack: Path, tmp_path: Path, lang: str, command: str
) -> None:
    db = ["--db", f"sqlite:///{tmp_path / 'm.db'}"]
    result = mpquiz("--lang", lang, *db, "pack", command, str(pack))
    assert result.returncode == 2, result.stderr
    lines = _problem_lines(result.stderr)
    broken, demos = pack / "questions" / "broken.toml", pack / "demos"
    question, field = WORDS[lang]
    for (qid, name), (start, spanish, english) in EXPECTED.items():
        said = (spanish if lang == "es" else english).replace("{demos}", str(demos))
        where = f"{broken}:{_line_of(start, qid)}: {question} {qid}: {field} {name}: "
        assert any(line.startswith(where) and said in line for line in lines), (where, lines)
    syntax = {
        "es": "TOML no válido: se esperaba un salto de línea o el final del fichero tras una "
        "instrucción (en la línea 2, columna 10)",
        "en": "invalid TOML: Expected newline or end of document after a statement (at line "
        "2, column 10)",
    }
    assert f"{pack / 'questions' / 'syntax.toml'}:2: {syntax[lang]}" in lines
    if lang == "es":
        assert english_sentences(result.stdout + result.stderr) == []
        assert not any("hint:" in line or "question " in line for line in lines)
        last = result.stderr.strip().splitlines()[-1]
        assert last.startswith(f"{len(lines)} problemas en {pack}"), last


def test_json_keeps_english_and_adds_the_keys_whatever_the_language(pack: Path) -> None:
    result = mpquiz("--lang", "es", "pack", "validate", str(pack), "--json")
    assert result.returncode == 2 and result.stderr == ""
    problems = json.loads(result.stdout)["problems"]
    by_place = {(p["qid"], p["field"]): p for p in problems}
    kind = by_place[("bad.nokind", "kind")]
    assert kind["message"] == "required field is missing"
    assert kind["key"] == "pack.problem.missing" and kind["params"] == {}
    assert kind["hint"].startswith("valid kinds: choice, numeric")
    assert kind["hint_key"] == "pack.hint.valid_kinds"
    varies = by_place[("bad.type", "varies")]
    assert varies["message"] == "must be true or false; got text"
    assert varies["params"] == {
        "expected": {"key": "pack.problem.type.bool", "params": {}},
        "got": {"key": "pack.type.text", "params": {}},
    }
    assert varies["hint"] is None and varies["hint_key"] is None
    toml = by_place[(None, None)]
    assert toml["key"] == "pack.problem.toml" and toml["line"] == 2
    assert toml["params"]["detail"]["params"]["column"] == 10
