"""Checking a learner's program for an exercise: run it (and the reference), judge it.

What runs is decided as for any demo (session.demos): the exercise's pack must be
trusted here (or be the built-in one) and the question's row must match its pack's
plan; the reference program is one of the pack's files; the learner's program is the
text they wrote, put in a private temporary folder and run with the question's
arguments, under the same runner limits as demos (time, memory, output, no survivors).
Nothing from the database or the pack chooses another file.
"""

from __future__ import annotations

import dataclasses
import difflib
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from mpquiz.core.exercise import (
    Attempt,
    Report,
    SpeedupTest,
    judge,
    runs_needed,
    short_of_speed,
)
from mpquiz.core.hangs import likely_cause
from mpquiz.core.kinds import ExerciseQuestion
from mpquiz.core.refusal import Refusal
from mpquiz.core.scheduling import Rating
from mpquiz.core.structure import analyse, told_line
from mpquiz.core.text import Text
from mpquiz.core.verdict import Note, RunFacts, Verdict
from mpquiz.packs.code import region_start, regions, splice, strip_markers
from mpquiz.runner import DemoSpec, RunResult
from mpquiz.runner.parallel_capacity import parallel_capacity
from mpquiz.session.demos import DemoLauncher
from mpquiz.session.run_facts import run_facts

Progress = Callable[[str, int, int], None]
"""Called with ("reference" or "program", runs done, runs in all) after each run."""

PROGRAM_NAME = "exercise.py"
SPEED_RETRIES = 2
"""How many more times the reference and the program run when a speed-up fell short."""


@dataclass(frozen=True)
class CheckRun:
    """One check of a program: the report, and the runs it is made of."""

    report: Report
    program: str
    """The whole program that ran (the starter with the learner's region, or theirs)."""
    runs: tuple[RunResult, ...]
    reference: RunResult | None


class ExerciseRunner:
    """Runs and judges programs for one exercise, through `launcher`'s checks."""

    def __init__(
        self,
        launcher: DemoLauncher,
        question: ExerciseQuestion,
        *,
        cpus: int | None = None,
        start_method: str | None = None,
        timeout: float | None = None,
        python: str | None = None,
    ) -> None:
        """`cpus`, `start_method` and `python` set those of every run (runner.DemoSpec),
        as `pack validate --run` does to check an exercise on one CPU, under each method
        or under another interpreter; `timeout`, when shorter than the question's, limits
        each run to it."""
        self.launcher = launcher
        self.question = question
        self.cpus = cpus
        self.start_method = start_method
        self.python = python
        self.timeout = timeout

    # What the learner sees.

    def starter(self) -> str | None:
        """The code the learner starts from: the region `edit`, or the whole starter."""
        return self._part(self.question.demo)

    def solution(self) -> str | None:
        """The reference solution, shown once they pass or give up (same part)."""
        return self._part(self.question.solution)

    def _part(self, demo: str) -> str | None:
        source = self.launcher.file_source(self.question.pack_id, demo)
        if source is None:
            return None
        if self.question.edit:
            part = regions(source).get(self.question.edit)
            return None if part is None else part + "\n"
        return strip_markers(source) + "\n"

    def diff(self, text: str, solution: str | None = None) -> list[str]:
        """The solution (read here unless given) against the learner's program, as a
        unified diff."""
        solution = (self.solution() if solution is None else solution) or ""
        return list(
            difflib.unified_diff(
                text.splitlines(), solution.splitlines(), "yours", "solution", lineterm=""
            )
        )

    def program(self, text: str) -> str | Refusal:
        """The whole program for the learner's `text` (spliced into the starter when the
        exercise edits a region)."""
        if not self.question.edit:
            return text
        source = self.launcher.file_source(self.question.pack_id, self.question.demo)
        spliced = None if source is None else splice(source, self.question.edit, text)
        if spliced is None:
            return Refusal.of("demo.missing", file=self.question.demo)
        return spliced

    # Running it.

    def check(self, text: str, *, progress: Progress | None = None) -> CheckRun | Refusal:
        """Run the program (and the reference when a check needs it) and judge it;
        returns why nothing could run instead, when nothing may."""
        question = self.question
        plan = self.launcher.plan(question)
        if plan.spec is None:
            assert plan.blocked is not None
            return plan.blocked
        spec = self._tuned(plan.spec)
        program = self.program(text)
        if isinstance(program, Refusal):
            return program
        needs_reference = any(c.needs_reference for c in question.checks)
        count = runs_needed(question.checks)
        total = count + int(needs_reference)
        reference: RunResult | None = None
        if needs_reference:
            reference = self._reference(spec)
            if progress is not None:
                progress("reference", 1, total)
        first_line = self._first_line(program)
        runs, hang = self._runs(spec, program, first_line, count, total, progress)
        facts = tuple(run_facts(r) for r in runs)
        attempt = Attempt(
            program,
            facts,
            None if reference is None else run_facts(reference),
            analyse(program, first_line),
            hang,
        )
        report = judge(question.checks, attempt, clean_message())
        # A speed-up that fell short on a noisy machine may be a busy moment, not the
        # program: time the reference and the program again, each its fastest run.
        timing: list[tuple[RunResult, RunResult]] = []
        while short_of_speed(report) and reference is not None and len(timing) < SPEED_RETRIES:
            total += 2
            again = self._reference(spec)
            if progress is not None:
                progress("reference", total - 1, total)
            more, _ = self._runs(spec, program, first_line, 1, total, progress)
            if again is None or not more:
                break
            timing.append((again, more[0]))
            # Each pair's facts once, as it ends (the load they carry is that moment's).
            pair = (run_facts(again), run_facts(more[0]))
            attempt = dataclasses.replace(attempt, timing=(*attempt.timing, pair))
            report = judge(question.checks, attempt, clean_message())
        if short_of_speed(report) and timing:
            # Still short: did the machine give the cores the check needs, just now?
            cores = max(c.test.cores for c in question.checks if isinstance(c.test, SpeedupTest))
            attempt = dataclasses.replace(attempt, capacity=parallel_capacity(cores))
            report = judge(question.checks, attempt, clean_message())
        every = (*runs, *(b for _, b in timing))
        return CheckRun(report, program, every, reference)

    @staticmethod
    def _hang(runs: list[RunResult], script: Path, first_line: int) -> Note | None:
        """Why a run that passed its time limit was stuck, from its processes' stacks,
        with the line counted in the learner's own text."""
        stuck = next((r for r in runs if r.timed_out), None)
        cause = None if stuck is None else likely_cause(stuck.stacks, script)
        line = None if cause is None else cause.params.get("line")
        if cause is None or not isinstance(line, int):
            return cause
        return Note(cause.key, {**cause.params, "line": told_line(line, first_line)})

    def _first_line(self, program: str) -> int:
        """Where the learner's text starts in the program (1 unless a region is edited)."""
        if not self.question.edit:
            return 1
        return region_start(program, self.question.edit) or 1

    def _reference(self, spec: DemoSpec) -> RunResult | None:
        q = self.question
        plan = self.launcher.plan_file(q.pack_id, q.reference_demo, spec.args, spec.timeout)
        if plan.spec is None:
            return None
        return self.launcher.start_spec(self._tuned(plan.spec)).wait()

    def _tuned(self, spec: DemoSpec) -> DemoSpec:
        timeout = spec.timeout if self.timeout is None else min(spec.timeout, self.timeout)
        tuned = (self.cpus, self.start_method, self.python)
        if tuned == (None, None, None) and timeout == spec.timeout:
            return spec
        return dataclasses.replace(
            spec,
            cpus=self.cpus,
            start_method=self.start_method,
            timeout=timeout,
            python=self.python,
        )

    def _runs(
        self,
        spec: DemoSpec,
        program: str,
        first_line: int,
        count: int,
        total: int,
        progress: Progress | None,
    ) -> tuple[tuple[RunResult, ...], Note | None]:
        """The program's runs (they stop at the first that fails) and, when one passed
        its time limit, its likely cause (read while the program's file still exists)."""
        folder = Path(tempfile.mkdtemp(prefix="mpquiz-exercise-"))
        try:
            script = folder / PROGRAM_NAME
            script.write_text(program, encoding="utf-8")
            own = dataclasses.replace(spec, script=script)
            runs: list[RunResult] = []
            for i in range(count):
                result = self.launcher.start_spec(own).wait()
                runs.append(result)
                if progress is not None:
                    progress("program", total - count + i + 1, total)
                if not result.ok:
                    break  # a crash or a hang says enough; the other runs would repeat it
            return tuple(runs), self._hang(runs, script, first_line)
        finally:
            shutil.rmtree(folder, ignore_errors=True)


def facts_with(report: Report) -> RunFacts:
    """The facts grading reads for an exercise: its attempt's report."""
    first = report.attempt.runs[0] if report.attempt and report.attempt.runs else None
    base = first or RunFacts("", ok=False)
    return dataclasses.replace(base, report=report)


@dataclass(frozen=True)
class ExerciseOutcome:
    """How an exercise ended: its last check (None when the learner gave up before any
    or nothing could run), the attempts, and the solution with the diff against theirs
    (shown once they passed or gave up)."""

    attempts: int
    gave_up: bool
    check: CheckRun | None
    solution: str | None
    diff: tuple[str, ...]

    @property
    def passed(self) -> bool:
        """True when the last check failed nothing and the learner did not give up."""
        return not self.gave_up and self.check is not None and self.check.report.passed

    def to_dict(self) -> dict[str, object]:
        """As kept with the review (`review.exercise`)."""
        results = self.check.report.results if self.check is not None else ()
        return {
            "attempts": self.attempts,
            "gave_up": self.gave_up,
            "passed": self.passed,
            "checks": [r.to_dict() for r in results],
        }


def suggested_rating(outcome: ExerciseOutcome) -> Rating:
    """The rating the attempt suggests: Good when it passed at the first check, Hard after
    several, Again when it failed or the learner gave up (they may override it)."""
    if not outcome.passed:
        return Rating.Again
    return Rating.Good if outcome.attempts <= 1 else Rating.Hard


def gave_up_verdict(question: ExerciseQuestion, lang: str) -> Verdict:
    """The verdict of an exercise given up: wrong, nothing ran, the solution follows."""
    from mpquiz.core.proof import NO_RUN, ProofCheck

    return Verdict(
        False,
        question.key_text(lang),
        (Note("exercise.gave_up"),),
        proof=ProofCheck(NO_RUN, reason=Note("exercise.gave_up")),
    )


def clean_message() -> Text:
    """The message of the implicit check RUNS_CLEANLY, in every language."""
    from mpquiz.i18n import LANGUAGES, t

    return Text({lang: t("exercise.runs_cleanly", lang) for lang in LANGUAGES})
