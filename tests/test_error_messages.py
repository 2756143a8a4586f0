"""Errors carry a message key and its fields; the learner reads them in their language,
str() stays the English line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mpquiz.core.errors import AnswerError, BadInput, MpquizError, StoreError
from mpquiz.core.refusal import Refusal
from mpquiz.i18n import LANGUAGES, error_text, keyed, t
from mpquiz.settings import Settings, load_settings, set_value
from mpquiz.store.failures import cannot_restore, damaged, explain
from tests.support.catalogs import catalog_keys

SRC = Path(__file__).resolve().parents[1] / "src" / "mpquiz"
# The message keys given to keyed errors and to the reasons worded inside them, which
# the scan of tests/test_i18n.py (t, h, Note, AnswerError...) does not look for.
KEYED = re.compile(
    r"""(?:\bkeyed\(\s*\w+,|Refusal\.of\()\s*["']([a-z_0-9]+(?:\.[a-z_0-9]+)+)["']"""
)


def test_every_key_of_a_keyed_error_exists() -> None:
    used: set[str] = set()
    for path in SRC.rglob("*.py"):
        used |= set(KEYED.findall(path.read_text(encoding="utf-8")))
    assert len(used) > 50, "the scan found too few keys"
    known = set(catalog_keys())
    assert sorted(k for k in used if k not in known) == []
    # Modules that choose a key before raising: every dotted literal there is one.
    chosen: set[str] = set()
    for path in (SRC / "store" / "failures.py", SRC / "settings.py"):
        chosen |= set(re.findall(r'"((?:store|settings)(?:\.[a-z_]+)+)"', path.read_text()))
    assert len(chosen) > 20 and sorted(chosen - known) == []


def test_a_keyed_error_is_english_as_text_and_worded_in_each_language() -> None:
    error = keyed(StoreError, "db.restore.none", db=Path("/x/m.db"), folder=Path("/x/b"))
    assert isinstance(error, StoreError) and error.exit_code == 3
    assert str(error) == "/x/m.db: no backups in /x/b"
    assert error_text(error, "en") == str(error)
    assert error_text(error, "es") == "/x/m.db: no hay copias en /x/b"
    assert error.key == "db.restore.none" and error.params["folder"] == Path("/x/b")


def test_a_reason_among_the_fields_is_worded_in_the_same_language() -> None:
    error = keyed(BadInput, "settings.bad", key="new_per_day", problem=Refusal.of(
        "settings.rule.int", value="'ten'"
    ))  # fmt: skip
    assert str(error) == "setting new_per_day: must be a whole number, not 'ten'"
    assert error_text(error, "es") == "ajuste new_per_day: debe ser un número entero, no 'ten'"


def test_an_error_without_a_key_is_shown_as_it_is() -> None:
    assert error_text(BadInput("plain words"), "es") == "plain words"
    assert error_text(ValueError("not ours"), "es") == "not ours"
    assert MpquizError("x").key is None and MpquizError("x").params == {}


def test_an_answer_error_is_worded_by_its_own_key() -> None:
    error = AnswerError("answer.no_such_option", n=7)
    assert error_text(error, "es") == t("answer.no_such_option", "es", n=7)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_store_errors_say_what_happened_in_every_language(lang: str) -> None:
    for error in (
        explain(Exception("database is locked"), "m.db"),
        explain(Exception("disk I/O error"), "m.db"),
        explain(Exception("something else"), "m.db"),
        damaged("m.db", "file is not a database"),
        damaged("m.db", "database disk image is malformed"),
        cannot_restore(Path("/nowhere/m.db")),
    ):
        text = error_text(error, lang)
        assert text.startswith("/nowhere/m.db:" if "nowhere" in str(error) else "m.db:")
        assert "\n" not in text and "{" not in text


def test_settings_errors_name_the_file_and_field_in_spanish(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("new_per_day = 'many'\n")
    with pytest.raises(BadInput) as info:
        load_settings(path)
    said = error_text(info.value, "es")
    assert said == f"{path}: campo new_per_day: debe ser un número entero, no 'many'"
    path.write_text("language = 'fr'\n")
    with pytest.raises(BadInput) as info:
        load_settings(path)
    assert "campo language: debe ser uno de estos: ''" in error_text(info.value, "es")
    with pytest.raises(BadInput) as info:
        set_value(Settings(), "desired_retention", "2")
    assert error_text(info.value, "es") == (
        "ajuste desired_retention: debe estar entre 0.7 y 0.99, no 2.0"
    )


def test_the_notice_of_an_emptied_file_is_worded_in_the_language_asked(tmp_path: Path) -> None:
    from mpquiz.store.opening import emptied

    db = tmp_path / "m.db"
    assert emptied(db) == f"{db}: the file was empty (0 bytes), so a new database was made in it"
    assert emptied(db, "es") == (
        f"{db}: el fichero estaba vacío (0 bytes), así que se ha creado en él una base de datos "
        "nueva"
    )
