"""Checking an exercise: what mpquiz adds to the program's own run time.

For each built-in exercise, its solution is checked as `mpquiz exercise check` does
(the reference run when a check needs it, the program's runs, judging). The measure is
the time of the whole check less the time its runs themselves took (their wall time as
the runner measured it: process start to exit); the baseline is those runs' own time,
in the same check. The issue's bar: at most 3 s apart from the program's own run time.
"""

from __future__ import annotations

import statistics
import time

from bench.common import Measure
from mpquiz.core.kinds import ExerciseQuestion
from mpquiz.packs.places import PackPlaces
from mpquiz.session.demos import DemoLauncher, TrustLocalFiles
from mpquiz.session.exercise_run import CheckRun, ExerciseRunner


def _exercises() -> tuple[DemoLauncher, list[ExerciseQuestion]]:
    from mpquiz import paths
    from mpquiz.packs.loader import load_pack

    pack = load_pack(paths.builtin_pack_dir(), demos_dir=paths.builtin_demos_dir())
    launcher = DemoLauncher(PackPlaces.here(), TrustLocalFiles())
    return launcher, [q for q in pack.questions if isinstance(q, ExerciseQuestion)]


def run(quick: bool) -> list[Measure]:
    """The overhead of one check of each built-in exercise's solution, median and max."""
    launcher, exercises = _exercises()
    if quick:
        exercises = exercises[:4]
    overheads, own = [], []
    for question in exercises:
        runner = ExerciseRunner(launcher, question)
        solution = runner.solution()
        if solution is None:
            continue
        start = time.perf_counter()
        checked = runner.check(solution)
        total = time.perf_counter() - start
        if not isinstance(checked, CheckRun):
            continue
        runs = [*checked.runs, *([checked.reference] if checked.reference else [])]
        spent = sum(r.duration for r in runs)
        overheads.append(total - spent)
        own.append(spent)
    if not overheads:
        return []
    worst = max(overheads)
    return [
        Measure(
            "exercise.check_overhead",
            "exercise check overhead, median over solutions",
            statistics.median(overheads),
            statistics.median(own),
            "s",
            f"{len(overheads)} built-in exercises, their solutions; worst overhead "
            f"{worst:.3f} s (bar: 3 s)",
        )
    ]
