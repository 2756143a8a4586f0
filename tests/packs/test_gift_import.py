"""GIFT files (modelled on real Moodle exports) to packs, and packs back to GIFT."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mpquiz import paths
from mpquiz.core.errors import BadInput
from mpquiz.core.model import Kind, Pack, Question
from mpquiz.packs.gift_convert import topic_of
from mpquiz.packs.gift_import import NoQuestions, import_gift
from mpquiz.packs.gift_write import escape, export_gift, weight
from mpquiz.packs.loader import load_pack
from mpquiz.session.keycheck import check_keys
from tests.conftest import FIXTURES

GIFT = FIXTURES / "gift"

# file -> (converted by kind, not converted as (line, gift kind))
EXPECTED = {
    "moodle_export_es.gift": (
        {"choice": 4, "numeric": 3, "open": 1},
        [(41, "essay"), (47, "matching"), (72, "description"), (75, "missingword")],
    ),
    "docs_examples.gift": (
        {"choice": 11, "numeric": 4, "open": 1},
        [(10, "missingword"), (36, "matching"), (94, "essay"), (96, "description")],
    ),
    "teacher_bank_en.gift": ({"choice": 5, "numeric": 2}, [(29, "invalid")]),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_files_convert_and_list_the_rest(name: str, tmp_path: Path) -> None:
    kinds, skipped = EXPECTED[name]
    lang = "es" if name.endswith("_es.gift") else "en"
    result = import_gift(GIFT / name, tmp_path / "pack", lang=lang)
    pack = load_pack(tmp_path / "pack")
    got: dict[str, int] = {}
    for q in pack.questions:
        got[q.kind.value] = got.get(q.kind.value, 0) + 1
    assert got == kinds
    assert [(s.line, s.kind) for s in result.skipped] == skipped
    assert all(s.reason for s in result.skipped)
    readme = (tmp_path / "pack" / "README.md").read_text(encoding="utf-8")
    assert all(f"{name}:{line}:" in readme for line, _ in skipped)
    assert {q.demo for q in pack.questions} == {"gift_note.py"}
    assert pack.languages == (lang,)


def test_a_real_moodle_export_keeps_categories_html_weights_and_feedback(tmp_path: Path) -> None:
    import_gift(GIFT / "moodle_export_es.gift", tmp_path / "curso", lang="es", title="Curso")
    pack = load_pack(tmp_path / "curso")
    assert pack.id == "curso" and pack.title.get("es") == "Curso"
    assert {k: v.get("es") for k, v in pack.topics.items()} == {
        "procesos": "Procesos",
        "sincronizacion": "Sincronización",
    }
    q = {q.qid: q for q in pack.questions}
    start = q["t1-01-start-y-run"]
    assert start.prompt.get("es") == "¿Qué diferencia hay entre llamar a `p.start()` y a `p.run()`?"
    assert start.options[2].feedback and start.options[2].feedback.get("es") == (
        "Es al revés: start() lo crea y join() lo espera."
    )
    assert start.explain.get("es").startswith("El método run() contiene")
    memory = q["t1-03-memoria-separada"]
    assert [(o.text.get("es"), o.correct) for o in memory.options] == [
        ("Verdadero", False),
        ("Falso", True),
    ]
    assert memory.options[0].feedback.get("es") == "Cada proceso tiene su propia memoria."
    assert "la memoria no se comparte" in memory.explain.get("es")
    methods = q["t1-04-metodos-de-arranque"]
    assert [o.correct for o in methods.options] == [True, True, True, False]
    assert q["t1-02-exitcode"].answer.value == 3
    assert (q["t2-03-rango"].answer.min, q["t2-03-rango"].answer.max) == (1, 3999)
    pid = q["t1-05-pid"]
    assert pid.kind is Kind.OPEN and pid.model_answer.get("es") == "os.getpid() / getpid()"
    assert any("50%" in k.get("es") for k in pid.key_points)


@pytest.mark.slow
def test_an_imported_pack_passes_validate_run(tmp_path: Path) -> None:
    import_gift(GIFT / "teacher_bank_en.gift", tmp_path / "week3", lang="en")
    pack = load_pack(tmp_path / "week3")
    report = check_keys(pack)
    assert report.problems == [] and report.runs == 1
    assert {t.get("en") for t in pack.topics.values()} == {"Pools", "Pickling"}


def test_import_refuses_what_it_cannot_use(tmp_path: Path) -> None:
    work = tmp_path / "work"  # beside the isolated home folder the fixtures make
    work.mkdir()
    (work / "taken").mkdir()
    (work / "taken" / "x").write_text("x")
    with pytest.raises(BadInput, match="not an empty folder"):
        import_gift(GIFT / "docs_examples.gift", work / "taken", lang="en")
    with pytest.raises(BadInput, match="not a valid pack id"):
        import_gift(GIFT / "docs_examples.gift", work / "out", lang="en", pack_id="Bad Id")
    latin = work / "latin1.gift"
    latin.write_bytes("¿Qué? {T}".encode("latin-1"))
    with pytest.raises(BadInput, match="not UTF-8"):
        import_gift(latin, work / "out", lang="es")
    useless = work / "essays.gift"
    useless.write_text("Why? {}\n\nMatch {=a -> b =c -> d}\n", encoding="utf-8")
    with pytest.raises(NoQuestions) as err:
        import_gift(useless, work / "out", lang="en")
    assert [s.line for s in err.value.result.skipped] == [1, 3]
    assert not (work / "out").exists()
    assert sorted(p.name for p in work.iterdir()) == ["essays.gift", "latin1.gift", "taken"]


def test_topics_from_moodle_category_paths() -> None:
    assert topic_of("$course$/top/Default for X/Locks & Pools", "en") == (
        "locks-pools",
        "Locks & Pools",
    )
    assert topic_of("$course$/top", "es") == ("general", "General")
    assert topic_of(None, "en") == ("general", "General")


def _same(original: Question, back: Question, lang: str) -> None:
    assert back.qid == original.qid and back.kind is original.kind
    assert back.prompt.get(lang) == original.prompt.get(lang).strip()
    assert back.explain.get(lang) == original.explain.get(lang).strip()
    if original.kind is Kind.CHOICE:
        assert [(o.text.get(lang), o.correct) for o in back.options] == [
            (o.text.get(lang).strip(), o.correct) for o in original.options
        ]
        assert [o.feedback.get(lang) if o.feedback else None for o in back.options] == [
            o.feedback.get(lang).strip() if o.feedback else None for o in original.options
        ]
    else:
        assert back.answer == original.answer


def _round_trip(pack: Pack, lang: str, tmp_path: Path) -> tuple[list[str], Pack]:
    exported = export_gift(pack, lang)
    gift = tmp_path / f"{pack.id}-{lang}.gift"
    gift.write_text(exported.text, encoding="utf-8")
    result = import_gift(gift, tmp_path / f"back-{lang}", lang=lang)
    # Exercises go out as essays (written with less) and do not come back: nothing else.
    assert [s.title for s in result.skipped] == [qid for qid, _ in exported.lossy]
    assert all(s.kind == "essay" for s in result.skipped)
    lossy = {qid for qid, _ in exported.lossy}
    return [q for q in exported.written if q not in lossy], load_pack(tmp_path / f"back-{lang}")


@pytest.mark.parametrize("lang", ["es", "en"])
def test_round_trip_of_the_builtin_pack(lang: str, tmp_path: Path) -> None:
    pack = load_pack(paths.builtin_pack_dir(), demos_dir=paths.builtin_demos_dir())
    written, back = _round_trip(pack, lang, tmp_path)
    by_id = {q.qid: q for q in pack.questions}
    assert len(written) == len(back.questions) >= 40
    for q in back.questions:
        _same(by_id[q.qid], q, lang)
    topics_back = [back.topics[q.topic].get(lang) for q in back.questions]
    assert topics_back == [pack.topics[by_id[q.qid].topic].get(lang) for q in back.questions]


def test_round_trip_of_special_characters_weights_and_keys(
    mini_pack_dir: Path, tmp_path: Path
) -> None:
    root = tmp_path / "special"
    shutil.copytree(mini_pack_dir, root)
    (root / "questions" / "basics.toml").write_text(
        r"""
[[question]]
id = "odd.text"
topic = "basics"
kind = "choice"
demo = "exitcode.py"
prompt = { es = "¿{a} ~ b = c # d: e \\ f?\nDos líneas", en = "{a} ~ b = c # d: e \\ f?" }
explain = { es = "Por #1 = {x}", en = "Because #1 = {x}" }
options = [
  { text = { es = "uno", en = "one" }, correct = true, feedback = "sí: {1}" },
  { text = { es = "dos", en = "two" }, correct = true },
  { text = { es = "tres ~", en = "three ~" }, feedback = { es = "no = 3", en = "no = 3" } },
]

[[question]]
id = "odd.tolerance"
topic = "basics"
kind = "numeric"
demo = "exitcode.py"
prompt = { es = "¿Cuánto?", en = "How much?" }
explain = { es = "Así.", en = "So." }
answer = { value = -0.25, tolerance = 0.05 }

[[question]]
id = "odd.range"
topic = "more"
kind = "numeric"
demo = "exitcode.py"
prompt = { es = "¿Rango?", en = "Range?" }
explain = { es = "Así.", en = "So." }
answer = { min = 1, max = 3.5 }

[[question]]
id = "odd.onesided"
topic = "more"
kind = "numeric"
demo = "exitcode.py"
prompt = { es = "¿Máximo?", en = "At most?" }
explain = { es = "Así.", en = "So." }
answer = { max = 99 }
""",
        encoding="utf-8",
    )
    pack = load_pack(root)
    exported = export_gift(pack, "es")
    assert exported.skipped == [("odd.onesided", exported.skipped[0][1])]
    assert "one bound" in exported.skipped[0][1]
    assert "~%50%uno" in exported.text and "~%-100%tres \\~" in exported.text
    written, back = _round_trip(pack, "es", tmp_path)
    assert written == ["odd.text", "odd.tolerance", "odd.range"]
    by_id = {q.qid: q for q in pack.questions}
    for q in back.questions:
        _same(by_id[q.qid], q, "es")
    with pytest.raises(BadInput, match="written in es, en, not in fr"):
        export_gift(pack, "fr")


def test_writer_helpers() -> None:
    assert escape("a:b\\c\nd{}") == "a\\:b\\\\c\\nd\\{\\}"
    assert [weight(100 / n) for n in (1, 2, 3, 6, 7)] == [
        "100",
        "50",
        "33.33333",
        "16.66667",
        "14.28571",
    ]
