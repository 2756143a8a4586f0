"""Questions, verdicts, proofs and intervals as Rich renderables, for the CLI and the TUI."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import timedelta
from typing import TYPE_CHECKING, assert_never

from rich.console import Console, Group, RenderableType
from rich.syntax import Syntax
from rich.text import Text as RichText

from mpquiz.core.grading import Verdict
from mpquiz.core.inert import inert
from mpquiz.core.model import (
    ChoiceQuestion,
    ExerciseQuestion,
    NumericQuestion,
    OpenQuestion,
    PredictQuestion,
    Question,
)
from mpquiz.core.proof import NO_RUN, NOT_SHOWN, SHOWN
from mpquiz.core.scheduling import Rating, format_interval
from mpquiz.i18n import t
from mpquiz.render.markdown_text import pack_text

if TYPE_CHECKING:
    from mpquiz.session.recorded import Recorded

RATING_KEYS = {Rating.Again: "1", Rating.Hard: "2", Rating.Good: "3", Rating.Easy: "4"}


def text_console(**options: object) -> Console:
    """A console for the line-by-line modes and CLI listings: strings are printed as they
    are (no Rich markup, no emoji codes, no highlighting), so a pack's text can never
    style or hide itself; mpquiz's own styling goes through Text objects.

    On a terminal, text wraps between words at the terminal's width (left to the terminal,
    a line breaks wherever the width ends, inside a word); piped, each line is written
    whole, as scripts and screen readers read it.
    """
    settings: dict[str, object] = {"markup": False, "emoji": False, "highlight": False}
    console = Console(**(settings | options))  # type: ignore[arg-type]
    if "soft_wrap" not in options:
        console.soft_wrap = not console.is_terminal
    return console


def rating_name(rating: Rating, lang: str) -> str:
    """ "Again", "Hard", "Good", "Easy" in the learner's language."""
    return t(f"rating.{rating.name.lower()}", lang)


def render_question(
    question: Question, lang: str, code: str | None, header: str, *, highlight: bool = True
) -> RenderableType:
    """The prompt, the code (highlighted) and the options or input hint."""
    parts: list[RenderableType] = [
        RichText(header, style="bold"),
        RichText(question.prompt.get(lang)),
    ]
    if code:
        if highlight:
            parts.append(
                Syntax(code, "python", line_numbers=False, word_wrap=True, theme="ansi_dark")
            )
        else:
            parts.append(RichText(code))
    parts.extend(render_choices(question, lang))
    return Group(*parts)


def render_choices(question: Question, lang: str) -> list[RenderableType]:
    """What the learner picks from, numbered: options, or candidate outputs."""
    match question:
        case ChoiceQuestion():
            return [
                RichText(f"  {i}) {option.text.get(lang)}")
                for i, option in enumerate(question.options, 1)
            ]
        case PredictQuestion():
            parts: list[RenderableType] = []
            for i, candidate in enumerate(question.candidates, 1):
                parts.append(RichText(f"  ({i})", style="bold"))
                parts.append(RichText("\n".join("      " + ln for ln in candidate.splitlines())))
            return parts
        case NumericQuestion() | OpenQuestion() | ExerciseQuestion():
            return []
        case _:
            assert_never(question)


_HEADLINES = {
    (True, SHOWN): "verdict.shown_right",
    (False, SHOWN): "verdict.shown_wrong",
    (True, NOT_SHOWN): "verdict.unshown_right",
    (False, NOT_SHOWN): "verdict.unshown_wrong",
    (True, NO_RUN): "verdict.norun_right",
    (False, NO_RUN): "verdict.norun_wrong",
}
_OPEN_LINES = {SHOWN: "verdict.open_shown", NOT_SHOWN: "verdict.open_unshown", NO_RUN: None}


def verdict_state(verdict: Verdict) -> str:
    """ "right", "wrong" or "open" (self-rated): what the colour of a verdict repeats."""
    return {True: "right", False: "wrong", None: "open"}[verdict.correct]


def verdict_headline(verdict: Verdict, lang: str) -> str:
    """The verdict in one sentence, with a mark: right or wrong (by the key), and whether
    this run showed it, did not show it this time, or did not run (core.proof)."""
    status = verdict.proof.status if verdict.proof is not None else NO_RUN
    if verdict.correct is None:
        return "? " + t("verdict.rate_yourself", lang)
    if any(note.key == "exercise.gave_up" for note in verdict.notes):
        return "✘ " + t("exercise.gave_up", lang)
    mark = "✔ " if verdict.correct else "✘ "
    return mark + t(_HEADLINES[(verdict.correct, status)], lang)


def render_proof(verdict: Verdict, lang: str) -> list[RenderableType]:
    """What this run showed of the key, in words: why it did not, what it measured."""
    check = verdict.proof
    if check is None:
        return []
    parts: list[RenderableType] = []
    line = _OPEN_LINES[check.status] if verdict.correct is None else None
    if line is not None:
        parts.append(RichText(t(line, lang), style="bold"))
    if check.status == NOT_SHOWN and check.reason is not None:
        why = t(check.reason.key, lang, **check.reason.params)
        parts.append(RichText("⚠ " + t("verdict.why_not", lang, reason=why), style="yellow"))
    shown_facts = [t(f.key, lang, **f.params) for f in check.facts if f is not check.reason]
    if shown_facts:
        parts.append(RichText("ℹ " + t("verdict.measured", lang, facts="; ".join(shown_facts))))
    return parts


def render_verdict(question: Question, verdict: Verdict, lang: str) -> RenderableType:
    """The headline (in words, not only colour), what this run showed, the key, feedback,
    diff and notes."""
    style = {"right": "bold green", "wrong": "bold red", "open": "bold"}[verdict_state(verdict)]
    parts: list[RenderableType] = []
    if verdict.correct is not None:
        parts.append(RichText(verdict_headline(verdict, lang), style=style))
    parts.extend(render_proof(verdict, lang))
    if verdict.checks:
        from mpquiz.render.exercise import render_checks

        parts.extend(render_checks(verdict.checks, lang))
    elif verdict.correct is False:
        parts.append(RichText(t("verdict.key", lang, key=inert(verdict.key))))
    for feedback in verdict.feedback:
        parts.append(RichText("  • ", style="yellow") + pack_text(feedback.get(lang), "yellow"))
    if verdict.diff and verdict.correct is False:
        parts.append(RichText(t("verdict.diff_legend", lang), style="dim"))
        for line in verdict.diff:
            diff_style = {"-": "red", "+": "green"}.get(line.tag, "")
            parts.append(RichText(f"  {line.tag} {inert(line.text)}", style=diff_style))
    if verdict.run_value is not None and isinstance(question, NumericQuestion) and question.unit:
        parts.append(
            RichText(
                t(
                    "verdict.run_value",
                    lang,
                    value=_num(verdict.run_value),
                    unit=question.unit.get(lang),
                )
            )
        )
    for note in verdict.notes:
        if note.key == "exercise.gave_up":
            continue  # the headline says it
        parts.append(RichText("ℹ " + t(note.key, lang, **note.params), style="cyan"))
    return Group(*parts)


def _num(x: float) -> str:
    return str(int(x)) if x.is_integer() else f"{x:g}"


def render_key_details(question: Question, lang: str) -> RenderableType | None:
    """More of the key than a line, shown after the answer: an open question's model
    answer and key points; None for kinds whose key fits in the verdict."""
    match question:
        case OpenQuestion():
            parts: list[RenderableType] = [RichText(t("open.model_answer", lang), style="bold")]
            parts.append(pack_text(question.model_answer.get(lang)))
            if question.key_points:
                parts.append(RichText(t("open.key_points", lang), style="bold"))
                parts.extend(RichText("  • ") + pack_text(k.get(lang)) for k in question.key_points)
            return Group(*parts)
        case ChoiceQuestion() | NumericQuestion() | PredictQuestion() | ExerciseQuestion():
            return None
        case _:
            assert_never(question)


def render_recorded(recorded: Recorded, lang: str, *, most: int = 12) -> RenderableType:
    """A recorded run that shows the key, labelled as recorded: where and when, then its
    proving lines marked ▶ (or its first lines when the whole output is the proof)."""
    run = recorded.run
    header = t(
        "verdict.recorded",
        lang,
        date=run.recorded,
        python=run.python,
        method=run.start_method,
        cores=run.cores,
    )
    lines = run.output.splitlines()
    marked = set(recorded.lines)
    shown = sorted(marked)[:most] if marked else list(range(min(most, len(lines))))
    parts: list[RenderableType] = [RichText(header, style="bold")]
    for i in shown:
        mark = "▶ " if i in marked else "  "
        parts.append(RichText(f"  {mark}{inert(lines[i])}", style="italic"))
    if len(shown) < (len(marked) if marked else len(lines)):
        parts.append(RichText("  …", style="dim"))
    return Group(*parts)


def render_evidence(lines: Iterable[str]) -> RenderableType:
    """The output lines that prove the point, marked with an arrow (not only colour)."""
    return Group(*(RichText(f"  ▶ {inert(line)}", style="bold yellow") for line in lines))


def intervals_line(
    intervals: Mapping[Rating, timedelta], lang: str, only: Iterable[Rating] | None = None
) -> str:
    """ "1 Again <1m · 2 Hard 6m · 3 Good 10m · 4 Easy 8d", as Anki shows above its buttons."""
    shown = list(only) if only is not None else list(Rating)
    return " · ".join(
        f"{RATING_KEYS[r]} {rating_name(r, lang)} {format_interval(intervals[r])}" for r in shown
    )
