"""A scripted `review --plain` through a real subprocess, checked through `stats --json`."""

from __future__ import annotations

import json
from pathlib import Path

from mpquiz import paths
from mpquiz.core.model import Kind, Question
from mpquiz.packs.loader import load_pack
from tests.cli.test_cli import mpquiz


def _builtin_in_order() -> list[Question]:
    pack = load_pack(paths.builtin_pack_dir(), demos_dir=paths.builtin_demos_dir())
    return list(pack.questions)


def _right_answer(q: Question) -> str:
    if q.kind is Kind.CHOICE:
        return ",".join(str(i + 1) for i in sorted(q.correct_options)) + "\n"
    if q.kind is Kind.NUMERIC:
        assert q.answer is not None
        value = (
            q.answer.value
            if q.answer.value is not None
            else (q.answer.min if q.answer.min is not None else q.answer.max)
        )
        return f"{value}\n"
    if q.kind is Kind.PREDICT and q.candidates:
        from mpquiz.core.outputs import matches

        index = next(i for i, c in enumerate(q.candidates) if matches(q.match, q.expected, c))
        return f"{index + 1}\n"
    if q.kind is Kind.PREDICT:
        return q.expected.strip("\n") + "\n\n"
    return "A child process has its own memory.\n\n3\n"


def _stats(db: str) -> dict:
    result = mpquiz("--db", db, "stats", "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_scripted_review_is_stored_and_counted(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'x.db'}"
    questions = _builtin_in_order()[:3]
    before = _stats(db)
    assert before["reviews"] == 0 and before["new_today"] == 10

    script = "".join(_right_answer(q) for q in questions)
    result = mpquiz("--db", db, "--lang", "en", "review", "--plain", "--new", "3", stdin=script)
    assert result.returncode == 0, result.stderr
    assert "Answered 3, right 3." in result.stdout
    assert result.stdout.count("Confirmed") == 3
    assert "── demo:" in result.stdout  # the real output was shown

    after = _stats(db)
    assert after["reviews"] == 3 and after["correct"] == 3
    assert after["new_available"] == before["new_available"] - 3
    assert after["new_today"] == before["new_today"] - 3
    assert sum(t["reviews"] for t in after["topics"]) == 3

    # the same learner, right after: nothing is due, and the answered ones are not new
    again = mpquiz("--db", db, "review", "--plain", "--new", "3", stdin="")
    assert again.returncode == 0
    assert "Nothing is due" in again.stdout


def test_end_of_input_keeps_every_answer_given(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'y.db'}"
    first = _builtin_in_order()[0]
    result = mpquiz("--db", db, "--lang", "es", "review", "--plain", stdin=_right_answer(first))
    assert result.returncode == 0, result.stderr
    assert "Respondidas 1" in result.stdout and "Sesión detenida" in result.stdout
    assert _stats(db)["reviews"] == 1


def test_a_wrong_answer_is_corrected_and_rated_again(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'z.db'}"
    choice = next(q for q in _builtin_in_order() if q.kind is Kind.CHOICE)
    wrong = next(i for i in range(len(choice.options)) if i not in choice.correct_options)
    # answer questions of that topic until the choice question, wrongly
    topic_questions = [q for q in _builtin_in_order() if q.topic == choice.topic]
    before = topic_questions[: topic_questions.index(choice)]
    script = "".join(_right_answer(q) for q in before) + f"{wrong + 1}\n"
    result = mpquiz(
        "--db",
        db,
        "--lang",
        "en",
        "review",
        "--plain",
        "--topic",
        choice.topic,
        "--new",
        str(len(before) + 1),
        stdin=script,
    )
    assert result.returncode == 0, result.stderr
    assert "Corrected" in result.stdout and "Rated Again" in result.stdout
    stats = _stats(db)
    assert stats["reviews"] == len(before) + 1 and stats["correct"] == len(before)
