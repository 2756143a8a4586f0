"""`pack export-gift`: a pack's choice and numeric questions written as GIFT for Moodle.

One language per file. Each topic becomes a `$CATEGORY:`, each question keeps its id as
the GIFT title, prompts are marked [markdown] (mpquiz texts use `code` spans), option
feedback follows `#`, and the explanation is the general feedback `####`. Questions GIFT
cannot carry are listed, not dropped silently: predict and open questions (their answer
is a program's output or a free text), questions shown with their demo's code, and
numeric keys with only one bound. Units are not written: a GIFT number has none.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mpquiz.core.errors import BadInput
from mpquiz.core.model import Kind, NumericKey, Pack, Question

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


def why_not(question: Question) -> str | None:
    """Why a question cannot go to GIFT, or None when it can."""
    if question.kind not in (Kind.CHOICE, Kind.NUMERIC):
        return f"{question.kind.value} questions have no GIFT form (only choice and numeric)"
    if question.code != "none":
        return "it shows its demo's code, which a GIFT question cannot carry"
    key = question.answer
    one_bound = key is not None and key.value is None and (key.min is None or key.max is None)
    if question.kind is Kind.NUMERIC and key is not None and one_bound:
        return f"the key {key.describe()} has one bound; GIFT ranges need both"
    return None


def _choice(q: Question, lang: str) -> list[str]:
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


def _question(q: Question, lang: str) -> str:
    # A numeric question's unit is left out: a GIFT number has none, and Moodle grades
    # the number alone.
    head = f"// question: {q.qid}\n::{escape(q.qid)}::[markdown]{escape(q.prompt.get(lang))}"
    if q.kind is Kind.CHOICE:
        body = ["{", *_choice(q, lang)]
    else:
        assert q.answer is not None
        body = ["{#", *_numeric(q.answer)]
    body += [f"\t####{escape(q.explain.get(lang))}", "}"]
    return head + "\n".join(body) + "\n"


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
        raise BadInput(f"pack '{pack.id}' is written in {', '.join(pack.languages)}, not in {lang}")
    out = GiftExport()
    chunks = [
        f"// Exported by mpquiz from pack {pack.id} {pack.version} (language: {lang}).",
        "// Import in Moodle: Question bank > Import > GIFT format.",
        "",
    ]
    for topic in pack.topics:
        questions = [q for q in pack.questions if q.topic == topic]
        fitting = []
        for q in questions:
            reason = why_not(q)
            if reason:
                out.skipped.append((q.qid, reason))
            else:
                fitting.append(q)
        if not fitting:
            continue
        chunks += [_category(pack, topic, lang), ""]
        for q in fitting:
            chunks.append(_question(q, lang))
            out.written.append(q.qid)
    out.text = "\n".join(chunks)
    return out
