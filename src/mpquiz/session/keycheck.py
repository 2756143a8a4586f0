"""Prove a pack's answer keys by execution: run every demo, check every key and proof.

Each distinct (demo, arguments) runs once, or several times when one of its questions
says its output varies. For each question the report says whether its proof held in
every run ("shown"), failed in some ("not-shown": a problem, unless the runs could not
measure it: too few cores, a busy machine, or one that gave less parallel work than the
point needs), or is missing; and it lists the keys the real output contradicts and the
demos that did not run cleanly.

A point that depends on timing (depends_on_timing) is judged on most runs, not every
one: a virtual machine's host can slow one run with nothing seen as busy inside, while
a wrong key fails run after run. When it failed in as many runs that could measure it as
it held in, its demo runs again, up to EXTRA_RUNS more times, and it is shown when it
held in more than half of the runs that could measure it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import assert_never

from mpquiz.core.grading import RunFacts, grade
from mpquiz.core.model import (
    ChoiceQuestion,
    ExerciseQuestion,
    NumericQuestion,
    OpenQuestion,
    Pack,
    PredictQuestion,
    Question,
)
from mpquiz.core.outputs import matches
from mpquiz.core.proof import (
    FULL,
    NO_RUN,
    NOT_SHOWN,
    SHOWN,
    TIMED_PARTS,
    UNMEASURABLE,
    ProofCheck,
)
from mpquiz.core.verdict import Note
from mpquiz.runner import DemoSpec, RunResult, run_demo
from mpquiz.runner.parallel_capacity import parallel_capacity
from mpquiz.session.run_facts import run_facts

VARYING_RUNS = 3
"""How many times a demo runs when one of its questions says its output varies."""
WORKERS = 4
"""Runs made at once, of those whose questions do not depend on timing."""
EXTRA_RUNS = 3
"""Runs more, at most, of a demo whose timing point failed in half its measured runs."""


@dataclass(frozen=True)
class KeyProblem:
    """A key the real output contradicts, or a demo that did not run cleanly: a message
    key and its fields (`note`), put into words where it is shown."""

    question: Question
    note: Note
    run: int = 1

    @property
    def message(self) -> str:
        """The problem in English (as --json reports it)."""
        return self.in_language("en", located=False)

    def in_language(self, lang: str, *, located: bool = True) -> str:
        """The problem in `lang`; `located`: after its file, line and question."""
        from mpquiz.i18n import t, words

        said = words(self.note, lang)
        if not located:
            return said
        return t("keycheck.problem", lang, source=self.question.source,
                 qid=self.question.qid, message=said)  # fmt: skip

    def __str__(self) -> str:
        return self.in_language("en")


@dataclass
class ProofTally:
    """What the runs of a question's demo showed of its key."""

    missing: bool
    timing: bool = False
    """Judged on most of the runs that could measure it (depends_on_timing)."""
    runs: int = 0
    shown: int = 0
    unmeasurable: int = 0
    last: ProofCheck | None = None
    failed: ProofCheck | None = None
    """The last check that did not show it in a run that could measure it (its reason
    is the one reported)."""
    shown_in: RunResult | None = None
    """The first run that showed it (for --record)."""

    @property
    def status(self) -> str:
        """ "shown" (in every run that could measure it, or in most of them for a point
        that depends on timing), "not-shown" or "missing"."""
        if self.missing:
            return "missing"
        measured = self.runs - self.unmeasurable
        if self.timing:
            return "shown" if 2 * self.shown > measured else "not-shown"
        return "shown" if self.shown and self.shown == measured else "not-shown"

    @property
    def undecided(self) -> bool:
        """A timing point that failed in as many measured runs as it held in: more runs
        would say which it is."""
        measured = self.runs - self.unmeasurable
        return self.timing and not self.missing and measured > 0 and 2 * self.shown <= measured


@dataclass(frozen=True)
class KeyReport:
    """Every problem found, what was run, and each question's proof."""

    problems: list[KeyProblem]
    runs: int
    questions: int
    proofs: dict[str, ProofTally] = field(default_factory=dict)


Progress = Callable[[str, int, int], None]
"""Called with (demo name, runs done, runs in all) after each run."""
Capacity = Callable[[int], float | None]
"""Cores' worth of parallel work the machine gives that many busy processes just now
(runner.parallel_capacity), None when it could not be measured."""


def depends_on_timing(question: Question) -> bool:
    """Whether what a question's run shows may depend on how busy the machine is: a
    measured value, processes busy at once, threads taking turns, a point that needs
    several cores, a numeric key measured from the output. Such runs are made alone."""
    proof = question.effective_proof
    if proof is not None and (
        proof.needs_cores > 1 or any(isinstance(p, TIMED_PARTS) for p in proof.parts)
    ):
        return True
    evidence = question.evidence
    return (
        isinstance(question, NumericQuestion)
        and bool(evidence)
        and ("value" in re.compile(evidence or "").groupindex)
    )


def check_keys(
    pack: Pack,
    *,
    progress: Progress | None = None,
    runs_when_varying: int = VARYING_RUNS,
    workers: int = WORKERS,
    python: str | None = None,
    start_method: str | None = None,
    capacity: Capacity | None = parallel_capacity,
) -> KeyReport:
    """Run each distinct (demo, args) of `pack` and check each question's key against it.

    The runs whose questions do not depend on timing (depends_on_timing) go `workers` at
    a time, most demos being asleep most of the time; the others run one by one after,
    with nothing else of the check running beside them. `python` and `start_method` set
    the interpreter and the default start method of every run (runner.DemoSpec).

    A point that needs several cores and did not show in a run is checked against the
    machine just after that run (`capacity`): when it gave less parallel work than the
    point needs, the run could not measure it (`proof.capacity_short`), not a problem."""
    from concurrent.futures import ThreadPoolExecutor

    groups: dict[tuple[str, tuple[str, ...]], list[Question]] = {}
    asked: list[Question] = [q for q in pack.questions if not isinstance(q, ExerciseQuestion)]
    for q in asked:  # an exercise's starter is no demo: session.exercise_proofs
        groups.setdefault((q.demo, q.args), []).append(q)
    plan = [
        (key, qs, runs_when_varying if any(q.varies for q in qs) else 1)
        for key, qs in groups.items()
    ]
    total = sum(n for _, _, n in plan)
    done = 0
    problems: list[KeyProblem] = []
    tallies = {
        q.qid: ProofTally(missing=q.effective_proof is None, timing=depends_on_timing(q))
        for q in asked
    }
    runs: list[tuple[DemoSpec, list[Question], int]] = []
    for (demo, args), questions, count in plan:
        timeout = max(q.timeout or pack.demo_timeout for q in questions)
        spec = DemoSpec(
            script=Path(pack.demos_dir) / demo,
            args=args,
            timeout=timeout,
            python=python,
            start_method=start_method,
        )
        runs.extend((spec, questions, attempt) for attempt in range(1, count + 1))
    together = [r for r in runs if not any(depends_on_timing(q) for q in r[1])]
    alone = [r for r in runs if any(depends_on_timing(q) for q in r[1])]

    def judged(run: tuple[DemoSpec, list[Question], int], result: RunResult) -> None:
        nonlocal done
        spec, questions, attempt = run
        done += 1
        if progress is not None:
            progress(spec.script.name, done, total)
        facts = run_facts(result)
        probed: dict[int, float | None] = {}  # one probe per run and core count

        def measure(cores: int) -> float | None:
            if cores not in probed:
                probed[cores] = None if capacity is None else capacity(cores)
            return probed[cores]

        for q in questions:
            problems.extend(KeyProblem(q, n, attempt) for n in key_problems(q, result))
            check, _lines = q.prove(facts)
            if result.ok and check.status == NOT_SHOWN:
                check = _against_machine(q, check, measure)
            _tally(tallies[q.qid], check, result)

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        for run, result in zip(together, pool.map(lambda r: run_demo(r[0]), together), strict=True):
            judged(run, result)
    for run in alone:
        judged(run, run_demo(run[0]))
    # A timing point that failed in half its measured runs or more: run its demo again,
    # up to EXTRA_RUNS times, until most of its runs say which it is.
    last: dict[int, tuple[DemoSpec, list[Question], int]] = {id(r[0]): r for r in alone}
    for spec, questions, attempt in last.values():
        for extra in range(1, EXTRA_RUNS + 1):
            if not any(tallies[q.qid].undecided for q in questions):
                break
            total += 1
            judged((spec, questions, attempt + extra), run_demo(spec))
    for q in asked:
        tally = tallies[q.qid]
        # An implicit proof (the predict rule, a numeric key's value) is the key itself,
        # whose problems key_problems reports already.
        explicit = q.proof is not None
        # Runs that could not measure it (too few cores, a busy machine) prove nothing
        # either way: only a failure in a run that could measure it is a problem.
        measured = tally.runs - tally.unmeasurable
        if explicit and tally.status == "not-shown" and tally.last is not None and measured:
            problems.append(KeyProblem(q, _not_shown(tally)))
    return KeyReport(problems, total, len(asked), tallies)


def parallel_need(question: Question) -> int:
    """How many cores busy at once a question's point needs (1 when it needs no more)."""
    proof = question.effective_proof
    return 1 if proof is None else proof.cores_needed()


def _against_machine(
    question: Question, check: ProofCheck, measure: Callable[[int], float | None]
) -> ProofCheck:
    """`check` (a point not shown), or the same as not measurable when it needs several
    cores and the machine gave less than FULL of them just now: a virtual machine's host
    can slow its CPUs with nothing showing as busy inside, and the run then says nothing
    of the point."""
    needs = parallel_need(question)
    if needs < 2 or (check.reason is not None and check.reason.key in UNMEASURABLE):
        return check
    got = measure(needs)
    if got is None or got >= needs * FULL:
        return check
    why = Note("proof.capacity_short", {"capacity": f"{got:.1f}", "cores": needs})
    return replace(check, reason=why)


def _tally(tally: ProofTally, check: ProofCheck, result: RunResult) -> None:
    if tally.missing:
        tally.runs += 1  # the runs there were, with nothing to prove
        return
    if check.status == NO_RUN:
        return
    tally.runs += 1
    tally.last = check
    if check.status == SHOWN:
        tally.shown += 1
        tally.shown_in = tally.shown_in or result
    elif check.reason is not None and check.reason.key in UNMEASURABLE:
        tally.unmeasurable += 1
    else:
        tally.failed = check


def _not_shown(tally: ProofTally) -> Note:
    last = tally.failed or tally.last
    assert last is not None
    measured = tally.runs - tally.unmeasurable
    if last.reason is None:
        return Note("keycheck.not_shown", {"shown": tally.shown, "measured": measured})
    why = Note(last.reason.key, dict(last.reason.params))
    return Note("keycheck.not_shown_why", {"shown": tally.shown, "measured": measured, "why": why})


def key_problems(question: Question, result: RunResult) -> list[Note]:
    """What is wrong with `question`'s key given one finished run of its demo."""
    if not result.ok:
        if result.error:
            return [Note("keycheck.demo_failed", {"demo": question.demo, "error": result.error})]
        return [Note("keycheck.demo_exit", {"demo": question.demo, "code": result.exit_code})]
    output = result.output
    found: list[Note] = []
    if question.evidence and not any(
        re.search(question.evidence, line) for line in output.splitlines()
    ):
        found.append(Note("keycheck.no_evidence", {"evidence": question.evidence}))
    found.extend(_kind_problems(question, output))
    return found


def _kind_problems(question: Question, output: str) -> list[Note]:
    """What the kind's own key says the output should show, and does not."""
    match question:
        case PredictQuestion() if not matches(question.match, question.expected, output):
            shown = "\n".join("    " + ln for ln in output.splitlines()[:20])
            return [Note("keycheck.unfit", {"match": question.match.value, "output": shown})]
        case NumericQuestion() if question.evidence and (
            "value" in re.compile(question.evidence).groupindex
        ):
            verdict = grade(question, "0", RunFacts(output, ok=True), "en")
            if verdict.run_value is None:
                return [Note("keycheck.no_value", {})]
            if not question.answer.accepts(verdict.run_value):
                fields: dict[str, object] = {
                    "value": f"{verdict.run_value:g}",
                    "key": question.answer.describe(),
                }
                return [Note("keycheck.outside", fields)]
            return []
        case (
            ChoiceQuestion()
            | NumericQuestion()
            | PredictQuestion()
            | OpenQuestion()
            | ExerciseQuestion()
        ):
            return []  # an exercise's starter and solution are checked by exercise_checks
        case _:
            assert_never(question)
