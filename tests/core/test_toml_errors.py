"""tomli's errors as message keys (core.toml_errors): each of its messages has a key of
its own, with the line and column as fields, worded in every language; English says
exactly what tomli says."""

from __future__ import annotations

import pytest
import tomli

from mpquiz.core.toml_errors import toml_error, toml_line
from mpquiz.core.verdict import Note
from mpquiz.i18n import LANGUAGES, words

# A document that makes tomli say each of its messages, by the key it gets.
BROKEN: dict[str, str] = {
    "invalid_statement": "a = 1\n\x7f",
    "expected_newline": "a = 1 b = 2\n",
    "unclosed_table": "[a\n",
    "unclosed_array_table": "[[a]\nb = 1\n",
    "expected_equals": "a 1\n",
    "expected": "a = 'abc",
    "invalid_character": "a = 'ab\x01c'\n",
    "declared_twice": "[a]\n[a]\n",
    "overwrite": "a = 1\na = 2\n",
    "immutable": "a = {b = 1}\na.c = 2\n",
    "redefine": "[a.b]\nx = 1\n[a]\nb.y = 2\n",
    "bad_key_start": "a. = 1\n",
    "unclosed_array": "a = [1, 2\n",
    "duplicate_inline_key": "a = {b = 1, b = 2}\n",
    "unclosed_inline_table": "a = {b = 1\n",
    "unescaped_backslash": 'a = "\\x"\n',
    "bad_hex": 'a = "\\uZZZZ"\n',
    "bad_unicode": 'a = "\\uD800"\n',
    "unterminated_string": 'a = """abc',
    "illegal_character": 'a = "a\x01b"\n',
    "bad_date": "a = 1979-02-30\n",
    "invalid_value": "a = = 3\n",
}


def _error(text: str) -> tomli.TOMLDecodeError:
    with pytest.raises(tomli.TOMLDecodeError) as caught:
        tomli.loads(text)
    return caught.value


def _what(note: Note) -> Note:
    found = note.params.get("problem", note)
    assert isinstance(found, Note)
    return found


@pytest.mark.parametrize("key", BROKEN)
def test_each_tomli_message_has_a_key_and_english_says_it_as_tomli_does(key: str) -> None:
    exc = _error(BROKEN[key])
    note = toml_error(exc)
    assert _what(note).key == f"toml.{key}"
    assert words(note, "en") == str(exc)
    for lang in LANGUAGES:
        assert words(note, lang).strip()


def test_the_line_and_column_are_fields_and_spanish_says_them() -> None:
    exc = _error("x = 1\nnew_per_day = = 3\n")
    note = toml_error(exc)
    assert note == Note("toml.at", {"problem": Note("toml.invalid_value", {}), "line": 2,
                                    "column": 15})  # fmt: skip
    assert toml_line(exc) == 2
    assert words(note, "es") == "valor no válido (en la línea 2, columna 15)"
    assert words(toml_error(_error("a = [1")), "es") == "lista sin cerrar (al final del fichero)"
    assert toml_line(_error("a = [1")) is None


def test_a_message_tomli_may_add_later_keeps_its_english_as_a_field() -> None:
    note = toml_error(tomli.TOMLDecodeError("Something new", "a\nb\nc = 1", 4))
    assert note.params["problem"] == Note("toml.other", {"detail": "Something new"})
    assert words(note, "es") == "Something new (en la línea 3, columna 1)"
    assert toml_error(ValueError("no place at all")) == Note(
        "toml.other", {"detail": "no place at all"}
    )
