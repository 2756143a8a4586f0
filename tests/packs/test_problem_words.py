"""A pack's problems carry their words as message keys and fields (packs.problems): every
key a problem uses is a message of every language, the scans of the code find them, the
English is str(problem), and a pack's errors are worded where they are shown."""

from __future__ import annotations

import re
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from mpquiz.core.refusal import Refusal
from mpquiz.core.verdict import Note
from mpquiz.i18n import LANGUAGES, error_text, has_message
from mpquiz.packs.archive import pack_folder
from mpquiz.packs.loader import load_pack
from mpquiz.packs.problems import PackErrors, PackProblem
from tests.conftest import FIXTURES
from tests.support.catalogs import catalog_keys, maintenance_tool
from tests.test_i18n import KEY_USE

# One xdist worker runs them all (pytest -n 2 --dist loadgroup): the module's fixture once.
pytestmark = pytest.mark.xdist_group("problem-words")

PACKS = Path(__file__).resolve().parents[2] / "src" / "mpquiz" / "packs"
PROBLEM_MODULES = (
    "loader.py", "question_build.py", "pydantic_problems.py", "hints.py", "toml_read.py",
    "proof_checks.py", "question_site.py", "exercise_build.py", "archive.py", "problems.py",
)  # fmt: skip

# Broken question tables, each after the mini pack's questions: one mistake or several.
TABLES = [
    'id = "a"\ntopic = "nope"\nkind = "choise"\nprompt = 3\ndemo = "x/../y.py"\nexplain = ""',
    'id = "b"\ntopic = "basics"\nkind = "numeric"\nprompt = { es = " ", fr = "x" }\n'
    'demo = "exitcode.py"\nexplain = "e"\nanswer = { value = 1, min = 3, max = 2, colour = 1 }\n'
    'evidence = "(?P<value>"\ntimeout = -1\nargs = "x"',
    'id = "c"\ntopic = "basics"\nkind = "predict"\nprompt = "p"\ndemo = "children.py"\n'
    'explain = "e"\nexpected = ""\ncandidates = ["a", "b"]\ncode = "nope"\nmatch = "regex"\n'
    'proof = { all = [{ line = "(" }, { value = "x", is = "about 3" }], line = "x" }',
    'id = "d"\ntopic = "basics"\nkind = "choice"\nprompt = "p"\ndemo = "exitcode.py"\n'
    'explain = "e"\noptions = [{ text = "a", corect = true }]\nvaries = 2020-01-01\n'
    'proof = { output = "x", is = "key" }\nmodel_answer = "m"',
    'id = "e"\ntopic = "basics"\nkind = "exercise"\nprompt = "p"\ndemo = "children.py"\n'
    'explain = "e"\nsolution = "nothere.py"\nreference = "gone.py"\n'
    'checks = [{ name = "a", message = "m", line = "x", match = "lines", cores = 2 },'
    ' { name = "a", message = "m" }, { name = "u", message = "m", uses = ["1x"] },'
    ' { name = "s", message = "m", same_output = false, avoids = ["y"] }]',
]


def _notes(value: object) -> Iterator[Note | Refusal]:
    """Every message in `value` and in its fields."""
    if isinstance(value, Note | Refusal):
        yield value
        for field in value.params.values():
            yield from _notes(field)


def _problems(root: Path) -> list[PackProblem]:
    with pytest.raises(PackErrors) as caught, pack_folder(root) as folder:
        load_pack(folder)
    return caught.value.problems


@pytest.fixture(scope="module")
def problems(tmp_path_factory: pytest.TempPathFactory) -> list[PackProblem]:
    """The problems of many broken packs: the fixtures, broken tables, TOML, zips."""
    tmp = tmp_path_factory.mktemp("broken")
    found = [p for name in ("broken-typos", "broken-toml", "not-a-pack")
             for p in _problems(FIXTURES / "packs" / name)]  # fmt: skip
    root = Path(shutil.copytree(FIXTURES / "mini", tmp / "pack"))
    text = "\n\n".join(f"[[question]]\n{table}" for table in TABLES)
    (root / "questions" / "broken.toml").write_text(text, encoding="utf-8")
    (root / "questions" / "bad.toml").write_bytes(b'x = "\xff"\n')
    (root / "questions" / "syntax.toml").write_text("[a\n", encoding="utf-8")
    (root / "pack.toml").write_text(
        '[pack]\nid = "Mini"\nversion = "x"\ntitle = "t"\nlanguages = ["es"]\ncolour = 1\n'
        "[topicks]\n",
        encoding="utf-8",
    )
    (root / "demos" / "link.py").symlink_to(tmp)
    found += _problems(root)
    (tmp / "not.zip").write_text("no zip", encoding="utf-8")
    found += _problems(tmp / "not.zip")
    with zipfile.ZipFile(tmp / "evil.zip", "w") as zf:
        zf.writestr("../evil.py", "x")
        zf.writestr("/abs.py", "x")
    found += _problems(tmp / "evil.zip")
    return found


def test_every_key_a_problem_uses_is_a_message_in_every_language(
    problems: list[PackProblem],
) -> None:
    used = {n.key for p in problems for note in (p.note, p.hint_note) for n in _notes(note)}
    assert len(problems) > 40 and len(used) > 50  # a real sample
    assert sorted(k for k in used if not has_message(k)) == []
    for problem in problems:
        assert str(problem) == problem.in_language("en")
        for lang in LANGUAGES:
            line = problem.in_language(lang)
            assert "\n" not in line and line.startswith(problem.file)


def test_the_code_scans_find_every_key_of_the_problem_modules() -> None:
    """tests/test_i18n.py's scan and tools/i18n.py's extraction see the keys the pack
    modules write (Note("pack.problem...")), so a missing one fails the tests."""
    in_code = set(maintenance_tool().keys_in_code())
    known = set(catalog_keys())
    for name in PROBLEM_MODULES:
        text = (PACKS / name).read_text(encoding="utf-8")
        scanned = set(KEY_USE.findall(text))
        written = set(re.findall(r'Note\(\s*"([a-z_.0-9]+)"', text))
        assert written <= scanned <= in_code and scanned <= known, name
    problem_keys = [k for k in in_code if k.startswith(("pack.problem.", "pack.hint.", "toml."))]
    assert len(problem_keys) > 150


def test_a_pack_error_is_worded_where_it_is_shown(problems: list[PackProblem]) -> None:
    many = PackErrors(problems[:3])
    assert str(many) == f"{problems[0]} (and 2 more)"
    assert error_text(many, "es") == f"{problems[0].in_language('es')} (y 2 más)"
    one = PackErrors(problems[:1])
    assert str(one) == str(problems[0]) and error_text(one, "es") == problems[0].in_language("es")
    assert error_text(PackErrors([]), "es") == "paquete no válido"


def test_names_inside_a_zip_are_shown_as_in_the_zip(tmp_path: Path) -> None:
    root = Path(shutil.copytree(FIXTURES / "packs" / "broken-typos", tmp_path / "typos"))
    with zipfile.ZipFile(tmp_path / "typos.zip", "w") as zf:
        for path in sorted(root.rglob("*")):
            zf.write(path, f"typos/{path.relative_to(root)}")
    found = {p.field: p for p in _problems(tmp_path / "typos.zip")}
    demo = found["demo"]
    assert demo.file == "typos.zip/typos/questions/typos.toml"
    assert demo.message == "demo file not found in typos.zip/typos/demos"
    assert "en typos.zip/typos/demos (pista:" in demo.in_language("es")
