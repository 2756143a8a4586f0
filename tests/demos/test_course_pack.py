"""The built-in course as the issue asks for it: counts, languages, shown code, proved keys.

The pack is read with mpquiz's own loader, so every format rule it enforces holds here
too. The keys are proved against real output under the default start method by
tests/session/test_keycheck.py (`mpquiz pack validate data --run`); here the predict and
measured keys are proved again under forkserver, the default on Linux from Python 3.14
(spawn, the default on macOS and Windows, in CI: .ci/keys-on-every-python), by the same
check.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import assert_never

import pytest

from mpquiz.core.model import (
    ChoiceQuestion,
    ExerciseQuestion,
    Kind,
    NumericQuestion,
    OpenQuestion,
    PredictQuestion,
    Question,
    Text,
)
from mpquiz.packs.code import shown_code
from tests.demos.demo_support import (
    DEMOS,
    pack,
    qid,
    questions,
)

SEED_TOPICS = ("fundamentals", "process-api", "ipc", "lock", "pool", "shared-memory")
MINIMUM = {**dict.fromkeys((*SEED_TOPICS, "final-exercise", "review", "beyond"), 12)}
LANGUAGES = ("es", "en")

NOT_MEASURED = {
    "fundamentals.gil-threads-at-once": "how many threads run bytecode at one instant",
    "final-exercise.ideal-time": "a computed ideal for a machine the learner imagines",
}
"""Numeric questions whose key no demo output can measure, and why."""


def texts(q: Question) -> list[Text]:
    """Every localized text a learner of `q` may read."""
    found = [q.prompt, q.explain]
    match q:
        case ChoiceQuestion():
            for option in q.options:
                found += [t for t in (option.text, option.feedback) if t is not None]
        case NumericQuestion():
            found += [q.unit] if q.unit is not None else []
        case OpenQuestion():
            found += [q.model_answer, *q.key_points]
        case PredictQuestion():
            pass
        case ExerciseQuestion():
            found += [c.message for c in q.checks]
        case _:
            assert_never(q)
    return found


def readable(text: Text, lang: str) -> bool:
    """Whether `text` reads right in `lang`: written in it, or a bare name such as `imap`.

    A plain TOML string counts as the pack's first language and is shown in every other
    one, which is only right for words that need no translation.
    """
    if text.values.get(lang, "").strip():
        return True
    return len(text.values) == 1 and re.fullmatch(r"\S+", text.get(lang)) is not None


def test_counts_per_topic_kind_and_language() -> None:
    per_topic = Counter(q.topic for q in pack().questions)
    per_kind = Counter(q.kind for q in pack().questions)
    per_language: Counter[tuple[str, str]] = Counter()
    for q in pack().questions:
        for lang in LANGUAGES:
            if all(readable(t, lang) for t in texts(q)):
                per_language[q.topic, lang] += 1
    assert list(pack().topics) == [*SEED_TOPICS, "final-exercise", "review", "beyond"]
    assert len(pack().questions) >= 140, len(pack().questions)
    for topic, least in MINIMUM.items():
        assert per_topic[topic] >= least, (topic, per_topic[topic])
        for lang in LANGUAGES:  # every question reads whole in both languages
            assert per_language[topic, lang] == per_topic[topic], (topic, lang)
    # A third of the questions ask what a program prints (exercises aside: they are
    # programs to write, counted on their own).
    asked = len(pack().questions) - per_kind[Kind.EXERCISE]
    assert 3 * per_kind[Kind.PREDICT] >= asked, per_kind
    assert per_kind[Kind.CHOICE] and per_kind[Kind.NUMERIC] and per_kind[Kind.OPEN]
    assert per_kind[Kind.EXERCISE] >= 12, per_kind


def test_the_review_questions_start_with_the_courses_four_in_its_order() -> None:
    """The course's four review questions first, then open ones that tie the rest in."""
    review = questions(topics=["review"])
    assert all(q.kind is Kind.OPEN for q in review)
    assert all(q.model_answer and len(q.key_points) >= 3 for q in review)
    assert "multiprocessing" in review[0].prompt.get("es")
    assert "Queue y Pipe" in review[1].prompt.get("es")
    assert "Queue and Pipe" in review[1].prompt.get("en")
    assert "Lock" in review[2].prompt.get("es")
    assert "Pool" in review[3].prompt.get("es")


def test_every_wrong_option_says_why_it_is_wrong() -> None:
    for q in questions(kinds=["choice"]):
        assert q.correct_options, q.qid
        for option in q.options:
            assert option.correct or option.feedback is not None, q.qid


@pytest.mark.parametrize("q", questions(kinds=["predict"]), ids=qid)
def test_predict_questions_show_their_demo_trimmed(q: Question) -> None:
    code = shown_code(DEMOS / q.demo, q.code)
    assert code, f"{q.qid} shows no code"
    shown = code.split("\n")
    assert shown[0].strip() and shown[-1].strip(), f"{q.qid}: blank line at an end"
    assert all(line == line.rstrip() for line in shown), f"{q.qid}: trailing spaces"
    assert not re.search(r"#\s*(end)?region", code), f"{q.qid}: a region marker is shown"


def test_every_demo_is_asked_about() -> None:
    used = {q.demo for q in pack().questions}
    for q in pack().questions:  # an exercise's solution and reference are its files too
        if isinstance(q, ExerciseQuestion):
            used |= {q.solution, q.reference_demo}
    assert used == {p.name for p in DEMOS.glob("*.py")}


def test_numeric_keys_are_measured_wherever_a_demo_prints_them() -> None:
    for q in questions(kinds=["numeric"]):
        measures = q.evidence is not None and "value" in re.compile(q.evidence).groupindex
        assert measures != (q.qid in NOT_MEASURED), q.qid


SPOILS_NOTHING = {
    ("pool.apply-blocks", "pool.apply-wait-seconds"): "the run prints no timings",
}
"""Question pairs close together on the same run whose output does not give the answer."""


def test_no_run_just_shown_gives_away_the_next_answer() -> None:
    """After each answer the learner sees the question's demo run; a question close behind
    it in study order that asks for that same run's output or a figure in it (predict,
    numeric) would be answered by reading, not by recall. Such pairs are kept apart."""
    ordered = sorted(questions(), key=lambda q: q.position)
    close = [
        (earlier.qid, later.qid)
        for i, later in enumerate(ordered)
        if later.kind in (Kind.PREDICT, Kind.NUMERIC)
        for earlier in ordered[max(0, i - 2) : i]
        if (earlier.demo, earlier.args) == (later.demo, later.args)
    ]
    assert [pair for pair in close if pair not in SPOILS_NOTHING] == []
