"""Huge numbers and blank texts in any field of a pack: a clear problem, never a crash.

Any value of the mini pack (pack.toml or a question, at any depth) is replaced by a
whole number of hundreds or thousands of digits or by a text of only spaces. Loading then
gives problems that name the file, or a valid pack when the field takes such a value;
no other exception, and no blank text in a field the learner reads.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from mpquiz.core.model import ChoiceQuestion
from mpquiz.packs.loader import load_pack
from mpquiz.packs.problems import PackErrors
from tests.packs.test_fuzz import FUZZ, _assert_clear, _mini_data, _scratch, _write_pack

huge_numbers = st.builds(
    lambda digits, sign: sign * 10 ** (digits - 1), st.integers(300, 4300), st.sampled_from([1, -1])
)
blank_texts = st.sampled_from(["", " ", "   ", "\t", " \n "])


def _leaves(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The path of every scalar inside `value` (dict keys and list indexes)."""
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _leaves(v, (*path, k))]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _leaves(v, (*path, i))]
    return [path]


def _set(data: Any, path: tuple[Any, ...], new: Any) -> None:
    for step in path[:-1]:
        data = data[step]
    data[path[-1]] = new


@st.composite
def packs_with_one_odd_value(draw: st.DrawFn) -> tuple[Any, Any, Any]:
    meta, questions = _mini_data()
    tree = {"meta": meta, "questions": questions}
    path = draw(st.sampled_from(_leaves(tree)))
    new = draw(st.one_of(huge_numbers, blank_texts))
    _set(tree, path, new)
    return meta, questions, (path, new)


@FUZZ
@given(packs_with_one_odd_value())
def test_a_huge_number_or_blank_text_anywhere_is_a_clear_problem(
    case: tuple[Any, Any, Any],
) -> None:
    meta, questions, (path, new) = case
    with _scratch() as root:
        _write_pack(root, meta, questions)
        try:
            pack = load_pack(root)
        except PackErrors as exc:
            _assert_clear(exc.problems)
            return
    for question in pack.questions:  # valid: then no text the learner reads is blank
        options = question.options if isinstance(question, ChoiceQuestion) else ()
        texts = [question.prompt, question.explain, *(o.text for o in options)]
        assert all(v.strip() for t in texts for v in t.values.values()), (path, new)
