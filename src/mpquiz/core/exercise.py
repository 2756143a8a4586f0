"""Exercises' checks: what a learner's program must do, and how one attempt is judged.

A pack writes each check as a table (`[[question.checks]]`, docs/writing-packs.md): a
name, a message in each language, how many runs it needs, and one test: a line, a value
and its relation, an order of lines, or processes busy at once in the program's output
and process records (core.proof's parts); the whole output against `expected` or against
the reference program's output (core.outputs' match rules); a speed-up over the
reference; constructs the program uses or avoids (core.structure). Every exercise also
has the implicit first check RUNS_CLEANLY: each run exits with code 0 in time.

judge() takes an Attempt (the program's runs and the reference run of one check) and
gives a CheckResult per check: passed, failed, or not measurable here (too few cores, a
busy machine), which neither passes nor fails and says why.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any, TypeAlias

from mpquiz.core.outputs import MatchRule, matches
from mpquiz.core.proof import (
    FULL,
    NOT_SHOWN,
    PART_KEYS,
    SHOWN,
    UNMEASURABLE,
    LineShown,
    OrderShown,
    ParallelShown,
    Proof,
    ValueShown,
    check,
    machine_busy,
    part_from_table,
)
from mpquiz.core.structure import StructureFacts
from mpquiz.core.text import Text
from mpquiz.core.verdict import Note, RunFacts, format_number

RUNS_CLEANLY = "runs-cleanly"
"""The implicit first check of every exercise."""
MAX_RUNS = 10


class Status(StrEnum):
    """A check's result."""

    PASSED = "passed"
    FAILED = "failed"
    UNMEASURABLE = "not-measurable"


@dataclass(frozen=True)
class OutputTest:
    """A part of core.proof (line, value, order, parallel) that must hold in each run."""

    part: LineShown | ValueShown | OrderShown | ParallelShown
    cores: int = 1


@dataclass(frozen=True)
class ExpectedTest:
    """The whole output fits `expected` under `match`."""

    expected: str
    match: MatchRule = MatchRule.EXACT


@dataclass(frozen=True)
class SameOutputTest:
    """The output fits the reference program's output of the same check under `match`."""

    match: MatchRule = MatchRule.LINES


@dataclass(frozen=True)
class SpeedupTest:
    """The reference's wall time over the program's is at least `factor`, with `cores`."""

    factor: float
    cores: int = 2


@dataclass(frozen=True)
class StructureTest:
    """The program uses every construct of `uses` and none of `avoids` (core.structure)."""

    uses: tuple[str, ...] = ()
    avoids: tuple[str, ...] = ()


CheckTest: TypeAlias = OutputTest | ExpectedTest | SameOutputTest | SpeedupTest | StructureTest
TEST_KEYS = ("line", "value", "order", "parallel", "expected", "same_output", "speedup", "uses")
"""The keys that name a check's test (`value` goes with `is`, `avoids` may stand alone)."""


@dataclass(frozen=True)
class ExerciseCheck:
    """One check of an exercise, as its pack writes it."""

    name: str
    message: Text
    test: CheckTest
    runs: int = 1
    table: str = ""
    """The pack's table as canonical JSON (how it is stored and compared)."""

    @property
    def needs_reference(self) -> bool:
        """True when the check compares with the reference program's run."""
        return isinstance(self.test, SameOutputTest | SpeedupTest)


def check_from_table(table: dict[str, Any]) -> ExerciseCheck:
    """A check from its pack table (checked by the pack loader first: packs.schema).

    Raises:
        ValueError: the table names no test, or more than one.
    """
    named = [k for k in TEST_KEYS if k in table]
    if not named and "avoids" in table:
        named = ["uses"]
    if len(named) != 1:
        raise ValueError(f"a check names one of {', '.join(TEST_KEYS)}; got {named}")
    test = _test(named[0], table)
    runs = table.get("runs", 1)
    return ExerciseCheck(
        name=str(table["name"]),
        message=Text(table.get("message") or {}),
        test=test,
        runs=max(1, min(MAX_RUNS, int(runs) if isinstance(runs, int | float) else 1)),
        table=json.dumps(table, sort_keys=True, ensure_ascii=False),
    )


def _test(key: str, table: dict[str, Any]) -> CheckTest:
    match key:
        case "expected":
            return ExpectedTest(str(table["expected"]), MatchRule(table.get("match", "exact")))
        case "same_output":
            return SameOutputTest(MatchRule(table.get("match", "lines")))
        case "speedup":
            return SpeedupTest(float(table["speedup"]), int(table.get("cores", 2)))
        case "uses":
            return StructureTest(
                tuple(str(u) for u in table.get("uses", ())),
                tuple(str(a) for a in table.get("avoids", ())),
            )
        case _:
            part = part_from_table({k: v for k, v in table.items() if k in (*PART_KEYS, "is")})
            assert isinstance(part, LineShown | ValueShown | OrderShown | ParallelShown)
            cores = table.get("cores", 2 if isinstance(part, ParallelShown) else 1)
            return OutputTest(part, int(cores))


def check_to_dict(c: ExerciseCheck) -> dict[str, Any]:
    """A check as stored in a question's JSON: its pack table."""
    data: dict[str, Any] = json.loads(c.table)
    return data


@dataclass(frozen=True)
class Attempt:
    """What one check of a program ran: its runs and, when a check needs it, the
    reference program's run, each with its facts (durations included)."""

    program: str
    runs: tuple[RunFacts, ...]
    reference: RunFacts | None = None
    structure: StructureFacts | None = None
    hang: Note | None = None
    """The likely cause when a run passed its time limit (core.hangs)."""
    timing: tuple[tuple[RunFacts, RunFacts], ...] = ()
    """(reference, program) runs made again to time them, when a speed-up fell short."""
    capacity: float | None = None
    """Cores' worth of work the machine gave processes busy at once, measured when a
    speed-up still fell short (runner.parallel_capacity); None when not measured."""

    @property
    def all_runs(self) -> tuple[RunFacts, ...]:
        """Every run of the program, those made again for timing last."""
        return (*self.runs, *(program for _, program in self.timing))


@dataclass(frozen=True)
class CheckResult:
    """One check's result for one attempt."""

    name: str
    status: Status
    message: Text
    """The check's own message (what it wants)."""
    detail: Note | None = None
    """What was found, or why it could not be judged."""
    evidence: tuple[str, ...] = ()
    """The output lines that show it."""
    run: int | None = None
    """The run (1-based) it failed in, when it failed in one."""

    def to_dict(self) -> dict[str, Any]:
        """JSON-able data, as kept with a review."""
        return {
            "name": self.name,
            "status": self.status.value,
            "detail": None
            if self.detail is None
            else {
                "key": self.detail.key,
                "params": {k: str(v) for k, v in self.detail.params.items()},
            },
            "evidence": list(self.evidence),
            "run": self.run,
        }


@dataclass(frozen=True)
class Report:
    """Every check's result for one attempt."""

    results: tuple[CheckResult, ...]
    runs: int = 0
    attempt: Attempt | None = field(default=None, compare=False)

    @property
    def passed(self) -> bool:
        """True when no check failed (checks not measurable here neither pass nor fail)."""
        return all(r.status is not Status.FAILED for r in self.results)

    @property
    def failed(self) -> tuple[CheckResult, ...]:
        """The checks that failed."""
        return tuple(r for r in self.results if r.status is Status.FAILED)

    @property
    def unmeasurable(self) -> tuple[CheckResult, ...]:
        """The checks this machine could not judge."""
        return tuple(r for r in self.results if r.status is Status.UNMEASURABLE)


def runs_needed(checks: tuple[ExerciseCheck, ...]) -> int:
    """How many times the program runs for one check of it."""
    return max((c.runs for c in checks), default=1)


def judge(checks: tuple[ExerciseCheck, ...], attempt: Attempt, clean: Text) -> Report:
    """Every check's result for `attempt`, RUNS_CLEANLY first (its message is `clean`)."""
    results = [_runs_cleanly(attempt, clean)]
    for c in checks:
        results.append(_judge_one(c, attempt))
    return Report(tuple(results), len(attempt.all_runs), attempt)


def _runs_cleanly(attempt: Attempt, message: Text) -> CheckResult:
    for i, run in enumerate(attempt.all_runs, 1):
        if run.timed_out:
            detail = attempt.hang or Note("exercise.timed_out")
            return CheckResult(RUNS_CLEANLY, Status.FAILED, message, detail, _tail(run), i)
        if not run.ok:
            detail = Note("exercise.crashed", {"problem": run.problem or "?"})
            return CheckResult(RUNS_CLEANLY, Status.FAILED, message, detail, _tail(run), i)
    if not attempt.runs:
        return CheckResult(RUNS_CLEANLY, Status.FAILED, message, Note("exercise.no_run"))
    note = Note("exercise.ran", {"runs": len(attempt.all_runs)})
    return CheckResult(RUNS_CLEANLY, Status.PASSED, message, note)


def _tail(run: RunFacts, count: int = 3) -> tuple[str, ...]:
    return tuple(run.output.splitlines()[-count:])


def _judge_one(c: ExerciseCheck, attempt: Attempt) -> CheckResult:
    test = c.test
    if isinstance(test, StructureTest):
        return _structure(c, test, attempt)
    runs = attempt.runs[: c.runs]
    if isinstance(test, SpeedupTest):
        return _speedup(c, test, attempt)
    for i, run in enumerate(runs, 1):
        if not run.ok:
            note = Note("exercise.run_failed", {"run": i})
            return CheckResult(c.name, Status.FAILED, c.message, note, run=i)
        result = _output_holds(c, test, run, attempt.reference, i)
        if result.status is not Status.PASSED:
            return result
    if not runs:
        return CheckResult(c.name, Status.FAILED, c.message, Note("exercise.no_run"))
    last = _output_holds(c, test, runs[-1], attempt.reference, len(runs))
    if len(runs) > 1:
        note = Note("exercise.held_in_runs", {"runs": len(runs)})
        return CheckResult(c.name, Status.PASSED, c.message, note, last.evidence)
    return last


def _output_holds(
    c: ExerciseCheck, test: CheckTest, run: RunFacts, reference: RunFacts | None, i: int
) -> CheckResult:
    match test:
        case OutputTest(part, cores):
            # Only processes busy at once depend on the machine; a value or a line the
            # pack asks for is printed or not (a lost update is lost however busy it was).
            judged = (
                run if isinstance(part, ParallelShown) else replace(run, others=None, load=None)
            )
            result = check(Proof((part,), needs_cores=cores), judged)
            lines = run.output.splitlines()
            evidence = tuple(lines[j] for j in result.lines if j < len(lines))
            detail = result.facts[-1] if result.facts else None
            if result.status == SHOWN:
                return CheckResult(c.name, Status.PASSED, c.message, detail, evidence)
            reason = result.reason
            if result.status == NOT_SHOWN and reason and reason.key in UNMEASURABLE:
                return CheckResult(c.name, Status.UNMEASURABLE, c.message, reason, run=i)
            return CheckResult(c.name, Status.FAILED, c.message, detail or reason, _tail(run), i)
        case ExpectedTest(expected, rule):
            if matches(rule, expected, run.output):
                return CheckResult(c.name, Status.PASSED, c.message, Note("exercise.output_fits"))
            note = Note("exercise.output_differs", {"match": rule.value})
            return CheckResult(c.name, Status.FAILED, c.message, note, _tail(run), i)
        case SameOutputTest(rule):
            if reference is None or not reference.ok:
                note = Note("exercise.no_reference")
                return CheckResult(c.name, Status.UNMEASURABLE, c.message, note)
            if matches(rule, reference.output, run.output):
                note = Note("exercise.same_output", {"match": rule.value})
                return CheckResult(c.name, Status.PASSED, c.message, note)
            note = Note("exercise.not_same_output", {"match": rule.value})
            return CheckResult(c.name, Status.FAILED, c.message, note, _tail(run), i)
        case SpeedupTest() | StructureTest():
            raise AssertionError("judged elsewhere")


def _speedup(c: ExerciseCheck, test: SpeedupTest, attempt: Attempt) -> CheckResult:
    """The reference's wall time over the program's, each the fastest of its runs: a
    busy moment only ever slows a run down, so the fastest run is the closest to what
    the program can do (and the reference is timed as often as the program)."""
    reference = attempt.reference
    if reference is None or not reference.ok or reference.duration is None:
        return CheckResult(c.name, Status.UNMEASURABLE, c.message, Note("exercise.no_reference"))
    references = (reference, *(ref for ref, _ in attempt.timing))
    runs = (*attempt.runs[: max(1, c.runs)], *(program for _, program in attempt.timing))
    if not runs or not all(r.ok and r.duration for r in runs):
        return CheckResult(
            c.name, Status.FAILED, c.message, Note("exercise.run_failed", {"run": 1})
        )
    cores = runs[0].cores
    if cores is not None and cores < test.cores:
        note = Note("proof.few_cores", {"cores": cores, "needs": test.cores})
        return CheckResult(c.name, Status.UNMEASURABLE, c.message, note)
    timed = [r for r in references if r.ok and r.duration]
    spoiled = [r for r in (*timed, *runs) if machine_busy(r, test.cores)]
    if spoiled:
        others = max(r.others or 0.0 for r in spoiled)
        note = Note("proof.busy_others", {"others": f"{others:.1f}", "cores": cores})
        return CheckResult(c.name, Status.UNMEASURABLE, c.message, note)
    fastest = min(r.duration or 0.0 for r in timed)
    best = min(r.duration or 0.0 for r in runs)
    speed = fastest / best if best > 0 else 0.0
    params: dict[str, object] = {
        "speedup": f"{speed:.2f}",
        "factor": format_number(test.factor),
        "reference": f"{fastest:.2f}",
        "program": f"{best:.2f}",
    }
    status = Status.PASSED if speed >= test.factor else Status.FAILED
    capacity = attempt.capacity
    needed = min(test.factor * HEADROOM, test.cores * FULL)
    if status is Status.FAILED and capacity is not None and capacity < needed:
        # The machine could not have shown the speed-up asked, whatever the program.
        params["capacity"] = f"{capacity:.1f}"
        params["cores"] = test.cores
        note = Note("exercise.capacity_short", params)
        return CheckResult(c.name, Status.UNMEASURABLE, c.message, note)
    key = "exercise.speedup" if status is Status.PASSED else "exercise.speedup_short"
    if attempt.timing:
        params["runs"] = len(timed)
        key += "_best"
    return CheckResult(c.name, status, c.message, Note(key, params))


HEADROOM = 1.15
"""A speed-up of F is judged only where the machine gives F × HEADROOM cores' worth of
parallel work (a program's own start-up and hand-overs take some of it), or FULL of the
cores the check names when that is less (core.proof.FULL)."""


def short_of_speed(report: Report) -> bool:
    """True when the only checks that failed are speed-ups that fell short (timing again
    may pass them; nothing else would change)."""
    failed = report.failed
    return bool(failed) and all(
        r.detail is not None and r.detail.key.startswith("exercise.speedup_short") for r in failed
    )


def _structure(c: ExerciseCheck, test: StructureTest, attempt: Attempt) -> CheckResult:
    facts = attempt.structure
    if facts is None:
        return CheckResult(c.name, Status.UNMEASURABLE, c.message, Note("exercise.no_source"))
    if facts.error is not None:
        return CheckResult(c.name, Status.FAILED, c.message, facts.error)
    missing = [u for u in test.uses if facts.find(u) is None]
    if missing:
        note = Note("exercise.missing", {"constructs": ", ".join(missing)})
        return CheckResult(c.name, Status.FAILED, c.message, note)
    found = [(a, facts.find(a)) for a in test.avoids]
    present = [(a, line) for a, line in found if line is not None]
    if present:
        name, line = present[0]
        note = Note("exercise.avoid_found", {"construct": name, "line": facts.told_line(line)})
        return CheckResult(c.name, Status.FAILED, c.message, note)
    used = sorted({n for u in test.uses if (n := facts.find(u)) is not None})
    evidence = tuple(facts.line_text(n) for n in used[:3])
    return CheckResult(c.name, Status.PASSED, c.message, Note("exercise.structure_ok"), evidence)
