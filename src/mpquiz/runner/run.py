"""run_demo(): run a demo to its end, synchronously (for the CLI)."""

from __future__ import annotations

from collections.abc import Callable

from mpquiz.runner.demo_process import start_demo
from mpquiz.runner.result import OutputLine, RunResult
from mpquiz.runner.spec import DemoSpec


def run_demo(spec: DemoSpec, on_line: Callable[[OutputLine], None] | None = None) -> RunResult:
    """Run a demo, calling `on_line` for each line as it arrives, and return the result.

    If `on_line` raises (or Ctrl+C interrupts), the demo is cancelled and waited for
    before the exception propagates, so nothing is left running.
    """
    process = start_demo(spec)
    try:
        for line in process.iter_lines():
            if on_line is not None:
                on_line(line)
        return process.wait()
    except BaseException:
        process.cancel()
        process.wait()
        raise
