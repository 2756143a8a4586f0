"""An exercise's checks run on request in the review screen (ctrl+r in the editor): the
program runs, its output streams into the output panel and the checks' results show under
the editor; nothing is stored. Loaded with the first exercise."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, cast

from rich.console import Group
from rich.text import Text
from textual.widgets import Static

from mpquiz.core.errors import AnswerError
from mpquiz.core.refusal import Refusal
from mpquiz.i18n import reason
from mpquiz.render.exercise import render_checks

if TYPE_CHECKING:
    from textual.worker import Worker

    from mpquiz.session.review import ReviewSession
    from mpquiz.tui.screens.review import ReviewScreen


class ExerciseChecks:
    """The checks of the exercise on one review screen: one run at a time."""

    def __init__(self, screen: ReviewScreen) -> None:
        self.screen = screen
        self._running: Worker[None] | None = None

    def run(self, session: ReviewSession, program: str) -> None:
        """Check `program` in the background, unless a check is still running."""
        screen = self.screen
        if self._running is not None and self._running.is_running:
            screen.tell(screen.say("tui.exercise.busy"))
            return
        screen.output.show_waiting(screen.say("tui.exercise.title"))
        screen.after.show("output")
        results = self._results()
        results.update(Text(screen.say("tui.exercise.checking"), style="dim"))
        results.display = True
        self._running = screen.run_worker(
            self._check(session, program), group="check", exclusive=True
        )

    def hide(self) -> None:
        """Hide the last check's results (the answer is given: its verdict follows)."""
        for found in self.screen.query("#check-results"):
            found.display = False

    def _results(self) -> Static:
        slot = self.screen.query_one("#answer-slot")
        found = slot.query("#check-results")
        if found:
            return cast("Static", found.first())
        results = Static(id="check-results")
        slot.mount(results)
        return results

    async def _check(self, session: ReviewSession, program: str) -> None:
        screen, output = self.screen, self.screen.output
        results = self._results()
        try:
            checked = await asyncio.to_thread(session.check_program, program)
        except AnswerError as exc:
            results.display = False
            screen.tell(screen.say(exc.key, **exc.params), severity="error")
            return
        if isinstance(checked, Refusal):
            results.display = False
            output.show_blocked(screen.say("tui.exercise.title"), reason(checked, screen.lang))
            return
        if checked.runs:
            output.show_result(checked.runs[0])
        report = checked.report
        summary = (
            screen.say("tui.exercise.all_passed")
            if report.passed
            else screen.say(
                "tui.exercise.some_failed", n=session.current_attempts, failed=len(report.failed)
            )
        )
        style = "bold green" if report.passed else "bold red"
        results.update(
            Group(*render_checks(report.results, screen.lang), Text(summary, style=style))
        )
        output.border_title = screen.say("tui.exercise.title")
        # At 80x24 the results are below the editor: say the gist where it is seen.
        screen.tell(
            f"{summary} {screen.say('tui.exercise.details_below')}",
            severity="information" if report.passed else "warning",
        )
