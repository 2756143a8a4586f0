"""An exercise's checks as the learner reads them: each with its result in words and a
mark (never colour alone), what was found, and the output lines that show it."""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text as RichText

from mpquiz.core.exercise import CheckResult, Status
from mpquiz.core.inert import inert
from mpquiz.i18n import t

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
