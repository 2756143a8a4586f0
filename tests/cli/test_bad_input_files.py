"""Pack folders a learner may be handed, through the real CLI: links, huge numbers, empty texts.

`pack validate` and `pack add` name each problem on one line (file, line, question,
field), exit with 2 and never print a traceback or "internal error". A link may only
lead to a file inside the pack, which is then copied as that file; any other link (out of
the pack, to a folder, nowhere, in a loop) and any special file is refused, nothing is
installed, no staging folder is left behind, and the pack folder is as it was.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.test_cli import mpquiz
from tests.conftest import FIXTURES

pytestmark = pytest.mark.slow
MINI = FIXTURES / "mini"
QUESTIONS = Path("questions") / "basics.toml"


def _state(folder: Path) -> dict[str, str]:
    """Every entry under `folder` without following links: a file's hash, a link's target."""
    found: dict[str, str] = {}
    for base, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(base, name)
            rel = str(path.relative_to(folder))
            if path.is_symlink():
                found[rel] = "-> " + os.readlink(path)
            elif path.is_file():
                found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                found[rel] = "folder" if path.is_dir() else "special"
    return found


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    """A copy of the valid mini pack."""
    return Path(shutil.copytree(MINI, tmp_path / "pack"))


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the pack with a secret key and a copy of every pack file."""
    folder = tmp_path / "elsewhere"
    shutil.copytree(MINI, folder)
    (folder / "id_rsa").write_text("-----BEGIN OPENSSH PRIVATE KEY-----\nsecret\n")
    return folder


def _problems(result: subprocess.CompletedProcess[str]) -> list[str]:
    """The problem lines of a failed validate or add, checked for the common promises."""
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert re.fullmatch(r"\d+ problems? in .*", lines[-1]), lines
    return lines[:-1]


def _staging_left(home: Path) -> list[str]:
    packs = home / "data" / "packs"
    return [p.name for p in packs.iterdir()] if packs.is_dir() else []


LinkMaker = Callable[[Path, Path], Path]


def _link(rel: str, target: Callable[[Path, Path], str | Path]) -> LinkMaker:
    def make(pack: Path, outside: Path) -> Path:
        path = pack / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        elif path.exists() or path.is_symlink():
            path.unlink()
        path.symlink_to(target(pack, outside))
        return path

    return make


LINKS: dict[str, tuple[LinkMaker, str]] = {
    "pack.toml-out": (_link("pack.toml", lambda p, o: o / "pack.toml"), "outside the pack"),
    "questions-out": (
        _link("questions/basics.toml", lambda p, o: o / QUESTIONS),
        "outside the pack",
    ),
    "key-as-question": (_link("questions/key.toml", lambda p, o: o / "id_rsa"), "outside"),
    "demo-out": (_link("demos/exitcode.py", lambda p, o: o / "demos/exitcode.py"), "outside"),
    "nested-key": (_link("demos/data/deep/id_rsa", lambda p, o: o / "id_rsa"), "outside"),
    "readme-key": (_link("README.md", lambda p, o: o / "id_rsa"), "outside the pack"),
    "dangling": (_link("demos/gone.py", lambda p, o: "nowhere.py"), "broken symbolic link"),
    "dangling-toml": (_link("questions/gone.toml", lambda p, o: o / "nope"), "broken"),
    "self-loop": (_link("questions/loop.toml", lambda p, o: "loop.toml"), "loops back"),
    "folder-out": (_link("demos/lib", lambda p, o: o / "demos"), "outside the pack"),
    "folder-in": (_link("demos/again", lambda p, o: "."), "symbolic link to a folder"),
    "questions-folder": (_link("questions", lambda p, o: o / "questions"), "outside"),
}


@pytest.mark.parametrize("case", LINKS)
def test_a_link_that_leaves_the_pack_or_leads_nowhere_is_refused_by_name(
    pack: Path, outside: Path, case: str, _isolated_home: Path
) -> None:
    make, words = LINKS[case]
    link = make(pack, outside)
    before, elsewhere = _state(pack), _state(outside)
    db = ["--db", f"sqlite:///{pack.parent / 'mpquiz.db'}", "--lang", "en"]
    for command in ("validate", "add"):
        lines = _problems(mpquiz(*db, "pack", command, str(pack)))
        assert any(line.startswith(f"{link}: ") and words in line for line in lines), lines
        assert "secret" not in "\n".join(lines)
    assert _staging_left(_isolated_home) == []  # no staging copy, nothing installed
    assert _state(pack) == before and _state(outside) == elsewhere


def test_two_links_round_in_a_loop_are_refused(pack: Path, _isolated_home: Path) -> None:
    (pack / "demos" / "a.py").symlink_to("b.py")
    (pack / "demos" / "b.py").symlink_to("a.py")
    lines = _problems(mpquiz("pack", "add", str(pack)))
    assert {line.split(": ")[0] for line in lines} == {
        str(pack / "demos" / "a.py"),
        str(pack / "demos" / "b.py"),
    }
    assert all("loops back on itself" in line for line in lines)
    assert _staging_left(_isolated_home) == []


def test_a_pipe_in_the_pack_is_refused_without_hanging(pack: Path, _isolated_home: Path) -> None:
    os.mkfifo(pack / "demos" / "pipe")
    for command in ("validate", "add"):
        lines = _problems(mpquiz("pack", command, str(pack), timeout=60))
        assert lines == [
            f"{pack / 'demos' / 'pipe'}: not a regular file (a pipe, a device or a socket) "
            "(hint: packs hold their own files: put the file itself here (cp -L), or remove "
            "the link)"
        ]
    assert _staging_left(_isolated_home) == []


def test_a_link_to_a_file_inside_the_pack_is_installed_as_that_file(
    pack: Path, tmp_path: Path, _isolated_home: Path
) -> None:
    kept = pack / "sources" / "basics.toml"
    kept.parent.mkdir()
    (pack / QUESTIONS).rename(kept)
    (pack / QUESTIONS).symlink_to(Path("..") / "sources" / "basics.toml")
    (pack / "demos" / "copy.py").symlink_to("exitcode.py")
    db = ["--db", f"sqlite:///{tmp_path / 'mpquiz.db'}", "--lang", "en"]
    added = mpquiz(*db, "pack", "add", str(pack))
    assert added.returncode == 0, added.stderr
    installed = _isolated_home / "data" / "packs" / "mini"
    for rel, original in ((QUESTIONS, kept), (Path("demos/copy.py"), pack / "demos/exitcode.py")):
        assert not (installed / rel).is_symlink()
        assert (installed / rel).read_bytes() == original.read_bytes()
    out = tmp_path / "mini.zip"
    assert mpquiz(*db, "pack", "export", "mini", "-o", str(out)).returncode == 0
    with zipfile.ZipFile(out) as zf:
        assert zf.read("mini/questions/basics.toml") == kept.read_bytes()
    assert [p for p in _staging_left(_isolated_home) if p.startswith(".")] == []


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


HUGE = "1" + "0" * 400
TOO_LONG = "9" * 4400
BAD_NUMBERS: dict[str, tuple[str, str, str, str]] = {
    # name: (file, old, new, "field: words" expected in the problem line)
    "answer-400-digits": (
        str(QUESTIONS),
        "answer = 3",
        f"answer = {HUGE}",
        "field answer: number too large: a number of about 401 digits",
    ),
    "answer-value-inf": (
        str(QUESTIONS),
        "answer = 3",
        "answer = { value = 1e400 }",
        "field answer.value: must be a finite number; got inf",
    ),
    "answer-nan": (
        str(QUESTIONS),
        "answer = 3",
        "answer = nan",
        "field answer: must be a finite number; got nan",
    ),
    "tolerance-inf": (
        str(QUESTIONS),
        "answer = 3",
        "answer = { value = 3, tolerance = inf }",
        "field answer.tolerance: must be a finite number; got inf",
    ),
    "max-400-digits": (
        str(QUESTIONS),
        "answer = 3",
        f"answer = {{ min = 1, max = {HUGE} }}",
        "field answer.max: number too large: a number of about 401 digits",
    ),
    "timeout-400-digits": (
        str(QUESTIONS),
        "answer = 3",
        f"answer = 3\ntimeout = {HUGE}",
        "field timeout: number too large: a number of about 401 digits",
    ),
    "timeout-hex-6000-digits": (
        str(QUESTIONS),
        "answer = 3",
        "answer = 3\ntimeout = 0x" + "f" * 5000,
        "field timeout: number too large: a number of about 6021 digits",
    ),
    "id-hex-6000-digits": (
        str(QUESTIONS),
        'id = "basics.children"',
        "id = 0x" + "f" * 5000,
        "field id: must be a text in quotes; got number",
    ),
    "demo-timeout-400-digits": (
        "pack.toml",
        "demo_timeout = 5",
        f"demo_timeout = {HUGE}",
        "field pack.demo_timeout: number too large",
    ),
    "version-long": (
        "pack.toml",
        'version = "1.0.0"',
        f'version = "1.{TOO_LONG}"',
        "field pack.version: invalid value",
    ),
}
TOO_LONG_TO_READ: dict[str, tuple[str, str, str]] = {
    "answer": (str(QUESTIONS), "answer = 3", f"answer = {TOO_LONG}"),
    "demo_timeout": ("pack.toml", "demo_timeout = 5", f"demo_timeout = {TOO_LONG}"),
    "timeout": (str(QUESTIONS), "answer = 3", f"answer = 3\ntimeout = -{TOO_LONG}"),
}


@pytest.mark.parametrize("case", BAD_NUMBERS)
def test_a_huge_or_endless_number_is_a_clear_problem(pack: Path, case: str) -> None:
    file, old, new, words = BAD_NUMBERS[case]
    _edit(pack / file, old, new)
    lines = _problems(mpquiz("pack", "validate", str(pack)))
    assert any(line.startswith(f"{pack / file}:") and words in line for line in lines), lines
    assert all(len(line) < 1000 for line in lines)


@pytest.mark.parametrize("case", TOO_LONG_TO_READ)
def test_a_number_past_4300_digits_names_its_line(pack: Path, case: str) -> None:
    file, old, new = TOO_LONG_TO_READ[case]
    _edit(pack / file, old, new)
    line_no = (pack / file).read_text(encoding="utf-8").splitlines().index(new.splitlines()[-1])
    lines = _problems(mpquiz("pack", "add", str(pack)))
    assert lines[0].startswith(f"{pack / file}:{line_no + 1}: a number has more than 4300 digits")


EMPTY_TEXTS: dict[str, tuple[str, str, str, str]] = {
    # name: (file, old, new, "question QID: field FIELD" expected in the problem line)
    "prompt-empty": (
        str(QUESTIONS),
        'prompt = { es = "¿Qué exitcode tiene',
        'prompt = ""\nunused = { es = "¿Qué exitcode tiene',
        "question basics.exitcode: field prompt: must not be empty",
    ),
    "prompt-spaces": (
        str(QUESTIONS),
        'prompt = { es = "¿Qué imprime?", en = "What does it print?" }',
        'prompt = "   "',
        "question basics.children: field prompt: must not be empty",
    ),
    "prompt-es-empty": (
        str(QUESTIONS),
        'prompt = { es = "¿Qué imprime?"',
        'prompt = { es = ""',
        "question basics.children: field prompt: empty text in es",
    ),
    "explain-en-spaces": (
        str(QUESTIONS),
        'en = "join waits for the child." }',
        'en = " \t " }',
        "question more.why: field explain: empty text in en",
    ),
    "option-text": (
        str(QUESTIONS),
        '{ text = { es = "3", en = "3" }, correct = true }',
        '{ text = { es = "3", en = "  " }, correct = true }',
        "question basics.exitcode: field options.0.text: empty text in en",
    ),
    "feedback-spaces": (
        str(QUESTIONS),
        'feedback = { es = "1 es para una excepción.", en = "1 is for an exception." }',
        'feedback = " "',
        "question basics.exitcode: field options.2.feedback: must not be empty",
    ),
    "model-answer-empty": (
        str(QUESTIONS),
        'model_answer = { es = "Para esperar a que el hijo termine.", en = "To wait until '
        'the child ends." }',
        'model_answer = ""',
        "question more.why: field model_answer: must not be empty",
    ),
    "model-answer-both-blank": (
        str(QUESTIONS),
        'model_answer = { es = "Para esperar a que el hijo termine.", en = "To wait until '
        'the child ends." }',
        'model_answer = { es = "", en = " " }',
        "question more.why: field model_answer: empty text in es, en",
    ),
    "key-point": (
        str(QUESTIONS),
        'key_points = [ { es = "espera", en = "waits" } ]',
        'key_points = [ "  " ]',
        "question more.why: field key_points.0: must not be empty",
    ),
    "pack-title": (
        "pack.toml",
        'title = { es = "Mini", en = "Mini" }',
        'title = { es = "Mini", en = "" }',
        "field pack.title: empty text in en",
    ),
    "pack-title-plain": (
        "pack.toml",
        'title = { es = "Mini", en = "Mini" }',
        'title = " "',
        "field pack.title: must not be empty",
    ),
    "topic-title": (
        "pack.toml",
        'basics = { es = "Básico", en = "Basics" }',
        'basics = { es = "  ", en = "Basics" }',
        "field topics.basics: empty text in es",
    ),
}


@pytest.mark.parametrize("case", EMPTY_TEXTS)
def test_an_empty_text_in_a_required_field_is_a_clear_problem(pack: Path, case: str) -> None:
    file, old, new, words = EMPTY_TEXTS[case]
    _edit(pack / file, old, new)
    if case == "prompt-empty":  # keep the file valid apart from the empty prompt
        _edit(pack / file, "\nunused = ", "\n# ")
    lines = _problems(mpquiz("pack", "validate", str(pack)))
    assert any(re.match(rf"{re.escape(str(pack / file))}:\d+: ", line) for line in lines)
    assert any(words in line for line in lines), lines


def test_an_empty_text_is_reported_even_when_the_question_has_other_problems(
    pack: Path,
) -> None:
    _edit(
        pack / QUESTIONS,
        'prompt = { es = "¿Qué imprime?", en = "What does it print?" }',
        'prompt = " "\nexpectd = "x"',
    )
    lines = _problems(mpquiz("pack", "validate", str(pack)))
    assert any("question basics.children: field prompt: must not be empty" in x for x in lines)
    assert any("field expectd: unknown field" in x for x in lines)
