"""Answer keys proved by execution, on the mini pack and on the whole built-in pack."""

from __future__ import annotations

import dataclasses
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from mpquiz import paths
from mpquiz.core.grading import RunFacts
from mpquiz.core.model import ExerciseQuestion, NumericKey
from mpquiz.core.proof_codec import ProofSpec
from mpquiz.packs.loader import load_pack
from mpquiz.runner import RunResult
from mpquiz.session import keycheck
from mpquiz.session.keycheck import check_keys
from tests.cli.test_cli import mpquiz


def test_mini_pack_keys_hold(mini_pack_dir: Path) -> None:
    report = check_keys(load_pack(mini_pack_dir))
    assert report.problems == []
    # the predict question varies, so its demo ran several times
    assert report.runs == 1 + 3


def test_a_wrong_key_is_caught(mini_pack_dir: Path) -> None:
    pack = load_pack(mini_pack_dir)
    numeric = dataclasses.replace(pack.questions[1], answer=NumericKey(value=4))
    predict = dataclasses.replace(pack.questions[2], expected="child 0\njoined 2")
    report = check_keys(dataclasses.replace(pack, questions=(numeric, predict)))
    messages = {p.question.qid: p.message for p in report.problems}
    assert "measured 3" in messages["basics.exitcode-number"]
    assert "does not fit `expected`" in messages["basics.children"]


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="a point needing 2 cores needs 2 cores")
def test_a_point_needing_cores_is_checked_against_the_machine(
    mini_pack_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What the case is about: a host that slows the CPUs with nothing busy seen inside.
    seen = keycheck.run_facts
    quiet = lambda result: dataclasses.replace(seen(result), others=0.0, load=0.0)  # noqa: E731
    monkeypatch.setattr(keycheck, "run_facts", quiet)
    pack = load_pack(mini_pack_dir)
    # basics.exitcode's demo prints "exitcode: 3"; a point asking 4 of 2 cores fails it.
    point = {"value": r"exitcode: (?P<value>-?\d+)", "is": "== 4"}
    wrong = ProofSpec.of({"all": [point], "needs_cores": 2})
    question = dataclasses.replace(pack.questions[0], proof=wrong)
    one = dataclasses.replace(pack, questions=(question,))
    asked: list[int] = []

    def gave(worth: float) -> Callable[[int], float]:  # a fake runner.parallel_capacity
        def capacity(cores: int) -> float:
            asked.append(cores)
            return worth

        return capacity

    # The machine gave 1.2 of 2 cores just after the run: the run could not measure it.
    starved = check_keys(one, capacity=gave(1.2))
    assert starved.problems == [] and asked == [2]
    tally = starved.proofs["basics.exitcode"]
    assert tally.status == "not-shown" and tally.unmeasurable == tally.runs == 1
    assert tally.failed is None  # no run that could measure it failed
    assert tally.last is not None and tally.last.reason is not None
    assert tally.last.reason.key == "proof.capacity_short"
    assert tally.last.reason.params == {"capacity": "1.2", "cores": 2}
    # With the cores given, the same failure is a problem, and says what was measured.
    full = check_keys(one, capacity=gave(1.9))
    assert [p.question.qid for p in full.problems] == ["basics.exitcode"]
    # a measured value depends on timing: its demo ran 3 times more before it was judged
    assert full.problems[0].message == "its proof held in 0 of 4 runs: measured 3, not 4"
    # A point that needs one core is not the machine's to excuse: no probe.
    asked.clear()
    single = dataclasses.replace(question, proof=ProofSpec.of(point))
    alone = check_keys(dataclasses.replace(pack, questions=(single,)), capacity=gave(0.5))
    assert len(alone.problems) == 1 and asked == []


def test_a_timing_point_is_judged_on_most_of_its_runs(
    mini_pack_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = load_pack(mini_pack_dir)
    exitcode = dataclasses.replace(pack, questions=(pack.questions[0],))  # "== 3"
    seen = keycheck.run_facts
    outputs: list[str] = []

    def said(result: RunResult) -> RunFacts:  # each run's output, in turn
        facts = dataclasses.replace(seen(result), others=0.0, load=0.0)
        return dataclasses.replace(facts, output=outputs.pop(0)) if outputs else facts

    monkeypatch.setattr(keycheck, "run_facts", said)
    # One slow run, then two that show it: run again until most runs say which it is.
    outputs[:] = ["exitcode: 9"]
    once = check_keys(exitcode, capacity=lambda cores: 2.0)
    tally = once.proofs["basics.exitcode"]
    assert once.problems == [] and once.runs == tally.runs == 3
    assert (tally.shown, tally.status) == (2, "shown")
    # Wrong in every run: it ran EXTRA_RUNS more times, and it is a problem.
    outputs[:] = ["exitcode: 9"] * 9
    wrong = check_keys(exitcode, capacity=lambda cores: 2.0)
    assert wrong.runs == 1 + keycheck.EXTRA_RUNS
    assert [p.message for p in wrong.problems] == [
        "its proof held in 0 of 4 runs: measured 9, not 3"
    ]
    # A point that needs no timing is judged on every run, and not run again.
    children = dataclasses.replace(pack, questions=(pack.questions[2],))  # predict, varies
    assert not keycheck.depends_on_timing(pack.questions[2])
    assert check_keys(children).runs == keycheck.VARYING_RUNS


def test_validate_run_exit_codes(mini_pack_dir: Path, tmp_path: Path) -> None:
    assert mpquiz("pack", "validate", str(mini_pack_dir), "--run", "--yes").returncode == 0
    broken = tmp_path / "p"
    shutil.copytree(mini_pack_dir, broken)
    toml = broken / "questions" / "basics.toml"
    toml.write_text(toml.read_text().replace("answer = 3", "answer = 5"))
    result = mpquiz("pack", "validate", str(broken), "--run", "--yes")
    assert result.returncode == 1 and "basics.exitcode-number" in result.stderr


def test_every_builtin_key_is_confirmed_by_its_demo() -> None:
    pack = load_pack(paths.builtin_pack_dir(), demos_dir=paths.builtin_demos_dir())
    # One run of each demo proves each key here (22 s instead of 63 s of the suite's five
    # minutes); `pack validate --run`, which CI runs under every other CPython found,
    # repeats a demo whose output varies (VARYING_RUNS) and wants the key in each run.
    report = check_keys(pack, runs_when_varying=1)
    assert [str(p) for p in report.problems] == []
    asked = [q for q in pack.questions if not isinstance(q, ExerciseQuestion)]
    # exercises are proved by their own checks (tests/demos/test_exercises.py)
    assert report.questions == len(asked) and report.runs >= len({q.demo for q in asked})
