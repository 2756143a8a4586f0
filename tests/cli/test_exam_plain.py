"""`mpquiz exam --plain` through a real subprocess."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_cli import mpquiz


def test_plain_exam_scores_and_keeps_answers(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'e.db'}"
    result = mpquiz(
        "--db",
        db,
        "--lang",
        "en",
        "exam",
        "--plain",
        "-n",
        "3",
        "--seed",
        "5",
        "--topic",
        "lock",
        stdin="1\n-\n",
    )
    assert result.returncode == 0, result.stderr
    assert "Exam: 3 questions" in result.stdout and " of 3 right (" in result.stdout
    assert "(not answered)" in result.stdout  # the skipped and the unreached question
    stats = json.loads(mpquiz("--db", db, "stats", "--json").stdout)
    assert stats["reviews"] == 1  # only the answered question was stored
    again = mpquiz(
        "--db",
        db,
        "--lang",
        "es",
        "exam",
        "--plain",
        "-n",
        "2",
        "--seed",
        "5",
        "--topic",
        "lock",
        stdin="",
    )
    assert again.returncode == 0 and "Tendencia:" in again.stdout and "Aciertos: " in again.stdout


def test_exam_with_an_unknown_topic_is_refused(tmp_path: Path) -> None:
    result = mpquiz("--db", f"sqlite:///{tmp_path / 'e.db'}", "exam", "--plain", "--topic", "nope")
    assert result.returncode == 2 and "nope" in result.stderr
