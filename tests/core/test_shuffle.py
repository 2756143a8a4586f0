"""Shuffled options: the same question in another order, graded as shown, stored as in the
pack; over many draws the right option is not stuck in one place."""

from __future__ import annotations

import random
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from mpquiz import paths
from mpquiz.core.grading import grade, parse_answer
from mpquiz.core.model import Kind, PredictQuestion, Question
from mpquiz.core.shuffle import as_shown, shuffled
from mpquiz.packs.loader import load_pack

COURSE = load_pack(paths.builtin_pack_dir(), demos_dir=paths.builtin_demos_dir())
CHOICE = [q for q in COURSE.questions if q.kind is Kind.CHOICE]
PICK = [q for q in COURSE.questions if isinstance(q, PredictQuestion) and q.candidates]


def _numbers(indexes: object) -> str:
    return ",".join(str(i + 1) for i in sorted(indexes))  # type: ignore[attr-defined]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(CHOICE), st.integers(0, 2**32))
def test_a_choice_question_keeps_its_meaning_in_any_order(question: Question, seed: int) -> None:
    shown = shuffled(question, random.Random(seed))
    copy = shown.question
    assert sorted(o.text.get("en") for o in copy.options) == sorted(
        o.text.get("en") for o in question.options
    )
    right_as_shown = parse_answer(copy, _numbers(copy.correct_options))
    assert grade(copy, right_as_shown, None, "en").correct is True
    assert shown.stored_answer(right_as_shown) == _numbers(question.correct_options)
    wrong = next(i for i in range(len(copy.options)) if i not in copy.correct_options)
    stored = shown.stored_answer(str(wrong + 1))
    assert question.options[int(stored) - 1] == copy.options[wrong]


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(PICK), st.integers(0, 2**32))
def test_a_pick_among_outputs_is_the_output_itself(question: Question, seed: int) -> None:
    shown = shuffled(question, random.Random(seed))
    copy = shown.question
    assert sorted(copy.candidates) == sorted(question.candidates)
    index = copy.candidates.index(next(c for c in copy.candidates if c == question.expected))
    parsed = parse_answer(copy, str(index + 1))
    assert grade(copy, parsed, None, "en").correct is True
    assert shown.stored_answer(parsed) == parsed == question.expected


def test_the_right_option_moves_around() -> None:
    rng = random.Random(5)
    single = [q for q in CHOICE if len(q.correct_options) == 1]
    places = Counter(
        next(iter(shuffled(q, rng).question.correct_options)) for q in single for _ in range(20)
    )
    assert len(places) >= 3 and max(places.values()) < 0.5 * sum(places.values())


def test_in_pack_order_nothing_moves() -> None:
    question = CHOICE[0]
    shown = as_shown(question, None)
    assert shown.question is question and shown.stored_answer("2,1") == "2,1"
