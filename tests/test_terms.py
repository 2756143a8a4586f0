"""One word for each figure, in each language, wherever progress is shown (stats, the
class report, exam results and their help): the answers right are "Right" / "Aciertos",
their share "Accuracy" / "% de aciertos". Spanish showed "Aciertos" and "Acierto" side by
side for the two, exams a "Nota" and an "Evolución" the app called "Tendencia"."""

from __future__ import annotations

import re

import pytest

from tests.support.catalogs import po

AREAS = re.compile(
    r"^(stats\.|class\.|exam\.|review\.summary$|help\.(stats|class|exam)|tui\.stats\.|"
    r"tui\.exam\.|tui\.help\.(stats|exam))"
)
TERMS = {
    "en": {"stats.col.correct": "Right", "stats.col.accuracy": "Accuracy"},
    "es": {"stats.col.correct": "Aciertos", "stats.col.accuracy": "% de aciertos"},
}
OTHER_WORDS = {
    "en": r"\b(score|correct answers?|precision|hits)\b",
    "es": r"\b(acierto|acertadas?|nota|evolución|precisión|puntuación|exactitud)\b",
}
FIELDS = re.compile(r"\{[^}]*\}")


def _texts(lang: str) -> dict[str, str]:
    out = {}
    for message in po(lang):
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        strings = message.string if isinstance(message.string, tuple | list) else [message.string]
        out[key] = " | ".join(strings)
    return out


@pytest.mark.parametrize("lang", sorted(TERMS))
def test_each_figure_has_one_word(lang: str) -> None:
    texts = _texts(lang)
    for key, word in TERMS[lang].items():
        assert texts[key] == word
    other = re.compile(OTHER_WORDS[lang], re.IGNORECASE)
    found = [
        f"{key}: {text}"
        for key, text in texts.items()
        if AREAS.match(key) and other.search(FIELDS.sub("", text))
    ]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("lang", sorted(TERMS))
def test_the_exam_results_count_right_answers_as_the_stats_do(lang: str) -> None:
    texts = _texts(lang)
    word = TERMS[lang]["stats.col.correct"].lower()
    for key in ("exam.score", "tui.exam.score", "review.summary"):
        assert word in texts[key].lower(), (key, texts[key])
