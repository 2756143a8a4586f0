"""An exercise checked for real: the starter loses updates, the solution does not, and
what is wrong with a program is named by the check that fails."""

from __future__ import annotations

from pathlib import Path

import pytest

from mpquiz.core.exercise import RUNS_CLEANLY, Status
from mpquiz.core.kinds import ExerciseQuestion
from mpquiz.core.refusal import Refusal
from mpquiz.packs.loader import load_pack
from mpquiz.session.demos import DemoLauncher, TrustPolicy
from mpquiz.session.exercise_run import CheckRun, ExerciseRunner
from tests.support.trusting import launcher_for, places_for

PACK = Path(__file__).parents[1] / "fixtures" / "expack"


def _runner(launcher: DemoLauncher | None = None) -> ExerciseRunner:
    question = load_pack(PACK).questions[0]
    assert isinstance(question, ExerciseQuestion)
    return ExerciseRunner(launcher or launcher_for(PACK), question)


def _results(run: CheckRun | Refusal) -> dict[str, Status]:
    assert isinstance(run, CheckRun), run
    return {r.name: r.status for r in run.report.results}


def test_the_starter_shown_is_the_region_to_edit() -> None:
    runner = _runner()
    starter = runner.starter()
    assert starter is not None and starter.startswith("def work(counter, times):")
    assert "def main" not in starter  # the rest of the file stays around it
    solution = runner.solution()
    assert solution is not None and "get_lock()" in solution
    assert any(line.startswith("+") and "get_lock" in line for line in runner.diff(starter))


@pytest.mark.slow
def test_the_starter_fails_by_its_lost_updates_and_the_solution_passes() -> None:
    runner = _runner()
    starter = runner.starter()
    solution = runner.solution()
    assert starter is not None and solution is not None
    failed = runner.check(starter)
    assert _results(failed) == {
        RUNS_CLEANLY: Status.PASSED,
        "no-lost-updates": Status.FAILED,
        "uses-the-lock": Status.FAILED,
    }
    assert isinstance(failed, CheckRun)
    lost = next(r for r in failed.report.results if r.name == "no-lost-updates")
    assert lost.detail is not None and lost.detail.key == "proof.value_not.eq"
    assert lost.run == 1  # the first run already lost updates
    assert not failed.report.passed
    passed = runner.check(solution)
    assert _results(passed) == dict.fromkeys((RUNS_CLEANLY, "no-lost-updates", "uses-the-lock"),
                                             Status.PASSED)  # fmt: skip
    assert isinstance(passed, CheckRun) and passed.report.passed and len(passed.runs) == 2
    assert "final: 200 (expected 200)" in passed.runs[0].output


@pytest.mark.slow
def test_a_program_that_crashes_or_breaks_the_rules_is_told_which_check() -> None:
    runner = _runner()
    crash = runner.check("def work(counter, times):\n    pass\n\nundefined_name\n")
    results = _results(crash)
    assert results[RUNS_CLEANLY] is Status.FAILED
    assert isinstance(crash, CheckRun) and len(crash.runs) == 1  # no second run of a crash
    clean = crash.report.results[0]
    assert clean.detail is not None and clean.detail.key == "exercise.crashed"
    assert any("NameError" in line for line in clean.evidence)
    threads = runner.check(
        "import threading\n"
        "def work(counter, times):\n"
        "    for _ in range(times):\n"
        "        with counter.get_lock():\n"
        "            counter.value += 1\n"
    )
    assert isinstance(threads, CheckRun)
    rules = next(r for r in threads.report.results if r.name == "uses-the-lock")
    assert rules.status is Status.FAILED and rules.detail is not None
    assert rules.detail.key == "exercise.avoid_found"
    assert rules.detail.params == {"construct": "threading", "line": 1}  # in their own text
    bad = runner.check("def work(counter, times:\n    pass\n")
    assert _results(bad)["uses-the-lock"] is Status.FAILED


class _Untrusting(TrustPolicy):
    def trusted(self, pack_id: str) -> None:
        return None

    def was_trusted(self, pack_id: str) -> bool:
        return False


def test_an_untrusted_pack_runs_nothing_not_even_the_learners_program() -> None:
    launcher = DemoLauncher(places_for(PACK), _Untrusting())
    refused = _runner(launcher).check("def work(counter, times):\n    pass\n")
    assert isinstance(refused, Refusal) and refused.key == "trust.untrusted"


@pytest.mark.slow
def test_a_program_stuck_past_its_time_limit_is_told_where_and_why(tmp_path: Path) -> None:
    import shutil

    pack = tmp_path / "expack"
    shutil.copytree(PACK, pack)
    toml = pack / "questions" / "lock.toml"
    toml.write_text(toml.read_text().replace('edit = "work"', 'edit = "work"\ntimeout = 2'))
    question = load_pack(pack).questions[0]
    assert isinstance(question, ExerciseQuestion)
    runner = ExerciseRunner(launcher_for(pack), question)
    stuck = runner.check(
        "def work(counter, times):\n"
        "    lock = counter.get_lock()\n"
        "    lock.acquire()\n"
        "    lock.acquire()  # never released: the second acquire waits forever\n"
    )
    assert isinstance(stuck, CheckRun) and len(stuck.runs) == 1 and stuck.runs[0].timed_out
    clean = stuck.report.results[0]
    assert clean.status is Status.FAILED and clean.detail is not None
    assert clean.detail.key.startswith("hang."), clean.detail
    assert clean.detail.params.get("line") in (3, 4)  # counted in the learner's own text
