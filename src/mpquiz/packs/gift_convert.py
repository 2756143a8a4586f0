"""Parsed GIFT questions converted to mpquiz question tables, and why the others were not.

Multiple choice and true/false become `choice` questions, numerical ones `numeric`, short
answers `open` questions (the learner compares with the accepted answers and rates
themselves). Essay, matching, missing-word, cloze and description blocks have no mpquiz
kind: each is listed with its line and reason, never dropped silently. What a conversion
loses (partial credit, extra accepted numbers) is listed as a note.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mpquiz.packs.gift_parse import GiftItem
from mpquiz.packs.ids import slug

DEMO = "gift_note.py"
"""The generic demo every imported question runs: GIFT questions have no program."""

REASONS = {
    "essay": "essay question (free text graded by a teacher): mpquiz has no such kind; "
    "write it by hand as an open question",
    "matching": "matching question: mpquiz has no matching kind",
    "missingword": "missing-word question (the answers sit inside the sentence): mpquiz asks "
    "whole questions; put the answers after the text",
    "cloze": "cloze question (embedded answers): not convertible",
    "description": "description (text without answers): not a question",
}

WORDS = {
    "es": {
        "true": "Verdadero",
        "false": "Falso",
        "explain": "Pregunta importada de Moodle (GIFT) sin retroalimentación general.",
        "general": "General",
    },
    "en": {
        "true": "True",
        "false": "False",
        "explain": "Imported from Moodle (GIFT) without general feedback.",
        "general": "General",
    },
}
_CATEGORY_ROOTS = {"$course$", "$module$", "$system$", "$cat1$", "$cat2$", "top"}


@dataclass(frozen=True)
class Skipped:
    """A GIFT question that could not be converted."""

    line: int
    title: str
    kind: str
    reason: str


@dataclass(frozen=True)
class Note:
    """Something a conversion could not carry over."""

    line: int
    qid: str
    text: str


@dataclass
class Conversion:
    """The converted questions (TOML-ready tables), their topics, and what was left out."""

    questions: list[dict[str, Any]] = field(default_factory=list)
    topics: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    """GIFT line of each converted question, by id."""
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)

    def kinds(self) -> str:
        """ "2 choice, 1 numeric": the converted questions by kind."""
        counts: dict[str, int] = {}
        for q in self.questions:
            counts[q["kind"]] = counts.get(q["kind"], 0) + 1
        return ", ".join(f"{n} {k}" for k, n in sorted(counts.items())) or "none"

    def skipped_lines(self, source: str) -> list[str]:
        """ "file:line: 'title': reason" for each question not converted."""
        return [f"{source}:{s.line}: {s.title!r}: {s.reason}" for s in self.skipped]

    def note_lines(self, source: str) -> list[str]:
        """ "file:line: id: note" for what each conversion left out."""
        return [f"{source}:{n.line}: {n.qid}: {n.text}" for n in self.notes]

    def to_dict(self, source: str, output: str | None) -> dict[str, Any]:
        """The report as JSON-able data, for `import-gift --json`."""
        return {
            "source": source,
            "output": output,
            "converted": [
                {"line": self.lines[q["id"]], "id": q["id"], "kind": q["kind"]}
                for q in self.questions
            ],
            "not_converted": [vars(s) for s in self.skipped],
            "notes": [vars(n) for n in self.notes],
        }


def topic_of(category: str | None, lang: str) -> tuple[str, str]:
    """(topic id, title) for a `$CATEGORY:` path: its last part, without Moodle's roots."""
    parts = [p.strip() for p in (category or "").split("/") if p.strip()]
    parts = [p for p in parts if p.lower() not in _CATEGORY_ROOTS]
    if not parts:
        return "general", WORDS[lang]["general"]
    title = parts[-1]
    return slug(title) or "general", title


def convert(items: list[GiftItem], lang: str) -> Conversion:
    """Convert parsed GIFT items to mpquiz question tables in the language `lang`."""
    out = Conversion()
    for item in items:
        label = item.title or _first_words(item.text) or f"line {item.line}"
        if item.kind in REASONS or item.kind == "invalid":
            reason = REASONS.get(item.kind, "")
            if item.reason:
                reason = f"{reason} ({item.reason})" if reason else item.reason
            out.skipped.append(Skipped(item.line, label, item.kind, reason))
            continue
        qid = _unique(slug(item.title or "", 120) or slug(_first_words(item.text), 60), out)
        notes: list[str] = []
        built = _BUILDERS[item.kind](item, lang, notes)
        if isinstance(built, str):
            out.skipped.append(Skipped(item.line, label, item.kind, built))
            continue
        topic, title = topic_of(item.category, lang)
        out.topics.setdefault(topic, title)
        explain = "\n\n".join(p for p in built.pop("_explain") if p) or WORDS[lang]["explain"]
        out.questions.append(
            {"id": qid, "topic": topic, "kind": built.pop("kind"), "demo": DEMO}
            | {"prompt": item.text or label, "explain": explain}
            | built
        )
        out.lines[qid] = item.line
        out.notes += [Note(item.line, qid, n) for n in notes]
    return out


def _first_words(text: str) -> str:
    return " ".join(text.split()[:6])


def _unique(base: str, out: Conversion) -> str:
    base = base if base and base[0].isalnum() else f"q{len(out.questions) + 1}"
    taken = {q["id"] for q in out.questions}
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def _choice(item: GiftItem, lang: str, notes: list[str]) -> dict[str, Any] | str:
    answers = [a for a in item.answers if a.text]
    if len(answers) < len(item.answers):
        notes.append("an answer with no text was left out")
    if not 2 <= len(answers) <= 8:
        return f"{len(answers)} answers; an mpquiz choice question has 2 to 8"
    single = any(a.marked_right for a in answers)
    correct = [a.weight >= 100 if single else a.weight > 0 for a in answers]
    if not any(correct):
        return "no answer is right (none has a positive weight)"
    for answer in answers:
        if single and 0 < answer.weight < 100:
            notes.append(
                f"partial credit ({answer.weight:g}%) for {answer.text!r} dropped: in mpquiz "
                "an option is right or wrong"
            )
    options = [
        {"text": a.text, "correct": right} | ({"feedback": a.feedback} if a.feedback else {})
        for a, right in zip(answers, correct, strict=True)
    ]
    return {"kind": "choice", "_explain": [item.general_feedback], "options": options}


def _truefalse(item: GiftItem, lang: str, notes: list[str]) -> dict[str, Any]:
    words = WORDS[lang]
    wrong = {"feedback": item.wrong_feedback} if item.wrong_feedback else {}
    options = [
        {"text": words["true"], "correct": bool(item.truth)} | ({} if item.truth else wrong),
        {"text": words["false"], "correct": not item.truth} | (wrong if item.truth else {}),
    ]
    return {
        "kind": "choice",
        "_explain": [item.general_feedback, item.right_feedback],
        "options": options,
    }


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() and abs(value) < 2**53 else value


def _numeric(item: GiftItem, lang: str, notes: list[str]) -> dict[str, Any] | str:
    full = [n for n in item.numbers if n.weight >= 100]
    if not full:
        return "no answer has full credit"
    key, others = full[0], [n for n in item.numbers if n is not full[0]]
    if others:
        notes.append(
            f"{len(others)} other accepted answer(s) dropped (partial credit or a second key): "
            "an mpquiz numeric question has one key"
        )
    answer: Any
    if key.low is not None and key.high is not None:
        answer = {"min": _number(key.low), "max": _number(key.high)}
    elif key.tolerance:
        answer = {"value": _number(key.value or 0.0), "tolerance": _number(key.tolerance)}
    else:
        answer = _number(key.value or 0.0)
    return {
        "kind": "numeric",
        "_explain": [item.general_feedback, key.feedback, item.wrong_feedback],
        "answer": answer,
    }


def _shortanswer(item: GiftItem, lang: str, notes: list[str]) -> dict[str, Any] | str:
    accepted = [a for a in item.answers if a.text and a.text != "*" and a.weight > 0]
    full = [a for a in accepted if a.weight >= 100]
    if not full:
        return "no accepted answer has full credit"
    notes.append("short answer became an open question: the learner compares and rates")
    points = [
        a.text
        + (f" ({a.weight:g}%)" if a.weight < 100 else "")
        + (f": {a.feedback}" if a.feedback else "")
        for a in accepted
    ]
    return {
        "kind": "open",
        "_explain": [item.general_feedback],
        "model_answer": " / ".join(a.text for a in full),
        "key_points": points,
    }


_BUILDERS = {
    "multichoice": _choice,
    "truefalse": _truefalse,
    "numerical": _numeric,
    "shortanswer": _shortanswer,
}
