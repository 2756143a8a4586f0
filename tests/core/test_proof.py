"""The proof checker: each part, each reason a run does not show the key, and the six
verdicts (right or wrong, by each of shown, not shown this time, no run) for every kind."""

from __future__ import annotations

import pytest

from mpquiz.core.grading import RunFacts, grade
from mpquiz.core.model import Kind, MatchRule, NumericKey, Option, Question, Text
from mpquiz.core.processes import ProcessRecord, ThreadRecord
from mpquiz.core.proof import (
    NO_RUN,
    NOT_SHOWN,
    SHOWN,
    Judge,
    LineShown,
    OrderShown,
    OutputShown,
    ParallelShown,
    Proof,
    TurnsShown,
    ValueShown,
    check,
    parse_relation,
    proof_from_table,
)
from mpquiz.core.proof_codec import ProofSpec
from mpquiz.render.verdicts import verdict_headline
from tests.support.questions import make_question

OUT = "start\nlost updates: 4781\nspeed-up: 1.9\nend"


def facts(output: str = OUT, **kw: object) -> RunFacts:
    return RunFacts(output, ok=True, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("> 0", (">", 0.0)),
        (">=1.4", (">=", 1.4)),
        (" == -2 ", ("==", -2.0)),
        ("!= 1e3", ("!=", 1e3)),
    ],
)
def test_relations_read(text: str, parsed: tuple[str, float]) -> None:
    assert parse_relation(text) == parsed


@pytest.mark.parametrize("text", ["0", "> x", ">> 1", "is 3", ""])
def test_what_is_not_a_relation(text: str) -> None:
    assert parse_relation(text) is None


def test_a_line_part_marks_the_line_that_proves_it() -> None:
    shown = check(Proof((LineShown(r"^lost updates: \d+"),)), facts())
    assert shown.status == SHOWN and shown.lines == (1,)
    assert check(Proof((LineShown("^nothing"),)), facts()).status == NOT_SHOWN


@pytest.mark.parametrize(
    ("relation", "status", "key"),
    [("> 0", SHOWN, "proof.value.gt"), ("== 0", NOT_SHOWN, "proof.value_not.eq")],
)
def test_a_value_part_says_what_it_measured(relation: str, status: str, key: str) -> None:
    result = check(Proof((ValueShown(r"lost updates: (?P<value>\d+)", relation),)), facts())
    assert result.status == status and result.facts[0].key == key
    assert result.facts[0].params["value"] == "4781"


def test_a_value_against_the_numeric_key() -> None:
    proof = Proof((ValueShown(r"speed-up: (?P<value>[\d.]+)", "key"),))
    assert check(proof, facts(), Judge(accepts=lambda v: v >= 1.4)).status == SHOWN
    assert check(proof, facts(), Judge(accepts=lambda v: v >= 2)).status == NOT_SHOWN
    missing = check(Proof((ValueShown(r"absent: (?P<value>\d+)", "> 0"),)), facts())
    assert missing.status == NOT_SHOWN and missing.reason is not None
    assert missing.reason.key == "proof.no_value"


def test_an_order_part() -> None:
    assert check(Proof((OrderShown(("^start", "^end")),)), facts()).lines == (0, 3)
    assert check(Proof((OrderShown(("^end", "^start")),)), facts()).status == NOT_SHOWN


def test_every_part_must_hold() -> None:
    both = Proof((LineShown("^start"), ValueShown(r"speed-up: (?P<value>[\d.]+)", ">= 2")))
    result = check(both, facts())
    assert result.status == NOT_SHOWN and result.facts[0].key == "proof.value_not.ge"


def test_too_few_cores_is_said_not_judged() -> None:
    proof = Proof((ValueShown(r"speed-up: (?P<value>[\d.]+)", ">= 1.4"),), needs_cores=2)
    result = check(proof, facts(cores=1))
    assert result.status == NOT_SHOWN and result.reason is not None
    assert result.reason.key == "proof.few_cores" and result.reason.params["cores"] == 1
    assert check(proof, facts(cores=2)).status == SHOWN


def test_a_busy_machine_is_the_reason_when_it_was_busy() -> None:
    proof = Proof((ValueShown(r"speed-up: (?P<value>[\d.]+)", ">= 3"),))
    busy = check(proof, facts(cores=2, load=5.3))
    assert busy.reason is not None and busy.reason.key == "proof.busy"
    quiet = check(proof, facts(cores=2, load=0.2))
    assert quiet.reason is not None and quiet.reason.key == "proof.value_not.ge"
    # A line is printed or not whatever the load: its absence is what is said.
    line = Proof((LineShown("^never printed"),))
    missing = check(line, facts(cores=2, load=5.3))
    assert missing.reason is not None and missing.reason.key == "proof.not_in_output"
    # ...unless the pack says the point needs several cores (so it depends on timing).
    timed = Proof((LineShown("^never printed"),), needs_cores=2)
    assert check(timed, facts(cores=2, load=5.3)).reason == busy.reason


def test_what_other_programs_used_during_the_run_decides_busy_over_the_load() -> None:
    proof = Proof((ValueShown(r"speed-up: (?P<value>[\d.]+)", ">= 3"),))
    # Measured during the run: a quiet run is judged even when the load average (a
    # minute's decaying mean) is still high, and a busy one is said even when it is low.
    quiet = check(proof, facts(cores=2, load=5.3, others=0.1))
    assert quiet.reason is not None and quiet.reason.key == "proof.value_not.ge"
    busy = check(proof, facts(cores=2, load=0.2, others=1.3))
    assert busy.reason is not None and busy.reason.key == "proof.busy_others"
    assert busy.reason.params == {"others": "1.3", "cores": 2}
    # One process needs one core: a second core's worth taken by others leaves it free.
    spare = check(proof, facts(cores=2, others=0.9))
    assert spare.reason is not None and spare.reason.key == "proof.value_not.ge"
    # Two at once on two cores: a third of a core taken by others spoils it.
    both = Proof((ParallelShown(2),), needs_cores=2)
    spoiled = check(both, facts(cores=2, others=0.3))
    assert spoiled.reason is not None and spoiled.reason.key == "proof.busy_others"
    line = Proof((LineShown("^never printed"),))
    missing = check(line, facts(cores=2, others=1.9))
    assert missing.reason is not None and missing.reason.key == "proof.not_in_output"


def test_no_run_a_failed_run_a_timeout_and_no_proof() -> None:
    proof = Proof((LineShown("^start"),))
    assert check(proof, None).status == NO_RUN
    failed = check(proof, RunFacts("start", ok=False, problem="exited with code 1"))
    assert failed.status == NOT_SHOWN and failed.reason is not None
    assert failed.reason.key == "proof.failed"
    late = check(proof, RunFacts("start", ok=False, timed_out=True))
    assert late.reason is not None and late.reason.key == "proof.timed_out"
    none = check(None, facts())
    assert none.status == NOT_SHOWN and none.reason is not None
    assert none.reason.key == "proof.missing"


def _worker(
    pid: int, start: float, end: float, cpu: float, *threads: ThreadRecord
) -> ProcessRecord:
    return ProcessRecord(pid, 1, f"Process-{pid}", "fork", start, end, 0, cpu, threads)


def test_the_processes_as_evidence() -> None:
    parallel = Proof((ParallelShown(2),))
    at_once = (_worker(2, 0.0, 1.0, 0.95), _worker(3, 0.0, 1.0, 0.95))
    in_turn = (_worker(2, 0.0, 1.0, 0.5), _worker(3, 0.0, 1.0, 0.5))
    assert check(parallel, facts(processes=at_once)).status == SHOWN
    one = check(parallel, facts(processes=in_turn))
    assert one.status == NOT_SHOWN and one.facts[0].params == {"n": 1, "needs": 2}
    unknown = check(parallel, facts())
    assert unknown.reason is not None and unknown.reason.key == "proof.no_timeline"


def test_threads_taking_turns_as_evidence() -> None:
    turns = Proof((TurnsShown(),))

    def threads(cpu: float) -> tuple[ProcessRecord, ...]:
        pair = (ThreadRecord("Thread-1", 0.0, 1.0, cpu), ThreadRecord("Thread-2", 0.0, 1.0, cpu))
        return (_worker(1, 0.0, 1.0, 2 * cpu, *pair),)

    assert check(turns, facts(processes=threads(0.5))).status == SHOWN
    ran_at_once = check(turns, facts(processes=threads(0.95)))
    assert ran_at_once.status == NOT_SHOWN and ran_at_once.facts[0].key == "proof.no_turns"
    waited = check(turns, facts(processes=threads(0.1)))  # mostly waiting: nothing to tell
    assert waited.reason is not None and waited.reason.key == "proof.no_timeline"


def test_the_output_part_uses_the_kinds_rule() -> None:
    proof = Proof((OutputShown(),))
    assert check(proof, facts("a\nb"), Judge(fits=lambda out: out == "a\nb")).status == SHOWN
    assert check(proof, facts("b\na"), Judge(fits=lambda out: out == "a\nb")).status == NOT_SHOWN


def test_tables_as_packs_write_them() -> None:
    assert proof_from_table({"line": "x"}) == Proof((LineShown("x"),))
    table = {"all": [{"value": "v(?P<value>\\d)", "is": "> 1"}, {"parallel": 3}], "needs_cores": 2}
    assert proof_from_table(table) == Proof(
        (ValueShown("v(?P<value>\\d)", "> 1"), ParallelShown(3)), needs_cores=2
    )
    assert ProofSpec.of({"turns": True}).proof == Proof((TurnsShown(),))
    with pytest.raises(ValueError):
        proof_from_table({"line": "x", "order": ["a", "b"]})


# The six verdicts, for every kind that has a verdict, in both languages.

LOST = {"value": r"lost updates: (?P<value>\d+)", "is": "> 0"}


def _kinds() -> dict[str, tuple[Question, str, str]]:
    """(question, a right answer, a wrong one) for each kind, all proved by LOST."""
    proof = ProofSpec.of(LOST)
    return {
        "choice": (
            make_question(
                Kind.CHOICE,
                options=(Option(Text({"en": "lost"}), True), Option(Text({"en": "kept"}))),
                proof=proof,
            ),
            "1",
            "2",
        ),
        "numeric": (
            make_question(Kind.NUMERIC, answer=NumericKey(min=1), proof=proof),
            "5",
            "0",
        ),
        "predict": (
            make_question(Kind.PREDICT, match=MatchRule.PATTERN, expected="lost updates: {int}"),
            "lost updates: {int}",
            "no",
        ),
    }


RUNS = {
    SHOWN: RunFacts("lost updates: 4781", ok=True, cores=2, load=0.1),
    NOT_SHOWN: RunFacts("lost updates: 0\nnothing else", ok=True, cores=2, load=0.1),
    NO_RUN: None,
}
WORDS = {
    ("en", True, SHOWN): "✔ Right, and this run shows it.",
    ("en", False, SHOWN): "✘ Not so, and this run shows it.",
    ("en", True, NOT_SHOWN): "✔ Right by the key, but this run did not show it this time.",
    ("en", False, NOT_SHOWN): "✘ Not so by the key; this run did not show it this time.",
    ("en", True, NO_RUN): "✔ Right by the key. No demo ran, so no run shows it.",
    ("en", False, NO_RUN): "✘ Not so by the key. No demo ran, so no run shows it.",
    ("es", True, SHOWN): "✔ Correcto, y esta ejecución lo demuestra.",
    ("es", False, NOT_SHOWN): "✘ No es así según la clave; esta ejecución no lo mostró esta vez.",
}


@pytest.mark.parametrize("kind", ["choice", "numeric", "predict"])
@pytest.mark.parametrize("status", [SHOWN, NOT_SHOWN, NO_RUN])
@pytest.mark.parametrize("right", [True, False])
def test_six_verdicts_for_every_kind(kind: str, status: str, right: bool) -> None:
    question, good, bad = _kinds()[kind]
    run = RUNS[status]
    if kind == "predict" and status == NOT_SHOWN:
        run = RunFacts("nothing like it", ok=True, cores=2, load=0.1)
    verdict = grade(question, question.parse(good if right else bad), run, "en")
    assert verdict.correct is right
    assert verdict.proof is not None and verdict.proof.status == status
    for lang in ("en", "es"):
        expected = WORDS.get((lang, right, status))
        if expected is not None:
            assert verdict_headline(verdict, lang) == expected
    if status == SHOWN and kind != "predict":
        assert verdict.evidence == (0,)  # the proving line is marked


def test_an_open_question_says_what_the_run_showed_of_its_point() -> None:
    question = make_question(
        Kind.OPEN, model_answer=Text({"en": "it loses"}), proof=ProofSpec.of(LOST)
    )
    shown = grade(question, "it loses updates", RUNS[SHOWN], "en")
    assert shown.correct is None and shown.proof is not None and shown.proof.status == SHOWN
    unshown = grade(question, "", RUNS[NOT_SHOWN], "en")
    assert unshown.proof is not None and unshown.proof.status == NOT_SHOWN


def test_the_cores_a_point_needs_come_from_its_proof_and_its_parallel_parts() -> None:
    turns, four = TurnsShown(), ParallelShown(processes=4)
    proof = Proof((turns, four), needs_cores=2)
    assert proof.cores_needed() == 4  # the most demanding part
    assert proof.cores_needed(four) == 4 and proof.cores_needed(turns) == 2
    assert Proof((turns,)).cores_needed() == 1
