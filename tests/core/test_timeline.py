"""The process timeline: which cells each process gets, in which shape, in which order."""

from __future__ import annotations

import pytest

from mpquiz.core.processes import ProcessRecord, ThreadRecord
from mpquiz.core.timeline import BUSY, CRASH, GONE, IDLE, SOME, lay_out
from mpquiz.render.timeline import timeline_text


def _process(
    pid: int,
    ppid: int | None,
    start: float | None,
    end: float | None,
    cpu: float | None,
    *,
    name: str = "",
    exit_code: int | None = 0,
    samples: tuple[tuple[float, float], ...] = (),
    threads: tuple[ThreadRecord, ...] = (),
    method: str | None = "fork",
) -> ProcessRecord:
    return ProcessRecord(
        pid=pid,
        ppid=ppid,
        name=name or f"Process-{pid}",
        start_method=method,
        start=start,
        end=end,
        exit_code=exit_code,
        cpu=cpu,
        threads=threads,
        samples=samples,
    )


def _busy_samples(start: float, end: float, share: float) -> tuple[tuple[float, float], ...]:
    steps = 20
    return tuple(
        (start + (end - start) * i / steps, share * (end - start) * i / steps)
        for i in range(steps + 1)
    )


def test_a_process_on_a_cpu_is_drawn_busy_and_one_waiting_is_drawn_idle() -> None:
    main = _process(1, None, 0.0, 1.0, 0.01, name="MainProcess", method=None)
    worker = _process(2, 1, 0.2, 0.6, 0.4, samples=_busy_samples(0.2, 0.6, 1.0))
    timeline = lay_out([main, worker], 1.0, 20)
    main_row, worker_row = timeline.rows
    assert set(main_row.cells) == {IDLE}  # alive the whole run, waiting (a join)
    assert worker_row.cells[:4] == GONE * 4  # not yet started
    assert set(worker_row.cells[4:12]) == {BUSY}
    assert worker_row.cells[13:] == GONE * 7  # gone after its end
    assert worker_row.depth == 1 and main_row.depth == 0


def test_the_samples_say_when_a_process_worked_not_its_average() -> None:
    # Waits for half its life, then works: only the second half is drawn busy.
    samples = ((0.0, 0.0), (0.5, 0.0), (1.0, 0.5))
    lazy = _process(1, None, 0.0, 1.0, 0.5, samples=samples)
    (row,) = lay_out([lazy], 1.0, 10).rows
    assert row.cells[:5] == IDLE * 5
    assert row.cells[5:] == BUSY * 5


def test_without_samples_the_whole_life_is_shaded_by_the_average() -> None:
    half = _process(1, None, 0.0, 1.0, 0.4)
    (row,) = lay_out([half], 1.0, 10).rows
    assert set(row.cells) == {SOME}


def test_a_failure_is_marked_where_it_ended_and_its_signal_named() -> None:
    crashed = _process(1, None, 0.0, 0.5, 0.0, exit_code=1)
    killed = _process(2, None, 0.0, 1.0, 0.0, exit_code=-15)
    running = _process(3, None, 0.0, None, 0.0, exit_code=None)
    rows = lay_out([crashed, killed, running], 1.0, 10).rows
    assert rows[0].cells[5] == CRASH and rows[0].cells[6:] == GONE * 4
    assert rows[0].exit_text() == "1" and rows[0].failed
    assert rows[1].cells[-1] == CRASH and rows[1].exit_text() == "SIGTERM"
    assert rows[2].exit_text() == "…" and rows[2].cells[-1] == IDLE  # still alive at the end


def test_rows_come_in_tree_order_children_by_start() -> None:
    records = [
        _process(10, None, 0.0, 1.0, 0.0, name="MainProcess"),
        _process(12, 10, 0.3, 0.9, 0.0, name="late"),
        _process(11, 10, 0.1, 0.9, 0.0, name="early"),
        _process(13, 11, 0.2, 0.8, 0.0, name="grandchild"),
        _process(14, 999, 0.2, 0.8, 0.0, name="orphan"),  # its parent is not in the run
    ]
    rows = lay_out(records, 1.0, 10).rows
    assert [(r.label, r.depth) for r in rows] == [
        ("MainProcess", 0),
        ("early", 1),
        ("grandchild", 2),
        ("late", 1),
        ("orphan", 0),
    ]


def test_a_cycle_of_parents_is_drawn_once_each() -> None:
    records = [_process(1, 2, 0.0, 1.0, 0.0), _process(2, 1, 0.0, 1.0, 0.0)]
    rows = lay_out(records, 1.0, 10).rows
    assert sorted(r.pid for r in rows if r.pid is not None) == [1, 2]


def test_threads_that_took_turns_show_half_shaded_and_threads_in_parallel_full() -> None:
    turns = (ThreadRecord("Thread-1", 0.0, 1.0, 0.5), ThreadRecord("Thread-2", 0.0, 1.0, 0.5))
    at_once = (ThreadRecord("Thread-1", 0.0, 1.0, 0.95), ThreadRecord("Thread-2", 0.0, 1.0, 0.95))
    for threads, shape in ((turns, SOME), (at_once, BUSY)):
        main = _process(1, None, 0.0, 1.0, 1.0, threads=threads, method=None)
        rows = lay_out([main], 1.0, 10).rows
        assert [r.thread for r in rows] == [False, True, True]
        assert all(set(r.cells) == {shape} for r in rows[1:])


def test_idle_helper_threads_are_not_drawn() -> None:
    helper = ThreadRecord("Thread-1 (_handle_results)", 0.0, 1.0, 0.0)
    main = _process(1, None, 0.0, 1.0, 0.0, threads=(helper,))
    assert len(lay_out([main], 1.0, 10).rows) == 1


def test_many_processes_keep_the_main_one_and_the_busiest() -> None:
    main = _process(1, None, 0.0, 1.0, 0.0, name="MainProcess", method=None)
    workers = [_process(pid, 1, 0.0, 1.0, pid / 100) for pid in range(2, 32)]
    timeline = lay_out([main, *workers], 1.0, 10, max_rows=6)
    kept = [r.pid for r in timeline.rows]
    assert len(kept) == 5 and kept[0] == 1
    assert set(kept[1:]) == {31, 30, 29, 28}
    assert timeline.hidden == 26
    assert timeline.hidden_cpu == pytest.approx(sum(pid / 100 for pid in range(2, 28)))


def test_times_outside_the_run_are_clipped_not_drawn_off_the_bar() -> None:
    odd = _process(1, None, -5.0, 50.0, 1.0)
    (row,) = lay_out([odd], 1.0, 10).rows
    assert len(row.cells) == 10  # the span grows to the latest end instead


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_text_form_fits_80_columns_and_shows_names_inert(lang: str) -> None:
    hostile = "\x1b]0;owned\x07Worker\x1b[2J" + "x" * 40
    records = [
        _process(4194304, None, 0.0, 2.0, 0.1, name="MainProcess", method=None),
        _process(4194305, 4194304, 0.1, 1.9, 1.7, name=hostile, exit_code=-9),
    ]
    text = timeline_text(records, 2.0, lang, width=80)
    assert "\x1b" not in text and "\x07" not in text
    assert all(len(line) <= 80 for line in text.splitlines())
    assert "SIGKILL" in text
    assert "4194305" in text


def test_a_process_never_started_gets_a_labelled_row_after_the_started_ones() -> None:
    main = _process(1, None, 0.0, 1.0, 0.0, name="MainProcess", method=None)
    never = ProcessRecord(
        pid=None, ppid=1, name="late", start_method=None, start=None, end=None,
        exit_code=None, cpu=None, created=0.01,
    )  # fmt: skip
    ran = _process(2, 1, 0.5, 0.9, 0.0, name="ran")
    rows = lay_out([main, never, ran], 1.0, 20).rows
    assert [r.label for r in rows] == ["MainProcess", "ran", "late"]
    assert not rows[2].started and rows[2].exit_text() == "" and rows[2].depth == 1
    text = timeline_text([main, never, ran], 1.0, "es")
    assert "(creado, nunca iniciado)" in text
    assert ProcessRecord.from_dict(never.to_dict()) == never
    assert never.to_dict()["pid"] is None
