"""A scripted `review --plain` through a real subprocess, checked through `stats --json`."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mpquiz import paths
from mpquiz.core.model import ChoiceQuestion, Kind, Question
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
    assert result.stdout.count("✔ Right") == 3
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


def test_a_pack_just_added_can_be_reviewed_after_the_days_new_questions(tmp_path: Path) -> None:
    """The documented way to try a pack (pack add, pack trust, review --pack) works at once,
    however many new questions of the built-in course were answered today."""
    from tests.conftest import FIXTURES

    db = f"sqlite:///{tmp_path / 'n.db'}"
    first = _builtin_in_order()[0]
    used = mpquiz("--db", db, "review", "--plain", "--new", "1", stdin=_right_answer(first))
    assert used.returncode == 0, used.stderr
    again = mpquiz("--db", db, "review", "--plain", "--new", "1", stdin="")
    assert "Nothing is due" in again.stdout
    for args in (["pack", "add", str(FIXTURES / "mini")], ["pack", "trust", "mini", "--yes"]):
        done = mpquiz("--db", db, *args)
        assert done.returncode == 0, done.stderr
    tried = mpquiz("--db", db, "--lang", "en", "review", "--plain", "--pack", "mini", "--new", "1")
    assert tried.returncode == 0, tried.stderr
    assert "Nothing is due" not in tried.stdout
    assert "[1/1]" in tried.stdout, tried.stdout


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
    assert "✘ Not so" in result.stdout and "Rated Again" in result.stdout
    # Not asked again straight away: it comes back when its step is due, or on Enter.
    assert "1 question answered Again comes back in" in result.stdout
    stats = _stats(db)
    assert stats["reviews"] == len(before) + 1 and stats["correct"] == len(before)


GIL_QUESTION = "fundamentals.threads-vs-processes-cpu"


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("taskset") is None, reason="needs taskset (util-linux)")
@pytest.mark.parametrize("right", [True, False], ids=["right", "wrong"])
def test_on_one_core_the_gil_question_never_claims_this_run_shows_it(
    tmp_path: Path, right: bool
) -> None:
    """Pinned to one core no run can show processes beating threads: the verdict grades
    by the key and says this run did not show it, and why."""
    db = f"sqlite:///{tmp_path / 'one-core.db'}"
    questions = [q for q in _builtin_in_order() if q.topic == "fundamentals"]
    gil = next(q for q in questions if q.qid == GIL_QUESTION)
    before = questions[: questions.index(gil)]
    assert isinstance(gil, ChoiceQuestion)
    wrong = next(i for i in range(len(gil.options)) if i not in gil.correct_options)
    answer = _right_answer(gil) if right else f"{wrong + 1}\n"
    script = "".join(_right_answer(q) for q in before) + answer
    command = [sys.executable, "-m", "mpquiz", "--db", db, "--lang", "en", "review", "--plain"]
    command += ["--topic", "fundamentals", "--new", str(len(before) + 1), "--rate", "auto"]
    result = subprocess.run(
        ["taskset", "-c", "0", *command],
        input=script,
        text=True,
        capture_output=True,
        env={**os.environ, "COLUMNS": "100"},
        timeout=240,
    )
    assert result.returncode == 0, result.stderr
    section = result.stdout.split(gil.prompt.get("en"), 1)[1]
    section = section.split("Rated ", 1)[0]
    assert "cores available: 1" in section  # the demo itself saw one core
    headline = (
        "✔ Right by the key, but this run did not show it this time."
        if right
        else "✘ Not so by the key; this run did not show it this time."
    )
    assert headline in section
    assert "only 1 core was available, and it needs 2" in section
    assert "this run shows it" not in section and "agrees" not in result.stdout


def test_rating_shortcuts_follow_the_learners_language() -> None:
    """Spanish takes the initials of its own names (Otra vez, Difícil, Bien, Fácil)."""
    from mpquiz.cli.plain_review import rating_keys
    from mpquiz.core.scheduling import Rating

    spanish, english = rating_keys("es"), rating_keys("en")
    assert [spanish[k] for k in "odbf"] == [Rating.Again, Rating.Hard, Rating.Good, Rating.Easy]
    assert spanish["3"] is Rating.Good and spanish["bien"] is Rating.Good
    assert [english[k] for k in "ahge"] == [Rating.Again, Rating.Hard, Rating.Good, Rating.Easy]
    assert "g" not in spanish and "b" not in english
