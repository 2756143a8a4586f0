"""The translation layer: every message in both languages, every key used exists."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from mpquiz.i18n import LANGUAGES, pick_language, t
from mpquiz.i18n.messages import DUPLICATES, MESSAGES

SRC = Path(__file__).resolve().parents[1] / "src" / "mpquiz"
KEY_USE = re.compile(
    r"""(?:\bt|\bh|self\.say|Note|AnswerError)\(\s*f?["']([a-z_]+(?:\.[a-z_]+)+)"""
)


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_has_both_languages_with_the_same_fields(key: str) -> None:
    entry = MESSAGES[key]
    assert set(entry) == set(LANGUAGES), key
    fields = [
        {f for _, f, _, _ in string.Formatter().parse(entry[lang]) if f} for lang in LANGUAGES
    ]
    assert all(entry[lang].strip() for lang in LANGUAGES)
    assert fields[0] == fields[1], key


def test_every_key_used_in_the_code_exists() -> None:
    used: set[str] = set()
    for path in SRC.rglob("*.py"):
        used |= set(KEY_USE.findall(path.read_text(encoding="utf-8")))
    assert used, "the scan found no keys at all"
    missing = sorted(k for k in used if k not in MESSAGES)
    assert missing == []


def test_no_key_is_defined_twice() -> None:
    assert DUPLICATES == []


def test_lookup_and_language_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    assert t("rating.good", "es") == "Bien"
    assert t("review.summary", "en", answered=2, correct=1) == "Answered 2, right 1."
    assert pick_language("es", "en") == "es"
    assert pick_language(None, "fr", "en") == "en"
    monkeypatch.setenv("LC_ALL", "es_ES.UTF-8")
    assert pick_language(None) == "es"
    with pytest.raises(KeyError):
        t("no.such.key", "en")


def test_every_kind_has_its_name_in_every_language() -> None:
    from mpquiz.core.kinds import Kind
    from mpquiz.i18n import t

    for kind in Kind:
        for lang in ("en", "es"):
            assert t(f"kind.{kind.value}", lang).strip()
