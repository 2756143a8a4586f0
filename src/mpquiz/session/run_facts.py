"""What grading needs to know of one demo run, taken from the runner's result and from
the machine it ran on (how many CPUs the demo could use, how busy the machine was)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from mpquiz.core.verdict import RunFacts

if TYPE_CHECKING:
    from mpquiz.runner import RunResult


def available_cores() -> int | None:
    """The CPUs this process (and so its demos) may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not Linux
        return os.cpu_count()


def load_average() -> float | None:
    """The machine's load over the last minute, None where the system does not say."""
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):
        return None


def run_facts(result: RunResult) -> RunFacts:
    """The facts of a finished run, as grading and proofs read them."""
    return RunFacts(
        output=result.output,
        ok=result.ok,
        problem=result.error,
        timed_out=result.timed_out,
        cores=result.cpus if result.cpus is not None else available_cores(),
        load=load_average(),
        others=result.others_busy,
        duration=result.duration,
        processes=tuple(result.processes),
    )
