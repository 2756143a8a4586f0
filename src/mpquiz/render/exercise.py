"""An exercise's checks as the learner reads them: each with its result in words and a
mark (never colour alone), what was found, and the output lines that show it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import RenderableType
from rich.text import Text as RichText

from mpquiz.core.exercise import CheckResult, Status
from mpquiz.core.inert import inert
from mpquiz.i18n import t

if TYPE_CHECKING:
    from mpquiz.session.exercise_run import ExerciseOutcome

MARKS = {Status.PASSED: "✔", Status.FAILED: "✘", Status.UNMEASURABLE: "–"}
STATUS_KEYS = {
    Status.PASSED: "exercise.status.passed",
    Status.FAILED: "exercise.status.failed",
    Status.UNMEASURABLE: "exercise.status.not-measurable",
}
STYLES = {Status.PASSED: "green", Status.FAILED: "bold red", Status.UNMEASURABLE: "yellow"}


def render_checks(results: tuple[CheckResult, ...], lang: str) -> list[RenderableType]:
    """One block per check: `✔ passed · name: message`, the finding, the evidence."""
    parts: list[RenderableType] = [RichText(t("exercise.checks", lang), style="bold")]
    for r in results:
        status = t(STATUS_KEYS[r.status], lang)
        message = r.message.get(lang)
        line = RichText(f"{MARKS[r.status]} {status} · ", style=STYLES[r.status])
        line.append(f"{inert(r.name)}: {message}", style="")
        parts.append(line)
        if r.detail is not None:
            parts.append(RichText("    " + t(r.detail.key, lang, **r.detail.params), style="dim"))
        for evidence in r.evidence:
            parts.append(RichText("    ▶ " + inert(evidence)))
    return parts


def render_attempt(
    ended: ExerciseOutcome, lang: str, *, highlight: bool = True
) -> list[RenderableType]:
    """After an exercise: how many checks it took, the solution and the diff."""
    parts: list[RenderableType] = []
    if ended.attempts > 1:
        parts.append(RichText(t("exercise.attempts", lang, attempts=ended.attempts), style="dim"))
    parts.extend(render_solution(ended.solution, ended.diff, lang, highlight=highlight))
    return parts


def render_solution(
    solution: str | None, diff: tuple[str, ...], lang: str, *, highlight: bool = True
) -> list[RenderableType]:
    """The solution (once the learner passed or gave up) and their program against it."""
    from rich.syntax import Syntax

    parts: list[RenderableType] = []
    if solution:
        parts.append(RichText(t("exercise.solution", lang), style="bold"))
        if highlight:
            parts.append(Syntax(inert(solution), "python", theme="ansi_dark", word_wrap=True))
        else:
            parts.append(RichText(inert(solution)))
    body = [line for line in diff if not line.startswith(("---", "+++", "@@"))]
    if body:
        parts.append(RichText(t("exercise.diff_legend", lang), style="dim"))
        for line in body:
            style = {"-": "red", "+": "green"}.get(line[:1], "")
            parts.append(RichText("  " + inert(line), style=style))
    return parts
