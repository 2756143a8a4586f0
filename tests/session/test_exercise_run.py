"""An exercise checked for real: the starter loses updates, the solution does not, and
what is wrong with a program is named by the check that fails."""

from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from mpquiz.core.exercise import RUNS_CLEANLY, Status
from mpquiz.core.kinds import ExerciseQuestion
from mpquiz.core.refusal import Refusal
from mpquiz.packs.loader import load_pack
from mpquiz.runner import DemoSpec, RunResult
from mpquiz.session import exercise_run
from mpquiz.session.demos import DemoLauncher, TrustLocalFiles, TrustPolicy
from mpquiz.session.exercise_run import PROGRAM_NAME, CheckRun, ExerciseRunner
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


class _Timed(DemoLauncher):
    """A launcher whose runs take the wall times given, one list for the reference and
    one for the learner's program (nothing runs: the loop that times again is tested)."""

    def __init__(self, folder: Path, reference: list[float], program: list[float]) -> None:
        super().__init__(places_for(folder), TrustLocalFiles())
        self.times = {"reference": reference, "program": program}
        self.started: list[str] = []

    def start_spec(self, spec: DemoSpec) -> Any:
        which = "program" if spec.script.name == PROGRAM_NAME else "reference"
        self.started.append(which)
        duration = self.times[which].pop(0)
        result = RunResult(spec.script.name, spec.args, 0, duration, False, False, False, (),
                           others_busy=0.0, cpus=2)  # fmt: skip
        return SimpleNamespace(wait=lambda: result)


def _speed_pack(tmp_path: Path) -> Path:
    pack = tmp_path / "speedpack"
    shutil.copytree(PACK, pack)
    toml = pack / "questions" / "lock.toml"
    text = toml.read_text().split("[[question.checks]]")[0]
    toml.write_text(
        text + "[[question.checks]]\n"
        'name = "speedup"\n'
        'message = { en = "Twice as fast.", es = "El doble de rápido." }\n'
        "speedup = 2\n"
    )
    return pack


@pytest.mark.parametrize(
    ("reference", "program", "started", "capacity", "key"),
    [
        # Fast enough the first time: one run each, nothing timed again.
        ([1.0], [0.4], ["reference", "program"], None, "exercise.speedup"),
        # Short at first (a busy moment), then each side's fastest run shows it.
        ([1.0, 0.9], [0.7, 0.45], ["reference", "program"] * 2, None, "exercise.speedup_best"),
        # Short every time, on a machine that gave two processes 2 cores' worth: three
        # runs each, and the verdict says so.
        ([1.0, 1.0, 1.0], [0.9, 0.8, 0.85], ["reference", "program"] * 3, 2.0,
         "exercise.speedup_short_best"),
        # The same on a machine that gave them 1.3 cores' worth: not measurable here.
        ([1.0, 1.0, 1.0], [0.9, 0.8, 0.85], ["reference", "program"] * 3, 1.3,
         "exercise.capacity_short"),
    ],
)  # fmt: skip
def test_a_speedup_short_of_its_factor_is_timed_again_before_it_fails(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    reference: list[float],
    program: list[float],
    started: list[str],
    capacity: float | None,
    key: str,
) -> None:
    probed: list[int] = []

    def measured(cores: int) -> float | None:
        probed.append(cores)
        return capacity

    monkeypatch.setattr(exercise_run, "parallel_capacity", measured)
    pack = _speed_pack(tmp_path)
    question = load_pack(pack).questions[0]
    assert isinstance(question, ExerciseQuestion)
    runs = len(program)
    launcher = _Timed(pack, reference, program)
    checked = ExerciseRunner(launcher, question).check("def work(counter, times):\n    pass\n")
    assert isinstance(checked, CheckRun)
    assert launcher.started == started
    speed = checked.report.results[-1]
    assert speed.detail is not None and speed.detail.key == key
    assert len(checked.runs) == runs == checked.report.runs
    assert probed == ([2] if capacity is not None else [])  # measured only when still short
