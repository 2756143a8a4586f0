"""The process records and their evidence, without running anything: the JSON form, the
bounds cpu_overlap and parallel_processes prove, threads_serialised's verdicts, and the
parsing of a hostile timeline."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mpquiz.core.inert import is_inert
from mpquiz.core.processes import SAMPLE_ERROR, records_from_json, records_to_json
from mpquiz.runner import (
    ProcessRecord,
    ThreadRecord,
    cpu_overlap,
    parallel_processes,
    threads_serialised,
)
from mpquiz.runner.timeline import MAX_PROCESSES, MAX_THREADS, Observations, collect


def process(
    pid: int,
    start: float | None,
    end: float | None,
    cpu: float | None,
    *,
    samples: tuple[tuple[float, float], ...] = (),
    threads: tuple[ThreadRecord, ...] = (),
) -> ProcessRecord:
    return ProcessRecord(pid, 1, f"P-{pid}", "fork", start, end, 0, cpu, threads, samples)


def ramp(start: float, stop: float, rate: float = 1.0, step: float = 0.05) -> tuple:
    """Samples of a process busy at `rate` from `start` to `stop`, idle otherwise, read
    every `step` seconds from 0 to 2."""
    return tuple((t, rate * max(0.0, min(t, stop) - start)) for t in (i * step for i in range(41)))


# The JSON form.


def test_a_record_round_trips_through_json_with_the_promised_keys() -> None:
    record = ProcessRecord(
        pid=42,
        ppid=1,
        name="SpawnPoolWorker-2",
        start_method="spawn",
        start=0.1,
        end=1.5,
        exit_code=-15,
        cpu=1.25,
        threads=(ThreadRecord("Thread-1", 0.2, 0.3, 0.01),),
        samples=((0.15, 0.0), (0.2, 0.05)),
    )
    data = record.to_dict()
    assert list(data) == [
        "pid", "ppid", "name", "start_method", "start", "end", "exitcode", "cpu",
        "threads", "samples",
    ]  # fmt: skip
    assert data["threads"] == [{"name": "Thread-1", "start": 0.2, "end": 0.3, "cpu": 0.01}]
    assert ProcessRecord.from_dict(json.loads(json.dumps(data))) == record
    assert records_from_json(json.loads(json.dumps(records_to_json([record])))) == (record,)
    unknown = ProcessRecord(7, None, "MainProcess", None, None, None, None, None)
    assert ProcessRecord.from_dict(unknown.to_dict()) == unknown


@pytest.mark.parametrize(
    "change",
    [{"pid": None}, {"pid": True}, {"pid": "7"}, {"cpu": "1"}, {"start": float("nan")},
     {"name": 3}, {"threads": "x"}, {"samples": [[1.0]]}, {"exitcode": 1.5}],
)  # fmt: skip
def test_from_dict_refuses_what_is_not_the_json_form(change: dict[str, object]) -> None:
    data = process(7, 0.0, 1.0, 0.5).to_dict() | change
    with pytest.raises(ValueError):
        ProcessRecord.from_dict(data)


# cpu_overlap and parallel_processes, from lifetimes.


def test_two_processes_busy_side_by_side_overlap_by_their_common_second() -> None:
    records = [process(1, 0.0, 1.0, 1.0), process(2, 0.0, 1.0, 1.0)]
    assert cpu_overlap(records) == pytest.approx(1.0)
    assert parallel_processes(records) == 2


def test_processes_one_after_the_other_prove_no_overlap() -> None:
    records = [process(1, 0.0, 1.0, 1.0), process(2, 1.0, 2.0, 1.0)]
    assert cpu_overlap(records) == 0.0
    assert parallel_processes(records) == 1


def test_processes_alive_together_but_half_busy_prove_nothing() -> None:
    # Each used 1 s of CPU in 2 s of life: they may have taken turns on one core.
    records = [process(1, 0.0, 2.0, 1.0), process(2, 0.0, 2.0, 1.0)]
    assert cpu_overlap(records) == 0.0
    assert parallel_processes(records) == 1


def test_a_partial_overlap_is_bounded_by_what_each_life_leaves_inside() -> None:
    # P1 [0, 1] fully busy; P2 [0.5, 2] with 1 s of CPU: at least 0.5 s of it before 1.0
    # is impossible to prove (it had 1 s after 1.0 to spend it), so nothing is proven.
    assert cpu_overlap([process(1, 0.0, 1.0, 1.0), process(2, 0.5, 2.0, 1.0)]) == 0.0
    # With 1.25 s of CPU in [0.5, 2], at least 0.25 s fell inside [0.5, 1].
    overlap = cpu_overlap([process(1, 0.0, 1.0, 1.0), process(2, 0.5, 2.0, 1.25)])
    assert overlap == pytest.approx(0.25)


def test_fewer_cpus_than_processes_weaken_nothing_they_strengthen_the_bound() -> None:
    records = [process(n, 0.0, 1.0, 0.5) for n in range(1, 5)]  # 4 × 50 % for 1 s
    assert cpu_overlap(records) == pytest.approx(1.0 / 3)  # (2 - 1) / (4 - 1)
    assert cpu_overlap(records, cpus=2) == pytest.approx(1.0)  # (2 - 1) / (2 - 1)
    assert cpu_overlap(records, cpus=1) == 0.0
    assert parallel_processes(records) == 2


def test_records_without_times_or_cpu_give_no_evidence() -> None:
    records = [process(1, None, None, None), process(2, 0.0, None, 3.0), process(3, 1, 1, 1)]
    assert cpu_overlap(records) == 0.0
    assert parallel_processes(records) == 1  # some process used CPU time
    assert cpu_overlap([]) == 0.0
    assert parallel_processes([]) == 0


# From samples.


def test_sampled_processes_busy_together_overlap_less_the_sampling_error() -> None:
    records = [
        process(1, 0.0, 2.0, 1.0, samples=ramp(0.5, 1.5)),
        process(2, 0.0, 2.0, 1.0, samples=ramp(0.5, 1.5)),
    ]
    # Their lifetimes alone prove nothing; their samples prove the common second.
    assert cpu_overlap(records) == pytest.approx(1.0 - 2 * SAMPLE_ERROR, abs=1e-9)
    assert parallel_processes(records) == 2


def test_sampled_processes_that_took_turns_prove_no_overlap() -> None:
    records = [
        process(1, 0.0, 2.0, 0.5, samples=ramp(0.0, 0.5)),
        process(2, 0.0, 2.0, 0.5, samples=ramp(0.5, 1.0)),
    ]
    assert cpu_overlap(records) == 0.0
    assert parallel_processes(records) == 1


def test_samples_off_by_a_tick_do_not_make_turns_look_parallel() -> None:
    # Two processes sharing one core, each at 50 %, read with a tick's error either way.
    jitter = [0.01 if i % 2 else -0.01 for i in range(41)]
    samples = tuple(
        (t, max(0.0, cpu + e)) for (t, cpu), e in zip(ramp(0, 2, 0.5), jitter, strict=True)
    )
    records = [process(n, 0.0, 2.0, 1.0, samples=samples) for n in (1, 2)]
    assert cpu_overlap(records) == 0.0
    assert parallel_processes(records) == 1


@given(
    st.lists(
        st.tuples(st.floats(0, 5), st.floats(0.01, 5), st.floats(0, 1), st.integers(0, 3)),
        max_size=6,
    )
)
def test_the_bounds_stay_within_what_is_possible(
    shapes: list[tuple[float, float, float, int]],
) -> None:
    records = [
        process(n, start, start + life, life * busy, threads=(ThreadRecord("t", 0, 1, 0),) * k)
        for n, (start, life, busy, k) in enumerate(shapes, 1)
    ]
    overlap = cpu_overlap(records)
    lives = [(r.start, r.end) for r in records if r.start is not None and r.end is not None]
    span = max((e for _s, e in lives), default=0.0) - min((s for s, _e in lives), default=0.0)
    assert 0.0 <= overlap <= span + 1e-9
    assert 0 <= parallel_processes(records) <= len(records)


# threads_serialised.


def threads(*shapes: tuple[float, float, float]) -> ProcessRecord:
    made = tuple(ThreadRecord(f"T-{n}", s, e, c) for n, (s, e, c) in enumerate(shapes))
    return process(1, 0.0, 2.0, 1.0, threads=made)


def test_threads_whose_cpu_adds_up_to_the_wall_time_took_turns() -> None:
    assert threads_serialised(threads((0.0, 1.0, 0.5), (0.0, 1.0, 0.48))) is True


def test_threads_whose_cpu_adds_up_to_twice_the_wall_time_ran_at_once() -> None:
    assert threads_serialised(threads((0.0, 1.0, 0.98), (0.0, 1.0, 0.97))) is False


@pytest.mark.parametrize(
    "shapes",
    [
        ((0.0, 1.0, 0.9),),  # one thread: nothing to compare
        ((0.0, 0.5, 0.5), (0.5, 1.0, 0.5)),  # one after the other
        ((0.0, 1.0, 0.1), (0.0, 1.0, 0.1)),  # mostly waiting
        ((0.0, 1.0, 0.7), (0.0, 1.0, 0.65)),  # between the two bands
        ((0.0, 1.0, 0.001), (0.0, 1.0, 0.001)),  # no CPU-bound work at all
        ((0.0, None, 0.5), (0.0, 1.0, 0.5)),  # one never ended
    ],
)
def test_threads_serialised_says_none_when_it_cannot_tell(shapes: tuple) -> None:
    assert threads_serialised(threads(*shapes)) is None


# Parsing the timeline as hostile input.

STARTED = 1000.0


def line(**fields: object) -> bytes:
    return json.dumps(fields).encode() + b"\n"


def test_collect_joins_a_process_s_lines_and_the_runner_s_word_on_the_main_one() -> None:
    data = b"".join(
        [
            line(k="start", pid=10, ppid=1, t=1000.1, how="exec", name="MainProcess"),
            line(k="start", pid=11, ppid=10, t=1000.2, how="fork", name="MainProcess"),
            line(k="mp", pid=11, name="ForkPoolWorker-1", method="fork"),
            line(k="thread", pid=10, name="Thread-1", start=1000.15, end=1000.5, cpu=0.01),
            line(k="exit", pid=11, by=10, t=1000.6, code=-15, cpu=0.4, method="fork"),
            line(k="end", pid=10, t=1000.7, cpu=0.05, code=None, name="MainProcess"),
        ]
    )
    main, worker = collect(data, STARTED, main_pid=10, main_exit=0, main_end=0.8)
    assert main == ProcessRecord(
        10, 1, "MainProcess", None, 0.1, 0.7, 0, 0.05, (ThreadRecord("Thread-1", 0.15, 0.5, 0.01),)
    )
    assert worker == ProcessRecord(11, 10, "ForkPoolWorker-1", "fork", 0.2, 0.6, -15, 0.4)


def test_collect_fills_gaps_from_the_supervisor_and_never_invents() -> None:
    data = b"".join(
        [
            line(k="start", pid=10, ppid=1, t=1000.1, how="exec", name="MainProcess"),
            line(k="start", pid=12, ppid=10, t=1000.2, how="fork", name="MainProcess"),
            line(k="start", pid=13, ppid=12, t=1000.3, how="fork", name="MainProcess"),
        ]
    )
    observed = Observations()
    for status in ["cpu 12 0.25:0.00,0.30:0.04", "reaped 12 -9 0.35", "gone 12 0.32"]:
        assert observed.take(status.split())
    main, killed, unseen = collect(data, STARTED, 10, -11, 0.9, observed)
    assert (main.exit_code, main.end, main.cpu) == (-11, 0.9, None)
    assert (killed.exit_code, killed.end, killed.cpu) == (-9, 0.32, 0.04)
    assert killed.samples == ((0.25, 0.0), (0.3, 0.04))
    assert killed.start_method == "os.fork"
    assert (unseen.exit_code, unseen.end, unseen.cpu) == (None, None, None)


def test_collect_ignores_garbage_and_makes_names_inert() -> None:
    data = b"".join(
        [
            b"\x00\xff not json\n",
            b"[1, 2, 3]\n",
            b'{"k": "start"}\n',  # no pid
            line(k="start", pid=True, t=1000.0),
            line(k="start", pid=-3, t=1000.0),
            line(k="start", pid=20, ppid="1", t="soon", how="teleport", name=["x"]),
            line(k="mp", pid=20, name="\x1b]52;c;cHduZWQ=\x07\ud800" + "x" * 500, method="x"),
            line(k="end", pid=20, t=1e300, cpu=-1, code=1.5, name=None),
            line(k="thread", pid=20, name="\x1b[2J", start=None, end="x", cpu=float("inf")),
            b'{"k": "start", "pid": 21, "t": 1000.5' + b" " * 5000 + b"}\n",  # too long
            b"{" * 100_000 + b"\n",
            b"[" * 3000 + b"]" * 3000 + b"\n",
            line(k="surprise", pid=22),
        ]
    )
    (record,) = collect(data, STARTED, main_pid=None, main_exit=None, main_end=None)
    assert record.pid == 20
    assert (record.ppid, record.start, record.end, record.cpu, record.exit_code) == ((None,) * 5)
    assert record.start_method == "exec"
    assert is_inert(record.name) and len(record.name) <= 200
    assert record.name.encode("utf-8")  # the lone surrogate did not survive
    (thread,) = record.threads
    assert is_inert(thread.name) and (thread.start, thread.end, thread.cpu) == (None,) * 3


def test_collect_caps_processes_and_threads() -> None:
    starts = b"".join(line(k="start", pid=n, t=1000.0, how="fork") for n in range(1, 5000))
    flood = b"".join(
        line(k="thread", pid=1, name="t", start=1000, end=1001, cpu=0) for _ in range(999)
    )
    records = collect(starts + flood, STARTED, 1, 0, 1.0)
    assert len(records) == MAX_PROCESSES
    assert len(next(r for r in records if r.pid == 1).threads) == MAX_THREADS


def test_a_reused_pid_is_a_second_process() -> None:
    data = b"".join(
        [
            line(k="start", pid=30, ppid=10, t=1000.1, how="fork"),
            line(k="end", pid=30, t=1000.2, cpu=0.1, code=0),
            line(k="start", pid=30, ppid=10, t=1000.3, how="fork"),
        ]
    )
    first, second = collect(data, STARTED, None, None, None)
    assert (first.start, first.end, second.start, second.end) == (0.1, 0.2, 0.3, None)


def test_the_main_process_cannot_be_displaced_by_a_forged_start() -> None:
    data = b"".join(
        [
            line(k="start", pid=10, ppid=1, t=1000.1, how="exec", name="MainProcess"),
            line(k="start", pid=10, ppid=66, t=1000.5, how="fork", name="Evil"),
        ]
    )
    (main,) = collect(data, STARTED, main_pid=10, main_exit=0, main_end=0.9)
    assert (main.ppid, main.start, main.start_method, main.exit_code) == (1, 0.1, None, 0)


def test_malformed_supervisor_lines_are_dropped() -> None:
    observed = Observations()
    for status in ["cpu x 1:2", "cpu 5 1:nan", "reaped 5 x 1", "gone 5", "cpu 5 1:2:3"]:
        assert observed.take(status.split())
    assert not observed.take(["started", "5", "1"])
    assert observed == Observations()
