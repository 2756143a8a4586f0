"""The process timeline under a demo's output, drawn from fixed records so it looks the
same on every run: a pool's workers side by side, a join waiting, threads taking turns,
a crash and a kill, at 80x24 and 120x40, in English and Spanish."""

from __future__ import annotations

from typing import Any

import pytest
from textual.app import App, ComposeResult

from mpquiz.core.processes import ProcessRecord, ThreadRecord
from mpquiz.runner import OutputLine, RunResult
from mpquiz.tui.widgets.output_panel import OutputPanel
from tests.tui.conftest import SIZES, plain


def _busy(start: float, end: float, share: float) -> tuple[tuple[float, float], ...]:
    steps = 24
    return tuple(
        (start + (end - start) * i / steps, share * (end - start) * i / steps)
        for i in range(steps + 1)
    )


RECORDS = (
    ProcessRecord(
        4101, 4000, "MainProcess", None, 0.02, 1.30, 0, 0.61,
        threads=(
            ThreadRecord("Thread-1 (burn)", 0.05, 0.65, 0.29),
            ThreadRecord("Thread-2 (burn)", 0.05, 0.64, 0.30),
        ),
        samples=((0.02, 0.0), (0.05, 0.01), (0.65, 0.60), (0.70, 0.60), (1.30, 0.61)),
    ),
    ProcessRecord(4102, 4101, "ForkPoolWorker-1", "fork", 0.70, 1.25, 0, 0.50,
                  samples=_busy(0.70, 1.20, 1.0)),
    ProcessRecord(4103, 4101, "ForkPoolWorker-2", "fork", 0.70, 1.25, 0, 0.49,
                  samples=_busy(0.70, 1.20, 1.0)),
    ProcessRecord(4104, 4101, "Process-3", "fork", 0.72, 0.90, 1, 0.01),
    ProcessRecord(4105, 4101, "Process-4", "fork", 0.72, 1.28, -15, 0.0),
)  # fmt: skip

RESULT = RunResult(
    demo="gil.py",
    args=(),
    exit_code=0,
    duration=1.32,
    timed_out=False,
    truncated=False,
    cancelled=False,
    lines=(OutputLine(0.6, "threads: 0.60 s"), OutputLine(1.2, "processes: 0.55 s")),
    processes=RECORDS,
)


class PanelApp(App[None]):
    """Only an output panel, showing RESULT."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def compose(self) -> ComposeResult:
        yield OutputPanel(self.lang, id="output")

    def on_mount(self) -> None:
        panel = self.query_one(OutputPanel)
        panel.border_title = "demo: gil.py"
        panel.show_result(RESULT)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_look_of_the_timeline(snap_compare: Any, lang: str, size: str) -> None:
    assert snap_compare(PanelApp(lang), terminal_size=SIZES[size])


def test_the_panel_shows_every_process_with_its_exit() -> None:
    import asyncio

    async def main() -> None:
        app = PanelApp("en")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            shown = plain(app.query_one(OutputPanel))
            for name in ("MainProcess", "ForkPoolWorker-1", "ForkPoolWorker-2", "Thread-1"):
                assert name in shown
            assert "SIGTERM" in shown and "█ on a CPU" in shown
            assert all(len(line) <= 80 for line in shown.splitlines())

    asyncio.run(main())
