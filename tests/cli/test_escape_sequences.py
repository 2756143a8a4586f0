"""Text from packs, databases and demos is shown, never obeyed, on every command's output.

A pack whose texts and demo output carry escape sequences (clear screen, window title,
OSC 52 clipboard, C1 CSI, bell, carriage return, right-to-left override), a database
whose rows were edited to carry them, and a learner named with them: no such byte may
reach a piped session's output, and each shows as a visible picture (␛, ␇, ⟨U+009B⟩).
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.cli.test_cli import mpquiz
from tests.support.hostile_text import ESCAPES, ODD_FILE, RAW, hostile_pack

pytestmark = pytest.mark.slow


def _clean(*outputs: str) -> None:
    for output in outputs:
        found = RAW.search(output)
        assert found is None, f"{found.group()!r} reached the output:\n{output!r}"


@pytest.fixture
def url(tmp_path: Path) -> str:
    db = f"sqlite:///{tmp_path / 'x.db'}"
    added = mpquiz("--db", db, "pack", "add", str(hostile_pack(tmp_path)))
    assert added.returncode == 0, added.stderr
    trusted = mpquiz("--db", db, "--lang", "en", "pack", "trust", "mini", "--yes")
    assert trusted.returncode == 0, trusted.stderr
    _clean(added.stdout, added.stderr, trusted.stdout, trusted.stderr)
    assert "␛]0;file␇.txt" in trusted.stdout  # the odd file name, listed visibly
    return db


def test_a_piped_review_shows_every_escape_inert(url: str) -> None:
    script = "2\n3\nchild 0\nchild 1\njoined 2\n\nIt waits.\n\n3\n"
    result = mpquiz(
        "--db", url, "--lang", "en", "review", "--plain", "--pack", "mini", stdin=script
    )
    assert result.returncode == 0, result.stderr
    _clean(result.stdout, result.stderr)
    out = result.stdout
    assert "␛[2J␛]0;pwned␇␛]52;c;aGVsbG8=␇⟨U+009B⟩2J␇␍X⟨U+202E⟩" in out
    # in the prompt, the option picked, its feedback, the explanation, the model answer,
    # the topic title and the demo's output
    assert out.count("␛]52;c;aGVsbG8=") >= 7
    assert "Answered 4" in out


def test_listings_show_every_escape_inert(url: str, tmp_path: Path) -> None:
    learner = f"ana{ESCAPES}"
    answered = mpquiz(
        "--db", url, "--learner", learner, "review", "--plain", "--pack", "mini", "--new", "1",
        stdin="2\n",
    )  # fmt: skip
    assert answered.returncode == 0, answered.stderr
    for args in (
        ["pack", "list"],
        ["pack", "list", "--json"],
        ["--learner", learner, "stats"],
        ["--learner", learner, "stats", "--json"],
        ["class", "report"],
        ["class", "report", "--format", "json"],
        ["class", "report", "--format", "csv"],
        ["class", "export"],
        ["--learner", learner, "exam", "--plain", "-n", "2", "--pack", "mini"],
    ):
        result = mpquiz("--db", url, "--lang", "en", *args, stdin="2\n1\n")
        assert result.returncode == 0, (args, result.stderr)
        _clean(result.stdout, result.stderr)
        assert "␛" in result.stdout or "\\u241b" in result.stdout, (args, result.stdout)


def test_edited_database_rows_show_inert(url: str, tmp_path: Path) -> None:
    """Rows written by anyone who can write to a shared database."""
    db = tmp_path / "x.db"
    with sqlite3.connect(db) as conn:
        conn.execute(
            "UPDATE pack SET title = ?, topics = ? WHERE id = 'mp-course'",
            (json.dumps({"en": f"Course{ESCAPES}"}), json.dumps({"lock": {"en": f"L{ESCAPES}"}})),
        )
        rows = conn.execute("SELECT id, data FROM question WHERE pack_id = 'mp-course'")
        for qid, data in rows.fetchall():
            question = json.loads(data)
            question["prompt"] = {"en": f"Edited {ESCAPES}"}
            question["expected"] = f"out {ESCAPES}"
            question["qid"] = question["qid"] + ESCAPES
            conn.execute("UPDATE question SET data = ? WHERE id = ?", (json.dumps(question), qid))
    for args, stdin in (
        (["review", "--plain", "--new", "2"], "1\n\n1\n\n"),
        (["pack", "list"], ""),
        (["stats"], ""),
    ):
        result = mpquiz("--db", url, "--lang", "en", *args, stdin=stdin)
        assert result.returncode == 0, (args, result.stderr)
        _clean(result.stdout, result.stderr)
    assert "Edited ␛[2J" in mpquiz("--db", url, "review", "--plain", stdin="1\n").stdout


def test_validation_problems_show_escapes_inert(tmp_path: Path) -> None:
    pack = hostile_pack(tmp_path)
    questions = pack / "questions" / "basics.toml"
    questions.write_text(
        questions.read_text().replace(
            'topic = "more"', 'topic = "more"\n"\\u001b[2Jtopik" = "x"', 1
        )
    )
    result = mpquiz("pack", "validate", str(pack))
    assert result.returncode == 2
    _clean(result.stdout, result.stderr)
    assert "␛[2Jtopik" in result.stderr or "\\u001b[2Jtopik" in result.stderr
    as_json = mpquiz("pack", "validate", str(pack), "--json")
    _clean(as_json.stdout)
    assert ODD_FILE not in as_json.stdout
