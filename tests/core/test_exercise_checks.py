"""Each kind of exercise check judged on fixed runs: passed, failed, or not measurable on
this machine (which neither passes nor fails), with what was found."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from mpquiz.core.exercise import (
    RUNS_CLEANLY,
    Attempt,
    ExerciseCheck,
    Status,
    check_from_table,
    judge,
    runs_needed,
    short_of_speed,
)
from mpquiz.core.processes import ProcessRecord
from mpquiz.core.structure import analyse
from mpquiz.core.text import Text
from mpquiz.core.verdict import RunFacts

CLEAN = Text({"en": "ends cleanly"})


def _check(**table: Any) -> ExerciseCheck:
    return check_from_table({"name": "it", "message": {"en": "wanted"}, **table})


def _run(output: str, **kw: Any) -> RunFacts:
    return RunFacts(output, ok=kw.pop("ok", True), cores=kw.pop("cores", 2), **kw)


def _one(check: ExerciseCheck, attempt: Attempt) -> tuple[Status, str | None, int | None]:
    report = judge((check,), attempt, CLEAN)
    assert report.results[0].name == RUNS_CLEANLY
    result = report.results[1]
    return result.status, result.detail.key if result.detail else None, result.run


def test_a_value_must_hold_in_every_run_and_the_failing_run_is_named() -> None:
    check = _check(runs=3, value=r"^lost: (?P<value>\d+)$", **{"is": "== 0"})
    assert runs_needed((check,)) == 3
    runs = (_run("lost: 0"), _run("lost: 4"), _run("lost: 0"))
    assert _one(check, Attempt("p", runs)) == (Status.FAILED, "proof.value_not.eq", 2)
    good = (_run("lost: 0"),) * 3
    assert _one(check, Attempt("p", good)) == (Status.PASSED, "exercise.held_in_runs", None)
    # a busy machine does not excuse a wrong value
    busy = (_run("lost: 4", others=1.9),) * 3
    assert _one(check, Attempt("p", busy))[0] is Status.FAILED


def test_lines_order_and_expected_output() -> None:
    runs = (_run("start\nchild 1\nchild 0\ndone"),)
    assert _one(_check(line="^done$"), Attempt("p", runs))[0] is Status.PASSED
    assert _one(_check(line="^never$"), Attempt("p", runs))[0] is Status.FAILED
    assert _one(_check(order=["^start", "^done"]), Attempt("p", runs))[0] is Status.PASSED
    assert _one(_check(order=["^done", "^start"]), Attempt("p", runs))[0] is Status.FAILED
    lines = _check(expected="child 0\nchild 1\nstart\ndone", match="lines")
    assert _one(lines, Attempt("p", runs))[0] is Status.PASSED
    exact = _check(expected="child 0\nchild 1\nstart\ndone")
    assert _one(exact, Attempt("p", runs))[:2] == (Status.FAILED, "exercise.output_differs")


def test_the_same_output_as_the_reference_in_any_order() -> None:
    check = _check(same_output=True, match="lines")
    reference = _run("1\n4\n9")
    shuffled = Attempt("p", (_run("9\n1\n4"),), reference)
    assert _one(check, shuffled)[0] is Status.PASSED
    wrong = Attempt("p", (_run("9\n1\n5"),), reference)
    assert _one(check, wrong)[:2] == (Status.FAILED, "exercise.not_same_output")
    broken = Attempt("p", (_run("9"),), _run("", ok=False))
    assert _one(check, broken)[:2] == (Status.UNMEASURABLE, "exercise.no_reference")


def test_speedup_is_measured_only_where_it_can_be() -> None:
    check = _check(speedup=1.5)
    reference = _run("r", duration=2.0)
    fast = Attempt("p", (_run("x", duration=1.1),), reference)
    assert _one(check, fast)[:2] == (Status.PASSED, "exercise.speedup")
    slow = Attempt("p", (_run("x", duration=1.6),), reference)
    assert _one(check, slow)[:2] == (Status.FAILED, "exercise.speedup_short")
    one_core = Attempt("p", (_run("x", duration=2.0, cores=1),), reference)
    assert _one(check, one_core)[:2] == (Status.UNMEASURABLE, "proof.few_cores")
    busy = Attempt("p", (_run("x", duration=1.9, others=0.6),), reference)
    assert _one(check, busy)[:2] == (Status.UNMEASURABLE, "proof.busy_others")


def test_speedup_timed_again_compares_each_side_s_fastest_run() -> None:
    check = _check(speedup=1.5)
    slow = Attempt("p", (_run("x", duration=1.6),), _run("r", duration=2.0))
    report = judge((check,), slow, CLEAN)
    assert short_of_speed(report)
    # Timed again: the reference's fastest (1.8 s) over the program's fastest (1.0 s).
    again = replace(slow, timing=((_run("r", duration=1.8), _run("x", duration=1.0)),))
    result = judge((check,), again, CLEAN).results[1]
    assert (result.status, result.detail and result.detail.key) == (
        Status.PASSED,
        "exercise.speedup_best",
    )
    assert result.detail is not None
    assert result.detail.params == {
        "speedup": "1.80",
        "factor": "1.5",
        "reference": "1.80",
        "program": "1.00",
        "runs": 2,
    }
    # A faster reference the second time counts against the program as well.
    still = replace(slow, timing=((_run("r", duration=1.4), _run("x", duration=1.5)),))
    report = judge((check,), still, CLEAN)
    assert report.results[1].detail is not None
    assert report.results[1].detail.key == "exercise.speedup_short_best"
    assert report.runs == 2 and short_of_speed(report)
    # A program run made for timing that crashes fails the program.
    crashed = replace(slow, timing=((_run("r", duration=1.8), _run("", ok=False)),))
    report = judge((check,), crashed, CLEAN)
    assert report.results[0].status is Status.FAILED and report.results[0].run == 2
    assert not short_of_speed(report)


def test_a_speedup_still_short_where_the_machine_gave_too_little_is_not_judged() -> None:
    check = _check(speedup=1.5)
    short = Attempt(
        "p",
        (_run("x", duration=1.6),),
        _run("r", duration=2.0),
        timing=((_run("r", duration=1.9), _run("x", duration=1.5)),),
    )
    # 1.2 cores' worth for 2 processes at once: 1.5x could not show, whatever the program.
    result = judge((check,), replace(short, capacity=1.2), CLEAN).results[1]
    assert (result.status, result.detail and result.detail.key) == (
        Status.UNMEASURABLE,
        "exercise.capacity_short",
    )
    assert result.detail is not None and result.detail.params["capacity"] == "1.2"
    # 1.9 cores' worth: the machine could show it, so the program is what fell short.
    result = judge((check,), replace(short, capacity=1.9), CLEAN).results[1]
    assert result.status is Status.FAILED and result.detail is not None
    assert result.detail.key == "exercise.speedup_short_best"
    # A speed-up shown passes, however little the machine gave.
    fast = replace(short, runs=(_run("x", duration=1.0),), capacity=1.1)
    assert judge((check,), fast, CLEAN).results[1].status is Status.PASSED


def test_only_a_speedup_short_of_its_factor_is_worth_timing_again() -> None:
    checks = (_check(speedup=1.5), _check(line="^done$"))
    reference = _run("r", duration=2.0)
    wrong_and_slow = Attempt("p", (_run("x", duration=1.9),), reference)
    assert not short_of_speed(judge(checks, wrong_and_slow, CLEAN))
    right_and_slow = Attempt("p", (_run("done", duration=1.9),), reference)
    assert short_of_speed(judge(checks, right_and_slow, CLEAN))
    right_and_fast = Attempt("p", (_run("done", duration=1.0),), reference)
    assert not short_of_speed(judge(checks, right_and_fast, CLEAN))


def test_processes_busy_at_once() -> None:
    def busy(pid: int) -> ProcessRecord:
        return ProcessRecord(pid=pid, ppid=1, name=f"w{pid}", start_method="fork", start=0.0,
                             end=1.0, exit_code=0, cpu=0.95)  # fmt: skip

    check = _check(parallel=2)
    both = Attempt("p", (_run("x", processes=(busy(2), busy(3))),))
    assert _one(check, both)[0] is Status.PASSED
    one = Attempt("p", (_run("x", processes=(busy(2),)),))
    assert _one(check, one)[0] is Status.FAILED
    single_core = Attempt("p", (_run("x", cores=1, processes=(busy(2),)),))
    assert _one(check, single_core)[:2] == (Status.UNMEASURABLE, "proof.few_cores")


def test_structure_names_what_is_missing_or_ruled_out() -> None:
    check = _check(uses=["multiprocessing.Pool", "main-guard"], avoids=["threading"])
    good = "from multiprocessing import Pool\nif __name__ == '__main__':\n    Pool(2)\n"
    assert _one(check, Attempt(good, (_run(""),), structure=analyse(good)))[0] is Status.PASSED
    bare = "import multiprocessing\n"
    status, key, _ = _one(check, Attempt(bare, (_run(""),), structure=analyse(bare)))
    assert (status, key) == (Status.FAILED, "exercise.missing")
    report = judge((check,), Attempt(bare, (_run(""),), structure=analyse(bare)), CLEAN)
    assert report.results[1].detail is not None
    assert report.results[1].detail.params["constructs"] == "multiprocessing.Pool, main-guard"
    threads = good + "import threading\n"
    status, key, _ = _one(check, Attempt(threads, (_run(""),), structure=analyse(threads)))
    assert (status, key) == (Status.FAILED, "exercise.avoid_found")


@pytest.mark.parametrize(
    ("run", "key"),
    [
        (RunFacts("Traceback\nNameError: x", ok=False, problem="exit code 1"), "exercise.crashed"),
        (RunFacts("waiting", ok=False, timed_out=True), "exercise.timed_out"),
    ],
)
def test_runs_cleanly_fails_on_a_crash_or_a_hang(run: RunFacts, key: str) -> None:
    report = judge((), Attempt("p", (run,)), CLEAN)
    (clean,) = report.results
    assert clean.status is Status.FAILED and clean.detail is not None and clean.detail.key == key
    assert clean.evidence and not report.passed
