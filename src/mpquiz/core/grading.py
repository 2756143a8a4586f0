"""From a question, the learner's answer and a demo run, decide a verdict.

A learner is never graded wrong because of a lucky or unlucky run: a prediction is right
when it fits this run's output *or* the pack's key, and a run that contradicts the key is
reported as such, not held against the learner.
"""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass, field

from mpquiz.core.errors import AnswerError
from mpquiz.core.model import Kind, MatchRule, Question, Text
from mpquiz.core.outputs import matches, normalize


@dataclass(frozen=True)
class RunFacts:
    """What grading needs to know of a demo run."""

    output: str
    ok: bool
    problem: str | None = None


@dataclass(frozen=True)
class Note:
    """A remark on a verdict, as a message key for the translation layer and its values."""

    key: str
    params: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class DiffLine:
    """One line of the comparison between a prediction and the real output."""

    tag: str  # " " in both, "-" only in the prediction, "+" only in the real output
    text: str


@dataclass(frozen=True)
class Verdict:
    """The outcome of one answer. `correct` is None for open questions until self-rated."""

    correct: bool | None
    key: str
    notes: tuple[Note, ...] = ()
    diff: tuple[DiffLine, ...] = ()
    evidence: tuple[int, ...] = ()
    feedback: tuple[Text, ...] = ()
    run_value: float | None = None


def parse_answer(question: Question, raw: str) -> str:
    """Check and normalise a typed answer; the result is what gets stored.

    Raises:
        AnswerError: the answer does not fit the question (message key and values).
    """
    text = raw.strip()
    if question.kind is Kind.CHOICE:
        picked = sorted(set(_parse_choices(text, len(question.options))))
        return ",".join(str(i) for i in picked)
    if question.kind is Kind.NUMERIC:
        return _fmt_number(_parse_number(text))
    if question.kind is Kind.PREDICT and question.candidates and text.isdigit():
        index = int(text)
        if not 1 <= index <= len(question.candidates):
            raise AnswerError("answer.no_such_option", n=len(question.candidates))
        return question.candidates[index - 1]
    if not text and question.kind is not Kind.OPEN:
        raise AnswerError("answer.empty")
    return raw.rstrip("\n") if question.kind is Kind.PREDICT else text


def _parse_choices(text: str, count: int) -> list[int]:
    tokens = [t for t in re.split(r"[\s,;]+", text) if t]
    if not tokens:
        raise AnswerError("answer.empty")
    picked = []
    for token in tokens:
        if token.isdigit() and 1 <= int(token) <= count:
            picked.append(int(token))
        elif len(token) == 1 and token.isalpha() and ord(token.lower()) - 96 in range(1, count + 1):
            picked.append(ord(token.lower()) - 96)
        else:
            raise AnswerError("answer.no_such_option", n=count)
    return picked


def _parse_number(text: str) -> float:
    try:
        number = float(text.replace(",", ".").replace("_", ""))
    except ValueError:
        raise AnswerError("answer.not_a_number") from None
    if not math.isfinite(number):
        raise AnswerError("answer.not_a_number")
    return number


def _fmt_number(x: float) -> str:
    return str(int(x)) if x.is_integer() else repr(x)


def answer_key(question: Question, lang: str) -> str:
    """The right answer of a question, written out for people."""
    if question.kind is Kind.CHOICE:
        return ", ".join(
            f"{i + 1}. {question.options[i].text.get(lang)}"
            for i in sorted(question.correct_options)
        )
    if question.kind is Kind.NUMERIC and question.answer is not None:
        unit = f" {question.unit.get(lang)}" if question.unit else ""
        return question.answer.describe() + unit
    if question.kind is Kind.PREDICT:
        return question.expected.strip("\n")
    return question.model_answer.get(lang) if question.model_answer else ""


def grade(question: Question, answer: str, run: RunFacts | None, lang: str) -> Verdict:
    """The verdict for a parsed answer (see `parse_answer`) given this run, if any."""
    notes = list(_run_notes(run))
    evidence = _evidence(question, run)
    if question.kind is Kind.CHOICE:
        return _grade_choice(question, answer, notes, evidence, lang)
    if question.kind is Kind.NUMERIC:
        return _grade_numeric(question, answer, run, notes, evidence, lang)
    if question.kind is Kind.PREDICT:
        return _grade_predict(question, answer, run, notes, evidence, lang)
    return Verdict(
        None,
        answer_key(question, lang),
        tuple(notes),
        (),
        evidence,
    )


def _run_notes(run: RunFacts | None) -> list[Note]:
    if run is None:
        return [Note("verdict.no_run")]
    if not run.ok:
        return [Note("verdict.run_failed", {"problem": run.problem or "?"})]
    return []


def _evidence(question: Question, run: RunFacts | None) -> tuple[int, ...]:
    if run is None or not question.evidence:
        return ()
    pattern = re.compile(question.evidence)
    return tuple(i for i, line in enumerate(run.output.splitlines()) if pattern.search(line))


def _grade_choice(
    question: Question, answer: str, notes: list[Note], evidence: tuple[int, ...], lang: str
) -> Verdict:
    picked = {int(i) - 1 for i in answer.split(",") if i}
    right = question.correct_options
    feedback = tuple(
        question.options[i].feedback  # type: ignore[misc]
        for i in sorted(picked - right)
        if question.options[i].feedback is not None
    )
    return Verdict(
        picked == right, answer_key(question, lang), tuple(notes), (), evidence, feedback
    )


def _grade_numeric(
    question: Question,
    answer: str,
    run: RunFacts | None,
    notes: list[Note],
    evidence: tuple[int, ...],
    lang: str,
) -> Verdict:
    assert question.answer is not None
    correct = question.answer.accepts(float(answer))
    run_value = measured_value(question.evidence, run.output) if run is not None else None
    if run is not None and run.ok and run_value is not None:  # noqa: SIM102
        if not question.answer.accepts(run_value):
            notes.append(Note("verdict.run_contradicts", {"value": _fmt_number(run_value)}))
    return Verdict(
        correct, answer_key(question, lang), tuple(notes), (), evidence, run_value=run_value
    )


def measured_value(evidence: str | None, output: str) -> float | None:
    """This run's value: the group named `value` of `evidence`, on the first line it fits.

    Only a regex with that group measures anything ("lost updates: (?P<value>\\d+)");
    otherwise `evidence` merely highlights lines.
    """
    if not evidence:
        return None
    pattern = re.compile(evidence)
    if "value" not in pattern.groupindex:
        return None
    for line in output.splitlines():
        found = pattern.search(line)
        if found and found.group("value") is not None:
            try:
                return float(found.group("value").replace(",", "."))
            except ValueError:
                return None
    return None


def _grade_predict(
    question: Question,
    answer: str,
    run: RunFacts | None,
    notes: list[Note],
    evidence: tuple[int, ...],
    lang: str,
) -> Verdict:
    fits_key = matches(question.match, question.expected, answer)
    usable_run = run is not None and run.ok
    fits_run = (
        usable_run
        and question.match is not MatchRule.PATTERN
        and matches(
            question.match,
            run.output,
            answer,  # type: ignore[union-attr]
        )
    )
    if usable_run and not matches(question.match, question.expected, run.output):  # type: ignore[union-attr]
        notes.append(Note("verdict.output_differs_from_key"))
    if question.varies:
        notes.append(Note("verdict.output_varies"))
    reference = (
        run.output
        if usable_run and question.match is not MatchRule.PATTERN
        else (question.expected)
    )
    diff = tuple(_diff(normalize(answer), normalize(reference)))  # type: ignore[arg-type]
    return Verdict(fits_key or fits_run, answer_key(question, lang), tuple(notes), diff, evidence)


def _diff(predicted: list[str], real: list[str]) -> list[DiffLine]:
    out: list[DiffLine] = []
    matcher = difflib.SequenceMatcher(a=predicted, b=real, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.extend(DiffLine(" ", line) for line in predicted[i1:i2])
            continue
        out.extend(DiffLine("-", line) for line in predicted[i1:i2])
        out.extend(DiffLine("+", line) for line in real[j1:j2])
    return out
