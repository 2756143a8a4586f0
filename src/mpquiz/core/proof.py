"""What in a demo's output proves a question's key, and whether one run showed it.

A pack says it per question (`proof = { ... }` in its TOML, see docs/writing-packs.md),
without code: a line that must appear, a value captured from the output and the
relation it must satisfy, lines that must come in an order, the predicted output itself
(predict questions), or what the processes did (busy at once, or threads taking turns).
Every part must hold. `needs_cores` says the point can only show with that many cores.

The check never decides whether the learner is right (the key does that): it says
whether *this run* shows what the key says, and when it does not, why, when that is
known, so the verdict can say so truthfully.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeAlias

from mpquiz.core.processes import parallel_processes, threads_serialised
from mpquiz.core.verdict import Note, RunFacts, format_number

RELATIONS: dict[str, Callable[[float, float], bool]] = {
    ">": operator.gt,
    ">=": operator.ge,
    "<": operator.lt,
    "<=": operator.le,
    "==": lambda a, b: abs(a - b) <= 1e-9 * max(1.0, abs(b)),
    "!=": lambda a, b: abs(a - b) > 1e-9 * max(1.0, abs(b)),
}
BUSY_MARGIN = 0.25
"""Cores' worth of CPU other programs may take, beyond the cores a run leaves spare,
before a part that depends on timing is no longer held against the key (machine_busy)."""
OP_NAMES = {">": "gt", ">=": "ge", "<": "lt", "<=": "le", "==": "eq", "!=": "ne"}
"""How the messages name each relation: `proof.value.gt` (held), `proof.value_not.gt`."""
_RELATION = re.compile(r"^\s*(>=|<=|==|!=|>|<)\s*(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)\s*$")


@dataclass(frozen=True)
class LineShown:
    """A line of the output matches `pattern` (a regular expression)."""

    pattern: str


@dataclass(frozen=True)
class ValueShown:
    """The group `value` of `pattern`, on the first line it matches, satisfies `relation`
    ("> 0", ">= 1.4"), or the question's own numeric key when `relation` is "key"."""

    pattern: str
    relation: str


@dataclass(frozen=True)
class OrderShown:
    """Lines matching each pattern appear, in this order (other lines may come between)."""

    patterns: tuple[str, ...]


@dataclass(frozen=True)
class OutputShown:
    """The whole output fits the predict question's `expected` under its match rule."""


@dataclass(frozen=True)
class ParallelShown:
    """At least `processes` of the demo's processes were busy on the CPU at once."""

    processes: int = 2


@dataclass(frozen=True)
class TurnsShown:
    """The demo's threads ran their CPU work in turns (their CPU time adds up to the
    time they spanned), as the GIL makes them."""


ProofPart: TypeAlias = (
    LineShown | ValueShown | OrderShown | OutputShown | ParallelShown | TurnsShown
)


@dataclass(frozen=True)
class Proof:
    """Every part must hold in one run for the run to show the key."""

    parts: tuple[ProofPart, ...]
    needs_cores: int = 1
    """With fewer cores available to the demo, the point cannot show (the verdict says so)."""

    def cores_needed(self, part: ProofPart | None = None) -> int:
        """How many cores busy at once the point needs: for `part`, or for the most
        demanding of the parts (1 when it needs no more)."""
        parts = self.parts if part is None else (part,)
        busy = [p.processes for p in parts if isinstance(p, ParallelShown)]
        return max([self.needs_cores, *busy])


SHOWN, NOT_SHOWN, NO_RUN = "shown", "not-shown", "no-run"


@dataclass(frozen=True)
class ProofCheck:
    """What one run showed of a question's key."""

    status: str
    """SHOWN, NOT_SHOWN, or NO_RUN (no demo ran, or it gave nothing to judge)."""
    lines: tuple[int, ...] = ()
    """The output lines that prove it (0-based), when shown."""
    reason: Note | None = None
    """Why it did not show, when that is known."""
    facts: tuple[Note, ...] = field(default=())
    """What the run measured, in words ("lost updates: 4781, more than 0")."""


@dataclass(frozen=True)
class Judge:
    """How a kind judges the parts that depend on its key: `fits` for OutputShown (the
    predict rule), `accepts` for ValueShown with relation "key" (the numeric key)."""

    fits: Callable[[str], bool] | None = None
    accepts: Callable[[float], bool] | None = None


def parse_relation(text: str) -> tuple[str, float] | None:
    """ "> 0" -> (">", 0.0); None when it is not a relation and a number."""
    found = _RELATION.match(text)
    return None if found is None else (found.group(1), float(found.group(2)))


def check(proof: Proof | None, run: RunFacts | None, judge: Judge | None = None) -> ProofCheck:
    """Whether `run` shows what `proof` says (see ProofCheck)."""
    if run is None:
        return ProofCheck(NO_RUN, reason=Note("proof.no_run"))
    if not run.ok:
        return ProofCheck(NOT_SHOWN, reason=_failure(run))
    if proof is None:
        return ProofCheck(NOT_SHOWN, reason=Note("proof.missing"))
    if run.cores is not None and run.cores < proof.needs_cores:
        note = Note("proof.few_cores", {"cores": run.cores, "needs": proof.needs_cores})
        return ProofCheck(NOT_SHOWN, reason=note)
    lines = run.output.splitlines()
    marked: list[int] = []
    facts: list[Note] = []
    for part in proof.parts:
        held, where, fact = _holds(part, lines, run, judge or Judge())
        facts += [fact] if fact is not None else []
        if not held:
            needs = proof.cores_needed(part)
            why = _why_not(run, fact, timing=_timed(part) or proof.needs_cores > 1, needs=needs)
            return ProofCheck(NOT_SHOWN, reason=why, facts=tuple(facts))
        marked += where
    return ProofCheck(SHOWN, tuple(sorted(set(marked))), facts=tuple(facts))


def _failure(run: RunFacts) -> Note:
    if run.timed_out:
        return Note("proof.timed_out")
    return Note("proof.failed", {"problem": run.problem or "?"})


TIMED_PARTS = (ValueShown, ParallelShown, TurnsShown)
"""The parts a busy machine can spoil: measured values and what the processes did on the
CPU (a line or an order is printed or not, whatever the load)."""
UNMEASURABLE = ("proof.few_cores", "proof.busy", "proof.busy_others", "proof.capacity_short")
"""The reasons a run could not show a point without it being wrong: too few cores, a
busy machine, one that gave less parallel work than the point needs."""
FULL = 0.9
"""A point needing n cores busy at once is judged only where the machine gives at least
FULL × n cores' worth of parallel work (runner.parallel_capacity)."""


def _timed(part: ProofPart) -> bool:
    return isinstance(part, TIMED_PARTS)


def machine_busy(run: RunFacts, needs: int = 1) -> bool:
    """True when other programs took the CPU a point needing `needs` cores must have:
    more than the cores the run leaves spare, plus BUSY_MARGIN, during the run (on 2
    cores, a point about 2 processes at once is spoiled by a quarter of a core; one about
    a single process, by a core and a quarter); where that was not measured, a load
    average at or above the cores."""
    if run.others is not None:
        spare = max(0, (run.cores or needs) - needs)
        return run.others >= spare + BUSY_MARGIN
    return run.load is not None and bool(run.cores) and run.load >= (run.cores or 0)


def _why_not(run: RunFacts, fact: Note | None, *, timing: bool, needs: int = 1) -> Note:
    """The reason given when a part did not hold: a busy machine when it was busy and
    the part depends on timing, else what the part found."""
    if timing and run.others is not None and machine_busy(run, needs):
        return Note("proof.busy_others", {"others": f"{run.others:.1f}", "cores": run.cores})
    load, cores = run.load, run.cores
    if timing and run.others is None and load is not None and cores and load >= cores:
        return Note("proof.busy", {"load": f"{load:.1f}", "cores": cores})
    return fact or Note("proof.not_in_output")


def _holds(
    part: ProofPart, lines: Sequence[str], run: RunFacts, judge: Judge
) -> tuple[bool, list[int], Note | None]:
    """(held, the lines that show it, what was measured)."""
    match part:
        case LineShown(pattern):
            hits = [i for i, line in enumerate(lines) if re.search(pattern, line)]
            return bool(hits), hits[:1], None
        case ValueShown(pattern, relation):
            return _value(pattern, relation, lines, judge)
        case OrderShown(patterns):
            return _order(patterns, lines)
        case OutputShown():
            held = judge.fits is not None and judge.fits(run.output)
            return held, [], None  # the whole output is the proof: no line stands out
        case ParallelShown(processes):
            if not run.processes:
                return False, [], Note("proof.no_timeline")
            busy = parallel_processes(run.processes)
            fact = Note("proof.busy_at_once", {"n": busy, "needs": processes})
            return busy >= processes, [], fact
        case TurnsShown():
            told = [t for t in map(threads_serialised, run.processes) if t is not None]
            if not told:
                return False, [], Note("proof.no_timeline")
            turns = all(told)
            return turns, [], Note("proof.turns" if turns else "proof.no_turns")


def _value(
    pattern: str, relation: str, lines: Sequence[str], judge: Judge
) -> tuple[bool, list[int], Note | None]:
    compiled = re.compile(pattern)
    for i, line in enumerate(lines):
        found = compiled.search(line)
        if found is None or found.groupdict().get("value") is None:
            continue
        try:
            value = float(found.group("value").replace(",", "."))
        except ValueError:
            return False, [], Note("proof.no_value")
        if relation == "key":
            held = judge.accepts is not None and judge.accepts(value)
            return held, [i], Note("proof.value_key", {"value": format_number(value)})
        parsed = parse_relation(relation)
        if parsed is None:
            return False, [], Note("proof.no_value")
        op, than = parsed
        held = RELATIONS[op](value, than)
        shown: dict[str, object] = {"value": format_number(value), "than": format_number(than)}
        key = f"proof.value.{OP_NAMES[op]}" if held else f"proof.value_not.{OP_NAMES[op]}"
        return held, [i], Note(key, shown)
    return False, [], Note("proof.no_value")


def _order(patterns: tuple[str, ...], lines: Sequence[str]) -> tuple[bool, list[int], None]:
    found: list[int] = []
    start = 0
    for pattern in patterns:
        compiled = re.compile(pattern)
        hit = next((i for i in range(start, len(lines)) if compiled.search(lines[i])), None)
        if hit is None:
            return False, [], None
        found.append(hit)
        start = hit + 1
    return True, found, None


PART_KEYS = ("line", "value", "order", "output", "parallel", "turns")
"""The keys that name a part in a pack's proof table (`value` goes with `is`)."""


def part_from_table(table: dict[str, object]) -> ProofPart:
    """One part from its table (checked by the pack loader first: packs.schema).

    Raises:
        ValueError: the table names no part, or more than one.
    """
    named = [key for key in PART_KEYS if key in table]
    if len(named) != 1:
        raise ValueError(f"a proof part names one of {', '.join(PART_KEYS)}; got {named}")
    match named[0]:
        case "line":
            return LineShown(str(table["line"]))
        case "value":
            return ValueShown(str(table["value"]), str(table.get("is", "key")))
        case "order":
            patterns = table["order"]
            assert isinstance(patterns, list)
            return OrderShown(tuple(str(p) for p in patterns))
        case "output":
            return OutputShown()
        case "parallel":
            count = table["parallel"]
            return ParallelShown(int(count) if isinstance(count, int | float) else 2)
        case _:
            return TurnsShown()


def proof_from_table(table: dict[str, object]) -> Proof:
    """A Proof from a pack's `proof` table: one part, or `all = [...]`, and `needs_cores`."""
    cores = table.get("needs_cores", 1)
    needs = int(cores) if isinstance(cores, int | float) else 1
    parts = table.get("all")
    if isinstance(parts, list):
        return Proof(tuple(part_from_table(p) for p in parts if isinstance(p, dict)), needs)
    return Proof((part_from_table(table),), needs)


def judge_run(
    proof: Proof | None, evidence: str | None, run: RunFacts | None, judge: Judge | None = None
) -> tuple[ProofCheck, tuple[int, ...]]:
    """(what the run showed of the key, the lines to mark): the proving lines when it
    showed the key and they are lines, else those the question's `evidence` matches."""
    from mpquiz.core.verdict import evidence_lines

    result = check(proof, run, judge)
    if result.status == SHOWN and result.lines:
        return result, result.lines
    return result, evidence_lines(evidence, run)
