"""Prove a pack's exercises by execution: the starter must fail a check (or the exercise
teaches nothing) and the solution must pass every check this machine can measure, both
with every CPU and pinned to one (where checks about speed are not measurable, and the
starter must still fail a check that is not about speed).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from mpquiz.core.exercise import Report, Status
from mpquiz.core.kinds import ExerciseQuestion
from mpquiz.core.model import Pack
from mpquiz.core.refusal import Refusal
from mpquiz.core.verdict import Note
from mpquiz.session.demos import DemoLauncher
from mpquiz.session.exercise_run import CheckRun, ExerciseRunner

Progress = Callable[[str, int, int], None]
"""Called with (what ran, checks done, checks in all) after each check."""


@dataclass(frozen=True)
class ExerciseProof:
    """What the starter and the solution of one exercise did on `cpus` CPUs."""

    question: ExerciseQuestion
    cpus: int | None
    """None: every CPU mpquiz may use."""
    starter: Report | Note
    """The starter's report, or why it could not be checked."""
    solution: Report | Note

    @property
    def where(self) -> Note:
        """The CPUs, as a problem names them."""
        if self.cpus is None:
            return Note("exercise_proof.all_cpus")
        return Note("exercise_proof.cpus", {"cpus": self.cpus})

    def problems(self) -> list[Note]:
        """What is wrong with the exercise on these CPUs (empty when nothing is)."""
        found = []
        where = self.where
        if isinstance(self.starter, Note):
            found.append(Note("exercise_proof.starter_unchecked",
                              {"where": where, "why": self.starter}))  # fmt: skip
        elif self.starter.passed:
            found.append(Note("exercise_proof.starter_passes", {"where": where}))
        if isinstance(self.solution, Note):
            found.append(Note("exercise_proof.solution_unchecked",
                              {"where": where, "why": self.solution}))  # fmt: skip
        else:
            for failed in self.solution.failed:
                fields: dict[str, object] = {"check": failed.name, "where": where}
                if isinstance(failed.detail, Note):
                    found.append(Note("exercise_proof.solution_fails_why",
                                      fields | {"why": failed.detail}))  # fmt: skip
                else:
                    found.append(Note("exercise_proof.solution_fails", fields))
        return found

    def to_dict(self) -> dict[str, object]:
        """As `pack validate --run --json` reports it."""
        return {
            "cpus": self.cpus or "all",
            "starter": _summary(self.starter),
            "solution": _summary(self.solution),
        }


def _summary(report: Report | Note) -> dict[str, object]:
    if isinstance(report, Note):
        from mpquiz.i18n import words

        return {"error": words(report, "en")}
    return {r.name: r.status.value for r in report.results}


def cpu_settings() -> tuple[int | None, ...]:
    """Every CPU, and one; only one where mpquiz may use only one."""
    try:
        available = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return (None,)  # no affinity to set here: the machine as it is
    return (None, 1) if available > 1 else (1,)


def prove_exercises(
    pack: Pack,
    launcher: DemoLauncher,
    *,
    cpus: Iterable[int | None] | None = None,
    start_method: str | None = None,
    progress: Progress | None = None,
    workers: int = 1,
    starter_timeout: float | None = None,
    python: str | None = None,
) -> list[ExerciseProof]:
    """Check every exercise's starter and solution on each CPU setting.

    With `workers` above 1, that many checks run at once (the tests do, so that starters
    waiting for their time limit overlap): then each run shares the machine with the
    others, and checks about speed are more often not measurable, never wrongly passed.
    `starter_timeout` cuts the starters' runs short (a starter that hangs fails as well
    after 2 s as after the question's own limit; the solutions keep that limit)."""
    from concurrent.futures import ThreadPoolExecutor

    exercises = [q for q in pack.questions if isinstance(q, ExerciseQuestion)]
    settings = tuple(cpu_settings() if cpus is None else cpus)
    tasks = [(q, setting, part) for q in exercises for setting in settings for part in (0, 1)]
    done = 0

    def one(task: tuple[ExerciseQuestion, int | None, int]) -> Report | Note:
        nonlocal done
        question, setting, part = task
        limit = starter_timeout if part == 0 else None
        runner = ExerciseRunner(
            launcher,
            question,
            cpus=setting,
            start_method=start_method,
            timeout=limit,
            python=python,
        )
        report = _check(runner, runner.starter() if part == 0 else runner.solution())
        done += 1
        if progress is not None:
            progress(question.qid, done, len(tasks))
        return report

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        reports = list(pool.map(one, tasks))
    found: list[ExerciseProof] = []
    for i in range(0, len(tasks), 2):
        question, setting, _ = tasks[i]
        found.append(ExerciseProof(question, setting, reports[i], reports[i + 1]))
    return found


def _check(runner: ExerciseRunner, text: str | None) -> Report | Note:
    if text is None:
        return Note("exercise_proof.unreadable")
    checked: CheckRun | Refusal = runner.check(text)
    if isinstance(checked, Refusal):
        return Note(checked.key, dict(checked.params))
    return checked.report


__all__ = ["ExerciseProof", "Status", "cpu_settings", "prove_exercises"]
