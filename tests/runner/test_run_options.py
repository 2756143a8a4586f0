"""The run options exercises need: DemoSpec.cpus (the demo and all its descendants on the
N of its CPUs) and DemoSpec.start_method (the default start method of the demo's
processes, which a demo may still set itself), on the supervised and the direct path."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import pytest
from runner_support import LINUX, program

import mpquiz.runner.launch as launch_module
from mpquiz.runner import DemoSpec, RunResult, run_demo, start_demo
from mpquiz.runner.environment import START_METHOD_VARIABLE, demo_environment
from mpquiz.runner.limits import planned_cpus

METHODS = multiprocessing.get_all_start_methods()
CPUS = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
PATHS = pytest.mark.parametrize("supervised", [True, False], ids=["supervised", "direct"])


def run(spec: DemoSpec) -> RunResult:
    return start_demo(spec).wait(30)


# Checks without a run.


def test_cpus_and_start_method_are_checked_when_the_spec_is_made() -> None:
    for cpus in (0, -1, True):
        with pytest.raises(ValueError, match="cpus"):
            DemoSpec(program("count_lines.py").script, cpus=cpus)
    with pytest.raises(ValueError, match="start_method must be one of fork, spawn, forkserver"):
        DemoSpec(program("count_lines.py").script, start_method="threads")
    spec = DemoSpec(program("count_lines.py").script, cpus=2, start_method="spawn")
    assert (spec.cpus, spec.start_method) == (2, "spawn")
    assert DemoSpec(program("count_lines.py").script).cpus is None


@pytest.mark.skipif(CPUS is None, reason="no CPU affinity on this system")
def test_the_cpus_planned_are_mpquizs_own_the_same_each_time() -> None:
    mine = sorted(os.sched_getaffinity(0))
    assert planned_cpus(None) is None
    one = planned_cpus(1)
    assert one is not None and len(one) == 1 and one[0] in mine
    assert planned_cpus(1) == one  # every run of this mpquiz gets the same one
    assert planned_cpus(len(mine) + 5) == mine  # more than there are: all of them


def test_the_start_method_reaches_the_hook_only_when_asked(tmp_path: Path) -> None:
    assert START_METHOD_VARIABLE not in demo_environment(tmp_path, "t", {})
    env = demo_environment(tmp_path, "t", {}, start_method="spawn")
    assert env[START_METHOD_VARIABLE] == "spawn"


# cpus, on real runs.


@pytest.mark.slow
@pytest.mark.skipif(not LINUX, reason="CPU affinity is set on Linux only")
@PATHS
@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_a_demo_restricted_to_one_cpu_sees_one_and_so_do_its_children(
    method: str, supervised: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(launch_module, "SUPERVISED", supervised)
    result = run(program("show_cpus.py", method, cpus=1))
    assert result.ok, result.output
    assert result.output.splitlines() == ["main 1", "child 1", "exec 1"]
    assert result.cpus == 1


@pytest.mark.slow
@pytest.mark.skipif(not LINUX, reason="CPU affinity is set on Linux only")
def test_more_cpus_than_there_are_gives_all_and_none_leaves_them_alone() -> None:
    assert CPUS is not None
    many = run(program("show_cpus.py", "fork", cpus=CPUS + 3))
    assert many.ok and many.cpus == CPUS
    assert many.output.splitlines() == [f"main {CPUS}", f"child {CPUS}", f"exec {CPUS}"]
    plain = run(program("show_cpus.py", "fork"))
    assert plain.ok and plain.cpus is None
    assert plain.output.splitlines()[0] == f"main {CPUS}"
    if CPUS >= 2:
        two = run(program("show_cpus.py", "spawn", cpus=2))
        assert two.output.splitlines() == ["main 2", "child 2", "exec 2"]


# start_method, on real runs.


@pytest.mark.slow
@PATHS
@pytest.mark.parametrize("method", METHODS)
def test_the_start_method_asked_is_the_demos_default_without_being_set(
    method: str, supervised: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if supervised and not LINUX:
        pytest.skip("the supervisor runs on Linux only")
    monkeypatch.setattr(launch_module, "SUPERVISED", supervised)
    result = run(program("show_start_method.py", start_method=method))
    assert result.ok, result.output
    assert result.output.splitlines() == [
        "set None",  # not marked as set: the demo may still choose
        f"default {method}",
        "hidden True",
        f"started {method} child {method} 0",
    ]


@pytest.mark.slow
@pytest.mark.parametrize("asked", [m for m in METHODS if m != "spawn"])
def test_a_demo_that_sets_its_own_start_method_still_may(asked: str) -> None:
    result = run(program("show_start_method.py", "set", "spawn", start_method=asked))
    assert result.ok, result.output
    assert result.output.splitlines() == [
        "set spawn",
        "default spawn",
        "hidden True",
        "started spawn child spawn 0",
    ]


@pytest.mark.slow
def test_without_a_start_method_the_platforms_default_stays() -> None:
    default = multiprocessing.get_context().get_start_method()
    result = run(program("show_start_method.py"))
    assert result.ok, result.output
    assert result.output.splitlines()[:2] == ["set None", f"default {default}"]


def test_a_start_method_this_system_has_not_got_is_an_error_not_a_crash(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    result = run_demo(program("count_lines.py", "3", start_method="fork"))
    assert not result.ok and result.exit_code is None and result.lines == ()
    assert result.error == (
        "could not start: the start method 'fork' is not available on this system (it has spawn)"
    )
