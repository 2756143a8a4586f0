"""The English detector of the Spanish-only tests (tests/support/english.py), on the
catalogs themselves: every English line of the English catalog is flagged, no line of the
Spanish catalog is."""

from __future__ import annotations

import pytest

from tests.support.catalogs import po
from tests.support.english import ENGLISH_ONLY_WORDS, english_sentences, english_words


def _texts(lang: str) -> list[tuple[str, str]]:
    """(key, text) for every form of every message of the catalog of `lang`."""
    found = []
    for message in po(lang):
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        forms = [message.string] if isinstance(message.string, str) else list(message.string or ())
        found += [(key, form) for form in forms if form]
    return found


def _words(line: str) -> set[str]:
    """The English-only words of a line, counting every word but the {fields}."""
    import re

    return {w.lower() for w in re.findall(r"[^\W\d_]+", re.sub(r"\{[^}]*\}", " ", line))} & (
        ENGLISH_ONLY_WORDS
    )


def test_no_line_of_the_spanish_catalog_reads_as_english() -> None:
    found = [(key, hit) for key, text in _texts("es") for hit in english_sentences(text)]
    assert found == []


def test_every_english_line_with_two_english_words_is_flagged() -> None:
    lines = [(k, line) for k, text in _texts("en") for line in text.splitlines()]
    english = [(k, line) for k, line in lines if len(_words(line)) >= 2]
    assert len(english) > 250  # most of the catalog: a real sample
    missed = [(k, line) for k, line in english if not english_sentences(line)]
    assert missed == []


def test_click_and_typer_messages_in_english_are_flagged() -> None:
    """The Spanish catalog's msgids that are Click's English (not mpquiz's keys)."""
    click = [key for key, _text in _texts("es") if " " in key]
    assert len(click) > 40
    flagged = [key for key in click if english_sentences(key)]
    assert "Show this message and exit." in flagged
    assert "Missing argument {name!r}." not in flagged  # one word ("argument") is not enough
    assert len(flagged) > len(click) // 2


@pytest.mark.parametrize(
    "line",
    [
        "Pulsa ctrl+s para enviar y esc para volver; tab pasa al siguiente campo.",
        "La demo usa un Pool y una Queue; un Lock protege la suma.",
        "Ejecuta `p.join()` para esperar al hijo, que imprime 'the end'.",
        "Ejemplos: mpquiz demo run race_counter --json · mpquiz pack validate ./mi-paquete",
        "libéralo en todos los caminos (with lock: lo hace por ti)",
        'El campo "the field" de /home/ana/pack/questions/a.toml no es válido.',
        "Uso: mpquiz pack add [OPTIONS] PATH",
        "exitcode vale None hasta que el hijo termina; may",
    ],
)
def test_spanish_with_code_names_and_keys_is_not_english(line: str) -> None:
    assert english_sentences(line) == [], english_words(line)


@pytest.mark.parametrize(
    "line",
    [
        "Press Enter to continue.",
        "Show this message and exit.",
        "Extra inputs are not permitted",
        "Input should be a valid integer, unable to parse string as an integer",
        "Field required",
        "Error: No such option: --frob",
        "the demo of this pack does not run",
        "Tu respuesta: 3. It is None while the child runs",
    ],
)
def test_english_is_found(line: str) -> None:
    assert english_sentences(line) == [line]


def test_each_line_is_judged_alone() -> None:
    assert english_sentences("Hola\nthe end of it\n  una línea con the\n") == ["the end of it"]
