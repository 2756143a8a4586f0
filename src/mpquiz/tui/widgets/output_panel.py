"""The demo's real output, streamed line by line while it runs, then annotated, with the
timeline of the run's processes under it once the run has ended (render.timeline)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.text import Text
from textual import events
from textual.widgets import Static

from mpquiz.core.inert import inert
from mpquiz.i18n import t
from mpquiz.render.timeline import render_timeline
from mpquiz.tui.formatting import changed_lines, literal

if TYPE_CHECKING:
    from mpquiz.runner import DemoProcess, RunResult

MAX_SHOWN = 400
"""Lines drawn at most (the newest); the runner caps what a demo may print anyway."""


class OutputPanel(Static):
    """A bordered panel: the output lines, evidence marked "▶", lines that changed since
    the previous run marked "≠", and the run's state (running, exit code, problem) below.
    """

    DEFAULT_CSS = """
    OutputPanel {
        height: auto;
        border: round $secondary;
        border-title-style: bold;
        padding: 0 1;
    }
    """

    def __init__(self, lang: str, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.lang = lang
        self.lines: list[str] = []
        self.previous: list[str] | None = None
        self.evidence: set[int] = set()
        self.result: RunResult | None = None
        self.demo: DemoProcess | None = None

    def follow(
        self,
        demo: DemoProcess,
        title: str,
        *,
        compare: bool = False,
        then: Callable[[RunResult], None] | None = None,
    ) -> None:
        """Show `demo`'s output: what it printed so far at once, then each new line.

        With `compare`, the lines shown before become the previous run, and lines that
        differ from it are marked (so a re-run shows what varies between runs). `then` is
        called with the result once the run has ended and is drawn.
        """
        if self.demo is not None:
            self.demo.cancel()  # a run still going is replaced, not left behind
        self.previous = list(self.lines) if compare else None
        self.demo, self.result = demo, None
        self.evidence = set()
        self.border_title = literal(title)
        self.border_subtitle = t("tui.demo.running", self.lang)
        self.lines = [line.text for line in demo.lines_so_far()]
        self._draw()
        self.run_worker(self._stream(demo, len(self.lines), then), group="stream", exclusive=True)

    async def _stream(
        self, demo: DemoProcess, skip: int, then: Callable[[RunResult], None] | None
    ) -> None:
        seen = 0
        async for line in demo.aiter_lines():
            seen += 1
            if seen > skip:
                self.lines.append(line.text)
                self._draw()
        result = await demo.result()
        self.show_result(result)
        if then is not None:
            then(result)

    def show_result(self, run: RunResult) -> None:
        """The final lines and how the run ended."""
        self.result = run
        self.lines = [line.text for line in run.lines]
        if run.error:
            self.border_subtitle = run.error
        else:
            self.border_subtitle = t("tui.demo.exit", self.lang, code=run.exit_code)
        self._draw()

    def show_waiting(self, title: str) -> None:
        """The demo has not started yet (the session is still loading)."""
        self.demo, self.result, self.previous = None, None, None
        self.border_title = literal(title)
        self.border_subtitle = t("tui.demo.starting", self.lang)
        self.lines = []
        self.update(Text(t("tui.demo.starting", self.lang), style="italic"))

    def show_blocked(self, title: str, reason: str) -> None:
        """The demo did not run; say why."""
        self.demo, self.result = None, None
        self.border_title = literal(title)
        self.border_subtitle = ""
        self.lines = []
        self.update(Text(t("tui.demo.not_run", self.lang, reason=reason), style="italic"))

    def mark_evidence(self, indexes: Iterable[int]) -> None:
        """Mark the lines that prove the point (the verdict's evidence)."""
        self.evidence = set(indexes)
        self._draw()

    def stop(self) -> None:
        """Stop the run being shown, if it is still going."""
        if self.demo is not None:
            self.demo.cancel()

    def on_resize(self, event: events.Resize) -> None:
        if self.result is not None:
            self._draw()  # the timeline's bars fit the new width

    def _draw(self) -> None:
        if not self.lines:
            output: Text = Text(t("tui.demo.no_output", self.lang), style="italic")
        else:
            previous = self.previous
            changed = changed_lines(previous, self.lines) if previous is not None else set()
            first = max(0, len(self.lines) - MAX_SHOWN)
            output = _render(self.lines, first, self.evidence, changed)
        timeline = self._timeline()
        self.update(output if timeline is None else Group(output, Text(""), timeline))

    def _timeline(self) -> RenderableType | None:
        run = self.result
        if run is None or not run.processes:
            return None
        width = self.content_size.width or max(self.app.size.width - 6, 40)
        return render_timeline(run.processes, run.duration, self.lang, width=width)


def _render(lines: Sequence[str], first: int, evidence: set[int], changed: set[int]) -> Text:
    text = Text(no_wrap=False)
    if first:
        text.append(f"… {first} …\n", style="dim")
    for i in range(first, len(lines)):
        if i in evidence:
            text.append("▶ ", style="bold")
            text.append(inert(lines[i]), style="bold reverse")
        elif i in changed:
            text.append("≠ ", style="bold")
            text.append(inert(lines[i]), style="underline")
        else:
            text.append("  " + inert(lines[i]))
        if i + 1 < len(lines):
            text.append("\n")
    return text
