"""The timeline collector on real runs: every process of a demo recorded under fork, spawn
and forkserver, on the supervised (Linux) and the direct runner path, without a byte added
to its output; a demo's garbage in the side channel ignored and capped; a killed demo
still recorded; the collector switched off."""

from __future__ import annotations

import contextlib
import fcntl
import multiprocessing
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from runner_support import LINUX, hostile, program

import mpquiz.runner.launch as launch_module
from mpquiz.core.inert import is_inert
from mpquiz.runner import (
    ProcessRecord,
    RunResult,
    cpu_overlap,
    parallel_processes,
    start_demo,
    threads_serialised,
)
from mpquiz.runner.launch import demo_command
from mpquiz.runner.supervised_run import encode_spec
from mpquiz.runner.supervisors import Supervisor
from mpquiz.runner.timeline import MAX_PROCESSES, MAX_THREADS, SWITCH_VARIABLE, Timeline
from mpquiz.runner.workdir import make_workdir, remove_workdir

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not LINUX, reason="programs/timeline_tree.py forks; /proc is read"),
]

METHODS = [
    m for m in ("fork", "spawn", "forkserver") if m in multiprocessing.get_all_start_methods()
]
CPUS = len(os.sched_getaffinity(0))
GIL: bool = getattr(sys, "_is_gil_enabled", lambda: True)()
# What programs/timeline_tree.py prints, and nothing else.
TREE_OUTPUT = {
    "fork": ["pool ['Fork', 'Fork']", "exit codes 0 -6 3", "threads done"],
    "spawn": ["pool ['Spaw', 'Spaw']", "exit codes 0 -6 3", "threads done"],
    "forkserver": ["pool ['Fork', 'Fork']", "exit codes 0 -6 3", "threads done"],
}


def run(name: str, *args: str, **options: float) -> tuple[RunResult, int | None]:
    process = start_demo(program(name, *args, **options))
    return process.wait(30), process.pid


def by_name(records: tuple[ProcessRecord, ...], name: str) -> ProcessRecord:
    (record,) = [record for record in records if record.name == name]
    return record


@contextlib.contextmanager
def cores_to_ourselves() -> Iterator[None]:
    """One CPU-bound run at a time across the test processes (pytest -n): two of them at
    once would make each other's workers take turns."""
    with open(Path(tempfile.gettempdir()) / "mpquiz-test-timeline.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def measured_in_parallel(records: tuple[ProcessRecord, ...]) -> bool:
    """The pool workers overlapped and the two threads took turns, as measured (a machine
    busy enough to starve the run can spoil either)."""
    workers = [record for record in records if "PoolWorker" in record.name]
    main = next(record for record in records if record.start_method is None)
    return cpu_overlap(workers) > 0.0 and threads_serialised(main) is GIL


@pytest.mark.parametrize("supervised", [True, False], ids=["supervised", "direct"])
@pytest.mark.parametrize("method", METHODS)
def test_every_process_of_a_demo_is_recorded(
    method: str, supervised: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(launch_module, "SUPERVISED", supervised)
    # Other programs hogging the cores can make the workers take turns for real: then
    # the helpers rightly prove nothing, and the run is tried again (three times at most).
    loads = []
    for _attempt in range(3):
        with cores_to_ourselves():
            loads.append(os.getloadavg()[0])
            result, pid = run("timeline_tree.py", method)
        if CPUS < 2 or measured_in_parallel(result.processes):
            break
    assert result.ok, result.output
    assert [line.text for line in result.lines] == TREE_OUTPUT[method]  # nothing added
    records = result.processes
    assert len({record.pid for record in records}) == len(records)

    main = next(record for record in records if record.pid == pid)
    assert (main.name, main.start_method, main.exit_code) == ("MainProcess", None, 0)
    assert main.start is not None and main.end is not None and 0 < main.start < main.end
    assert main.cpu is not None and main.cpu >= 0.3  # its two threads' CPU time at least

    # The pool: two workers of this start method, computing at the same time.
    workers = [record for record in records if "PoolWorker" in record.name]
    assert len(workers) == 2
    forkserver = by_name(records, "forkserver").pid if method == "forkserver" else None
    for worker in workers:
        assert worker.start_method == method
        assert worker.ppid == (forkserver or pid)
        assert worker.exit_code in (0, -15)  # Pool.__exit__ terminates what is left
        assert worker.cpu is not None and worker.cpu >= 0.28  # 0.3 s computed
        assert worker.start is not None and worker.end is not None
        assert supervised == bool(worker.samples), worker  # the supervisor samples /proc
    if CPUS < 2:  # one CPU: what was measured, no parallelism
        assert cpu_overlap(workers) == 0.0
        assert parallel_processes(workers) == 1

    # The child that forked a grandchild into a session of its own, and the crashes.
    forker = next(r for r in records if r.name == "forker" and r.start_method == method)
    grandchild = next(r for r in records if r.start_method == "os.fork")
    assert grandchild.ppid == forker.pid and forker.ppid == (forkserver or pid)
    assert (forker.exit_code, grandchild.exit_code) == (0, 7)
    assert grandchild.end is not None and grandchild.cpu is not None
    assert by_name(records, "aborter").exit_code == -6  # SIGABRT, as its parent saw it
    assert by_name(records, "exiter").exit_code == 3

    # The threads, in the main process.
    burners = [thread for thread in main.threads if thread.name.startswith("burner-")]
    assert len(burners) == 2
    assert all(thread.cpu is not None and thread.cpu >= 0.14 for thread in burners)
    if CPUS < 2:
        assert threads_serialised(main) in (True, None)  # turns, or starved: not parallel

    for record in records:
        assert is_inert(record.name)
        if record.start is not None and record.end is not None:
            # An orphan that ignores SIGTERM (the resource tracker does) ends at the
            # SIGKILL after the grace period.
            assert record.start <= record.end <= result.duration + 3.0, records

    # Last, what only a machine with two cores to spare can show.
    if CPUS >= 2 and not measured_in_parallel(records) and min(loads) >= CPUS:
        pytest.skip(
            f"the machine was saturated by other programs (load {loads} on {CPUS} CPUs): "
            f"the workers took turns, overlap measured {cpu_overlap(workers):.3f} s, "
            f"threads_serialised {threads_serialised(main)}"
        )
    if CPUS >= 2:
        assert cpu_overlap(workers) > 0.0, (loads, workers)
        assert parallel_processes(workers) == 2, (loads, workers)
        assert threads_serialised(main) is GIL, (loads, main.threads)


def test_garbage_in_the_side_channel_is_ignored_and_capped() -> None:
    began = time.monotonic()
    result, pid = run("timeline_garbage.py")
    assert time.monotonic() - began < 10
    assert result.ok, result.output
    assert [line.text for line in result.lines] == ["hidden True", "done"]
    assert len(result.processes) <= MAX_PROCESSES
    assert all(is_inert(record.name) for record in result.processes)
    main = next(record for record in result.processes if record.pid == pid)
    assert main.exit_code == 0 and main.end == pytest.approx(result.duration)
    assert "\x1b" not in main.name  # the forged name, drawn inert


def test_a_killed_demo_is_recorded_with_what_saw_it_die() -> None:
    process = start_demo(hostile("endless_loop.py", timeout=1.0, grace=0.1))
    result = process.wait(15)
    assert result.timed_out
    (main,) = result.processes
    assert main.pid == process.pid
    assert main.exit_code == result.exit_code and main.exit_code is not None
    assert main.exit_code < 0  # killed by a signal
    assert main.start is not None and main.end is not None and main.end >= 1.0
    # Its CPU time is its last sample's, never made up: some, and no more than it lived
    # (how much of that second it got depends on what else the machine ran).
    assert main.cpu is None or 0 < main.cpu <= main.end - main.start + 0.05
    if LINUX:
        assert main.samples and main.samples[-1][1] == main.cpu


def test_a_process_with_more_to_say_than_its_budget_still_records_its_end(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Direct: no supervisor's samples to stand in for the main process's own end line.
    monkeypatch.setattr(launch_module, "SUPERVISED", False)
    result, pid = run("many_short_lives.py")
    assert result.ok and [line.text for line in result.lines] == ["lived"]
    main = next(record for record in result.processes if record.pid == pid)
    assert len(main.threads) == MAX_THREADS
    assert main.cpu is not None  # from its own end line, written past the budget
    children = [record for record in result.processes if record.ppid == pid]
    assert len(children) == 150 and all(child.exit_code == 0 for child in children)


def test_a_supervisor_deletes_the_timeline_when_mpquiz_is_gone() -> None:
    # What happens when mpquiz is killed: its end of the control pipe closes.
    timeline = Timeline()
    workdir = make_workdir()
    supervisor = Supervisor.start()
    try:
        spec = program("stream_slowly.py", timeout=10.0)
        command = demo_command(spec, sys.executable)
        sent = encode_spec(spec, command, workdir, "token", time.monotonic(), timeline)
        assert supervisor.send(sent)
        deadline = time.monotonic() + 5
        while timeline.path.stat().st_size == 0 and time.monotonic() < deadline:
            time.sleep(0.01)  # until the demo has started and noted it
        supervisor.close()  # as mpquiz's death does
        assert not timeline.path.exists()
    finally:
        timeline.remove()
        remove_workdir(workdir)


def test_the_collector_can_be_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SWITCH_VARIABLE, "0")
    result, _pid = run("count_lines.py", "3")
    assert result.ok and result.processes == ()
    assert len(result.lines) == 3


@pytest.mark.parametrize("method", METHODS)
def test_a_process_created_and_never_started_is_recorded_as_such(method: str) -> None:
    result, pid = run("timeline_unstarted.py", method)
    assert result.output == "ran 0 never [False, False]"
    never = [r for r in result.processes if not r.started]
    assert sorted(r.name for r in never) == ["never-0", "never-1"]
    for record in never:
        assert record.ppid == pid and record.start is None and record.end is None
        assert record.created is not None and 0 <= record.created <= result.duration
    assert by_name(result.processes, "ran").exit_code == 0
