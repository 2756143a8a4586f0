"""One-line human reasons for a run that did not end well (RunResult.error)."""

from __future__ import annotations

import re
import signal
from collections.abc import Sequence

from mpquiz.runner.result import OutputLine

# The last line of a Python traceback names the exception ("MemoryError",
# "EOFError: EOF when reading a line"); quoting it saves the learner a scroll.
_EXCEPTION_LINE = re.compile(r"^([A-Za-z_][\w.]*(?:Error|Exception|Interrupt|Exit))\b")

_SIGNAL_HINTS = {
    signal.SIGKILL: "often the memory or CPU limit, or the system running out of memory",
    signal.SIGSEGV: "the interpreter crashed",
    signal.SIGABRT: "the interpreter aborted",
}
if hasattr(signal, "SIGXCPU"):
    _SIGNAL_HINTS[signal.SIGXCPU] = "CPU time limit reached"
if hasattr(signal, "SIGXFSZ"):
    _SIGNAL_HINTS[signal.SIGXFSZ] = "file size limit reached"


def could_not_start(reason: str) -> str:
    """The error of a run whose process never started."""
    return f"could not start: {reason}"


def run_failure(
    *,
    exit_code: int | None,
    timeout: float,
    timed_out: bool,
    cancelled: bool,
    lines: Sequence[OutputLine],
) -> str | None:
    """Why a started run failed, or None when it exited with 0 on its own."""
    if cancelled:
        return "cancelled"
    if timed_out:
        return f"timed out after {timeout:g} s"
    if exit_code is None or exit_code == 0:
        return None
    if exit_code < 0:
        return _killed_by(-exit_code)
    reason = f"exited with code {exit_code}"
    exception = _last_exception(lines)
    return f"{reason} ({exception})" if exception else reason


def _killed_by(signum: int) -> str:
    try:
        known = signal.Signals(signum)
    except ValueError:
        return f"killed by signal {signum}"
    name, hint = known.name, _SIGNAL_HINTS.get(known)
    return f"killed by {name} ({hint})" if hint else f"killed by {name}"


def _last_exception(lines: Sequence[OutputLine]) -> str | None:
    for line in reversed(lines):
        text = line.text.strip()
        if not text or text.startswith("[mpquiz:"):
            continue
        match = _EXCEPTION_LINE.match(text)
        return match.group(1) if match else None
    return None
