"""`pack export-gift`: a pack's choice and numeric questions written as GIFT for Moodle.

One language per file. Each topic becomes a `$CATEGORY:`, each question keeps its id as
the GIFT title, prompts are marked [markdown] (mpquiz texts use `code` spans), option
feedback follows `#`, and the explanation is the general feedback `####`. Questions GIFT
cannot carry are listed, not dropped silently: predict and open questions (their answer
is a program's output or a free text), questions shown with their demo's code, and
numeric keys with only one bound. Exercises become essays with their starter in the
prompt, listed as lossy (Moodle does not run their checks). Units are not written: a
GIFT number has none.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import assert_never

from mpquiz.core.errors import BadInput
from mpquiz.core.model import (
    ChoiceQuestion,
    ExerciseQuestion,
    NumericKey,
    NumericQuestion,
    OpenQuestion,
    Pack,
    PredictQuestion,
    Question,
)
from mpquiz.i18n import keyed

_SPECIAL = "~=#{}:"


def escape(text: str) -> str:
    """GIFT text: the control characters and backslash escaped, line breaks as \\n."""
    out = text.replace("\\", "\\\\")
    for ch in _SPECIAL:
        out = out.replace(ch, "\\" + ch)
    return out.replace("\r\n", "\n").replace("\n", "\\n")


def weight(percent: float) -> str:
    """A Moodle grade weight: 100/3 -> "33.33333" (the precision Moodle writes)."""
    return f"{percent:.5f}".rstrip("0").rstrip(".")


def number(x: float) -> str:
    """A number as GIFT writes it: 4.0 -> "4", 0.05 -> "0.05"."""
    return str(int(x)) if float(x).is_integer() else repr(float(x))


@dataclass
class GiftExport:
    """The GIFT text, the ids written, and the ids left out with the reason."""

    text: str = ""
    written: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    lossy: list[tuple[str, str]] = field(default_factory=list)
    """Written, but with less than mpquiz has: the ids and what is lost."""


def why_not(question: Question) -> str | None:
    """Why a question cannot go to GIFT, or None when it can."""
    body = _body(question, "en")
    return body if isinstance(body, str) else None


def _body(q: Question, lang: str) -> list[str] | str:
    """The GIFT answer block of a question, or why it has none."""
    match q:
        case ChoiceQuestion() | NumericQuestion() if q.code != "none":
            return "it shows its demo's code, which a GIFT question cannot carry"
        case ChoiceQuestion():
            return ["{", *_choice(q, lang)]
        case NumericQuestion():
            key = q.answer
            if key.value is None and (key.min is None or key.max is None):
                return f"the key {key.describe()} has one bound; GIFT ranges need both"
            # The unit is left out: a GIFT number has none, and Moodle grades the number.
            return ["{#", *_numeric(key)]
        case PredictQuestion() | OpenQuestion():
            return f"{q.kind.value} questions have no GIFT form (only choice and numeric)"
        case ExerciseQuestion():
            return ["{"]  # an essay; its starter goes in the prompt (export_gift)
        case _:
            assert_never(q)


def _choice(q: ChoiceQuestion, lang: str) -> list[str]:
    right = [o for o in q.options if o.correct]
    wrong = len(q.options) - len(right)
    lines = []
    for option in q.options:
        if len(right) == 1:
            mark = "=" if option.correct else "~"
        elif option.correct:
            mark = f"~%{weight(100 / len(right))}%"
        else:
            mark = f"~%-{weight(100 / wrong)}%"
        feedback = f"#{escape(option.feedback.get(lang))}" if option.feedback else ""
        lines.append(f"\t{mark}{escape(option.text.get(lang))}{feedback}")
    return lines


def _numeric(key: NumericKey) -> list[str]:
    if key.value is not None:
        return [f"\t={number(key.value)}:{number(key.tolerance)}"]
    assert key.min is not None and key.max is not None
    return [f"\t={number(key.min)}..{number(key.max)}"]


def _question(q: Question, body: list[str], lang: str, starter: str | None = None) -> str:
    prompt = q.prompt.get(lang)
    if starter is not None:  # a Markdown code block: each line indented by four spaces
        prompt += "\n\n" + "\n".join("    " + line for line in starter.splitlines())
    head = f"// question: {q.qid}\n::{escape(q.qid)}::[markdown]{escape(prompt)}"
    lines = [*body, f"\t####{escape(q.explain.get(lang))}", "}"]
    return head + "\n".join(lines) + "\n"


def _category(pack: Pack, topic: str, lang: str) -> str:
    # Moodle writes a "/" inside a category name as "//".
    parts = [pack.title.get(lang), pack.topics[topic].get(lang)]
    return "$CATEGORY: $course$/top/" + "/".join(p.replace("/", "//") for p in parts)


def export_gift(pack: Pack, lang: str) -> GiftExport:
    """The choice and numeric questions of `pack` in `lang`, as a GIFT text.

    Raises:
        BadInput: the pack is not written in `lang`.
    """
    if lang not in pack.languages:
        raise keyed(
            BadInput,
            "pack.export_gift.no_lang",
            pack=pack.id,
            languages=", ".join(pack.languages),
            lang=lang,
        )
    out = GiftExport()
    chunks = [
        f"// Exported by mpquiz from pack {pack.id} {pack.version} (language: {lang}).",
        "// Import in Moodle: Question bank > Import > GIFT format.",
        "",
    ]
    for topic in pack.topics:
        questions = [q for q in pack.questions if q.topic == topic]
        fitting: list[tuple[Question, list[str]]] = []
        for q in questions:
            body = _body(q, lang)
            if isinstance(body, str):
                out.skipped.append((q.qid, body))
            else:
                fitting.append((q, body))
        if not fitting:
            continue
        chunks += [_category(pack, topic, lang), ""]
        for q, body in fitting:
            starter = _starter(pack, q) if isinstance(q, ExerciseQuestion) else None
            chunks.append(_question(q, body, lang, starter))
            out.written.append(q.qid)
            if isinstance(q, ExerciseQuestion):
                out.lossy.append((q.qid, LOSSY_EXERCISE))
    out.text = "\n".join(chunks)
    return out


LOSSY_EXERCISE = (
    "written as an essay with its starter: Moodle does not run the program, so its checks "
    "are left out and a teacher grades it by hand"
)


def _starter(pack: Pack, q: ExerciseQuestion) -> str:
    """The code an exercise starts from (its edited region, or the whole file)."""
    from mpquiz.packs.code import regions, strip_markers

    try:
        source = (Path(pack.demos_dir) / q.demo).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""
    return regions(source).get(q.edit, "") if q.edit else strip_markers(source)
