"""The TOML writer: whatever it writes, tomllib reads back exactly."""

from __future__ import annotations

import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mpquiz.packs import toml_write

texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=80)
leaves = st.one_of(
    texts,
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=False, allow_infinity=False),
)
values = st.recursive(
    leaves,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texts, inner, max_size=4),
    max_leaves=10,
)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(texts, values, max_size=6))
def test_tables_round_trip(data: dict) -> None:
    assert tomllib.loads(toml_write.table(data)) == data


@settings(max_examples=200, deadline=None)
@given(texts)
def test_strings_round_trip_including_multiline(text: str) -> None:
    assert tomllib.loads(f"a = {toml_write.string(text)}")["a"] == text


def test_question_files_and_readable_multiline_text() -> None:
    written = toml_write.question_file(
        [{"id": "a", "prompt": 'two\nlines with "quotes" and \\', "skip": None}, {"id": "b"}],
        header="Made by a test.\n\nSecond paragraph.",
    )
    assert written.startswith("# Made by a test.\n#\n# Second paragraph.\n\n[[question]]\n")
    assert 'prompt = """\ntwo\nlines' in written and "skip" not in written
    assert tomllib.loads(written)["question"] == [
        {"id": "a", "prompt": 'two\nlines with "quotes" and \\'},
        {"id": "b"},
    ]


def test_values_toml_cannot_hold_are_refused() -> None:
    with pytest.raises(ValueError, match="finite"):
        toml_write.value(float("nan"))
    with pytest.raises(TypeError):
        toml_write.value(object())
