"""In Spanish, the command line says nothing in English: every command's --help, the
main error paths and a plain review, checked line by line with tests/support/english.py.

The demos' programs and what they print are Python and English on purpose
(docs/course.md, "Why the demos speak English in both languages"), so the plain review's
lines that are a demo's source, its output or a candidate output are left out.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import click
import pytest

from mpquiz import paths
from mpquiz.packs.loader import load_pack
from tests.cli.test_cli import COMMANDS
from tests.conftest import FIXTURES, ROOT
from tests.support import zygote
from tests.support.english import english_sentences

# One xdist worker runs them all (pytest -n 2 --dist loadgroup): the cases run once.
pytestmark = pytest.mark.xdist_group("cli-spanish")


def _command_paths(command: click.Command, words: tuple[str, ...] = ()) -> Iterator[list[str]]:
    """Every command and subcommand of the command line, as the words that name it."""
    yield list(words)
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            yield from _command_paths(sub, (*words, name))


def _every_command() -> list[list[str]]:
    from mpquiz.cli.main import command

    return sorted(_command_paths(command("es")))


def test_every_help_is_spanish() -> None:
    commands = _every_command()
    assert sorted(map(tuple, COMMANDS)) == sorted(map(tuple, commands))  # the other test's too
    script = Path(__file__).with_name("help_texts.py")
    result = subprocess.run(
        [sys.executable, str(script), json.dumps(commands)],
        capture_output=True,
        text=True,
        env={**os.environ, "MPQUIZ_LANG": "es", "COLUMNS": "100"},
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    helps: dict[str, list[object]] = json.loads(result.stdout)
    assert len(helps) == len(commands)
    english = {cmd: english_sentences(str(text)) for cmd, (_code, text) in helps.items()}
    assert {cmd: lines for cmd, lines in english.items() if lines} == {}
    assert all(str(text).startswith("Uso:") for _code, text in helps.values())


@dataclass(frozen=True)
class Case:
    """A command line and what it needs: a file written first, an input, its exit code."""

    args: tuple[str, ...]
    code: int
    files: tuple[tuple[str, str], ...] = ()
    stdin: str = ""


# "{tmp}" is the test's folder; every case has its own database in it.
CASES: dict[str, Case] = {
    "unknown-command": Case(("frobnicate",), 2),
    "unknown-subcommand": Case(("pack", "frobnicate"), 2),
    "unknown-option": Case(("stats", "--frob"), 2),
    "unknown-global-option": Case(("--frob",), 2),
    "bad-number": Case(("review", "--new", "x"), 2),
    "out-of-range": Case(("exam", "-n", "500"), 2),
    "missing-argument": Case(("pack", "add"), 2),
    "missing-value": Case(("exam", "--minutes"), 2),
    "bad-language": Case(("--lang", "fr", "stats"), 2),
    "unknown-setting-in-file": Case(
        ("--config", "{tmp}/colour.toml", "stats"), 2, (("colour.toml", "colour = 'blue'\n"),)
    ),
    "bad-setting-value": Case(
        ("--config", "{tmp}/many.toml", "stats"), 2, (("many.toml", "new_per_day = 'many'\n"),)
    ),
    "config-set-unknown": Case(("--config", "{tmp}/c.toml", "config", "set", "colour", "x"), 2),
    "restore-without-backups": Case(("db", "restore", "--yes"), 3),
    "stats-on-an-empty-database": Case(("stats",), 0),
    "no-such-pack": Case(("pack", "remove", "nosuch"), 2),
    "no-such-demo": Case(("demo", "run", "nosuch"), 2),
    "no-such-exercise": Case(("exercise", "start", "nosuch", "{tmp}/x.py"), 2),
    "a-group-alone": Case(("pack",), 2),
    "demo-list": Case(("demo", "list"), 0),
    "exercise-list": Case(("exercise", "list"), 0),
    "class-report": Case(("class", "report"), 0),
    "db-check": Case(("db", "check"), 3),
    "config": Case(("--config", "{tmp}/c.toml", "config"), 0),
    "exam-plain": Case(("exam", "--plain", "-n", "2", "--seed", "3"), 0, stdin="1\n1\n"),
    "review-plain": Case(("review", "--plain", "--new", "3"), 0, stdin="1\n\n1\n1\n"),
    "review-plain-quit": Case(("review", "--plain"), 0, stdin=":q\n"),
    "pack-list": Case(("pack", "list"), 0),
    "invalid-toml-settings": Case(
        ("--config", "{tmp}/broken.toml", "stats"), 2, (("broken.toml", "new_per_day = = 3\n"),)
    ),
    "validate-misspelt-fields": Case(
        ("pack", "validate", str(FIXTURES / "packs" / "broken-typos")), 2
    ),
    "validate-broken-toml": Case(("pack", "validate", str(FIXTURES / "packs" / "broken-toml")), 2),
    "validate-no-pack": Case(("pack", "validate", str(FIXTURES / "packs" / "not-a-pack")), 2),
}


def _program_lines() -> set[str]:
    """Every line of the built-in course's programs and of its expected and candidate
    outputs: Python and English on purpose."""
    lines: set[str] = set()
    for program in paths.builtin_demos_dir().rglob("*.py"):
        lines.update(program.read_text(encoding="utf-8").splitlines())
    for recorded in (paths.builtin_demos_dir() / "recorded").glob("*.json"):  # kept runs
        lines.update(json.loads(recorded.read_text(encoding="utf-8"))["output"].splitlines())
    pack = load_pack(paths.builtin_pack_dir(), demos_dir=paths.builtin_demos_dir())
    for question in pack.questions:
        for text in (getattr(question, "expected", ""), *getattr(question, "candidates", ())):
            lines.update(str(text or "").splitlines())
    return {line.strip() for line in lines if line.strip()}


_MARKS = ("▶", "-", "+", "│")


def _learners_lines(output: str, programs: set[str]) -> str:
    """`output` without a demo's source and output, whole lines of program text."""
    kept = []
    in_run = False
    for line in output.splitlines():
        bare = line.strip()
        if bare.startswith("── demo:"):
            in_run = True  # a demo's output follows, up to its exit line
            continue
        if in_run:
            in_run = not bare.startswith("(código de salida")
            if in_run:
                continue
        for mark in _MARKS:
            bare = bare.removeprefix(mark).strip()
        if bare.startswith("(") and bare.endswith(")") and bare[1:-1].isdigit():
            continue
        labelled = bare.split(": ", 1)[-1]  # "Tu respuesta: <a line of output>"
        if bare and bare not in programs and labelled not in programs:
            kept.append(line)
    return "\n".join(kept)


@dataclass(frozen=True)
class Ran:
    """What a case printed."""

    code: int
    stdout: str
    stderr: str


def _run_all(cases: dict[str, Case], tmp: Path, home: Path) -> dict[str, Ran]:
    """Run every case at once, each a real `mpquiz --lang es ...` in a process of its own
    (the command line's language is the process's), on its own database."""
    from concurrent.futures import ThreadPoolExecutor

    def one(name: str) -> Ran:
        case = cases[name]
        folder = tmp / name
        folder.mkdir()
        for file_name, text in case.files:
            (folder / file_name).write_text(text, encoding="utf-8")
        args = [a.replace("{tmp}", str(folder)) for a in case.args]
        db = ["--db", f"sqlite:///{folder / 'm.db'}"]
        env = {**os.environ, "COLUMNS": "100", "MPQUIZ_HOME": str(home)}
        done = zygote.run(["--lang", "es", *db, *args], stdin=case.stdin, env=env, cwd=ROOT,
                          timeout=120)  # fmt: skip
        return Ran(done.returncode, done.stdout, done.stderr)

    with ThreadPoolExecutor(max_workers=8) as pool:
        return dict(zip(cases, pool.map(one, cases), strict=True))


@pytest.fixture(scope="module")
def ran(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Ran]:
    """Every case's output (run once for the module: the cases run side by side)."""
    home = tmp_path_factory.mktemp("home")
    config = home / "config" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text("shuffle_options = false\n", encoding="utf-8")
    cases = dict(CASES)
    return _run_all(cases, tmp_path_factory.mktemp("cases"), home)


def _english_of(name: str, result: Ran) -> list[str]:
    text = result.stdout + "\n" + result.stderr
    if name.startswith(("review-plain", "exam-plain")):
        text = _learners_lines(text, _program_lines())
    return english_sentences(text)


@pytest.mark.parametrize("name", CASES)
def test_the_command_line_speaks_spanish(ran: dict[str, Ran], name: str) -> None:
    result = ran[name]
    assert result.code == CASES[name].code, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert _english_of(name, result) == [], result.stdout + result.stderr


def test_the_plain_review_answered_and_the_program_text_was_left_out(ran: dict[str, Ran]) -> None:
    said = ran["review-plain"].stdout
    assert said.count("── demo:") == 3 and "Calificada" in said
    assert "# a global variable" in said  # the demo's source was shown...
    kept = _learners_lines(said, _program_lines())
    assert "# a global variable" not in kept and "parent before" not in kept.split("\n")[0]
    assert "Por qué:" in kept  # ...and only the program text left out
