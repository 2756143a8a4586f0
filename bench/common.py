"""What a benchmark reports, and small timing helpers."""

from __future__ import annotations

import compileall
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Measure:
    """One figure of mpquiz beside the baseline measured in the same run."""

    id: str
    """Stable across runs and versions ("queue.vs_anki.1k"): what tools and docs read."""
    name: str
    value: float
    baseline: float
    unit: str
    note: str = ""

    @property
    def ratio(self) -> float:
        """mpquiz / baseline (lower is better when the unit is time)."""
        return self.value / self.baseline if self.baseline else float("inf")


def median_of(fn: Callable[[], float], repeat: int) -> float:
    """The median of `repeat` calls of `fn`, each returning one timing."""
    return statistics.median(fn() for _ in range(repeat))


def timed(fn: Callable[[], object]) -> float:
    """Seconds one call of `fn` takes."""
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def compile_mpquiz() -> None:
    """Compile mpquiz's bytecode, as installing a wheel does, so a launch measures
    starting mpquiz rather than compiling it (an editable install under
    PYTHONDONTWRITEBYTECODE would compile every module at every start)."""
    import mpquiz

    for folder in mpquiz.__path__:
        compileall.compile_dir(folder, quiet=1)
