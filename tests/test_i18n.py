"""The translation layer: gettext catalogs complete in every language, every key used
exists, the compiled .mo files match their .po, counts take their plural forms."""

from __future__ import annotations

import gettext
import io
import re
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo

from mpquiz.i18n import LANGUAGES, LOCALE_DIR, pick_language, t
from tests.support.catalogs import catalog_keys, maintenance_tool, po

SRC = Path(__file__).resolve().parents[1] / "src" / "mpquiz"
KEY_USE = re.compile(
    r"""(?:(?:\bt|\bh|self\.say|Note|AnswerError)\(|keyed\(\w+,)\s*f?["']"""
    r"""([a-z_]+(?:\.[a-z_0-9]+)+)(?=["'])"""
)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_catalog_is_complete_unfuzzy_and_keeps_the_fields(lang: str) -> None:
    assert maintenance_tool().problems_of(lang) == []


def test_the_check_finds_missing_fuzzy_and_mismatched_translations(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tool = maintenance_tool()
    for lang in ("en", "es"):
        target = tmp_path / lang / "LC_MESSAGES"
        target.mkdir(parents=True)
        (target / "mpquiz.po").write_bytes(
            (LOCALE_DIR / lang / "LC_MESSAGES" / "mpquiz.po").read_bytes()
        )
    monkeypatch.setattr(tool, "LOCALE", tmp_path)
    spanish = tool.read("es")
    spanish.delete("rating.good")
    spanish["rating.hard"].flags.add("fuzzy")
    spanish["review.summary"].string = "Respondidas {respondidas}, bien {correct}."
    spanish["review.stopped"].string = ""
    tool.write(spanish, "es")
    found = "\n".join(tool.problems_of("es"))
    assert "es: rating.good: missing" in found
    assert "es: rating.hard: fuzzy" in found
    assert (
        "es: review.summary: fields ['correct', 'respondidas'], want ['answered', 'correct']"
        in found
    )
    assert "es: review.stopped: no translation" in found
    assert tool.problems_of("en") == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_compiled_catalog_is_the_po_file_compiled(lang: str) -> None:
    buffer = io.BytesIO()
    write_mo(buffer, po(lang), use_fuzzy=False)
    fresh = gettext.GNUTranslations(io.BytesIO(buffer.getvalue()))
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "mpquiz.mo").open("rb") as f:
        shipped = gettext.GNUTranslations(f)
    assert shipped._catalog == fresh._catalog, "run `make i18n` to compile the catalogs"


def test_every_key_used_in_the_code_exists() -> None:
    used: set[str] = set()
    for path in SRC.rglob("*.py"):
        used |= set(KEY_USE.findall(path.read_text(encoding="utf-8")))
    assert len(used) > 300, "the scan found too few keys"
    known = set(catalog_keys())
    assert sorted(k for k in used if k not in known) == []


def test_lookup_and_language_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    assert t("rating.good", "es") == "Bien"
    assert t("review.summary", "en", answered=2, correct=1) == "Answered 2, right 1."
    assert pick_language("es", "en") == "es"
    assert pick_language(None, "fr", "en") == "en"
    monkeypatch.setenv("LC_ALL", "es_ES.UTF-8")
    assert pick_language(None) == "es"
    monkeypatch.setenv("LC_ALL", "fr_FR.UTF-8")
    assert pick_language(None) == "en"
    with pytest.raises(KeyError):
        t("no.such.key", "en")


@pytest.mark.parametrize(
    "lang,one,two,million",
    [
        ("en", "{p}: 1 demo file trusted", "{p}: 2 demo files trusted", "files"),
        ("es", "{p}: 1 fichero de demo de confianza", "{p}: 2 ficheros de demo", "ficheros"),
    ],
)
def test_a_count_takes_the_plural_form_of_its_language(
    lang: str, one: str, two: str, million: str
) -> None:
    assert t("pack.trust.done", lang, pack="p", count=1) == one.format(p="p")
    assert t("pack.trust.done", lang, pack="p", count=2).startswith(two.format(p="p"))
    assert million in t("pack.trust.done", lang, pack="p", count=1_000_000)
    assert "1 día" in t("tui.stats.summary", "es", total=1, today=0, streak=1, longest=3)
    assert "1 days" not in t("tui.stats.summary", "en", total=1, today=0, streak=1, longest=3)


def test_no_message_says_a_count_with_parentheses() -> None:
    for lang in LANGUAGES:
        for message in po(lang):
            forms = message.string if isinstance(message.string, tuple) else (message.string,)
            for form in forms:
                assert not re.search(r"\w\((s|es)\)", form or ""), (lang, message.id, form)


def test_every_kind_has_its_name_in_every_language() -> None:
    from mpquiz.core.kinds import Kind

    for kind in Kind:
        for lang in LANGUAGES:
            assert t(f"kind.{kind.value}", lang).strip()


def test_a_third_language_needs_only_its_catalog(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`make i18n NEW=fr` starts it, a translator fills it, and mpquiz speaks it: no code."""
    import shutil

    import mpquiz.i18n as i18n

    tool = maintenance_tool()
    locale = tmp_path / "locale"
    shutil.copytree(LOCALE_DIR, locale)
    monkeypatch.setattr(tool, "LOCALE", locale)
    tool.init("fr")
    assert any(p.endswith(": no translation") for p in tool.problems_of("fr"))
    english = {m.id if isinstance(m.id, str) else m.id[0]: m for m in tool.read("en") if m.id}
    french = tool.read("fr")
    for message in french:
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        source = english.get(key)
        forms = source.string if source is not None else message.id
        if isinstance(forms, tuple | list):  # one, then the plural for every other form
            message.string = (f"FR {forms[0]}",) + (f"FR {forms[1]}",) * (french.num_plurals - 1)
        else:
            message.string = f"FR {forms}"
    tool.write(french, "fr")
    tool.compile_mo("fr")
    assert tool.problems_of("fr") == []

    monkeypatch.setattr(i18n, "LOCALE_DIR", locale)
    languages = i18n._installed_languages()
    assert languages[:2] == ("es", "en") and "fr" in languages
    monkeypatch.setattr(i18n, "LANGUAGES", languages)
    i18n.catalog.cache_clear()
    try:
        assert i18n.pick_language("fr") == "fr"
        assert t("rating.good", "fr") == "FR Good"
        assert t("pack.trust.done", "fr", pack="p", count=2) == "FR p: 2 demo files trusted"
        assert t("pack.trust.done", "fr", pack="p", count=1) == "FR p: 1 demo file trusted"
    finally:
        i18n.catalog.cache_clear()
