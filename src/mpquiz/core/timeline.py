"""A run's processes laid out over wall time: one row per process (and thread), in cells.

Each row is a bar over the run's wall time, one cell per equal slice of it. A cell says
what the process did in its slice, by shape, so it reads without colour:

- BUSY `█`: on a CPU most of the slice (its CPU time grew by 60 % of the slice or more);
- SOME `▒`: on a CPU part of it;
- IDLE `─`: alive but waiting (a join, a queue, a lock, sleep);
- CRASH `✘`: the slice where it ended with a failure (an exit code other than 0, a signal);
- blank: not alive.

A Process object that was created and never started gets a row without cells, which
the drawing labels as such: its absence from the run is part of what the run shows.

CPU use comes from the samples the supervisor read (about every 50 ms, Linux); without
samples, from the process's whole CPU time spread over its life. Threads have no samples:
their bar is shaded by their own CPU time over their life, so two threads that took turns
under the GIL show as two half-shaded bars side by side, two that ran at once as two full
ones.

Rows come in tree order (a process under its parent, by start time), each process's
threads right under it; the helpers multiprocessing starts (the resource tracker, the
fork server) are rows like any other, they are real processes of the run.
"""

from __future__ import annotations

import bisect
import signal
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mpquiz.core.processes import ProcessRecord, ThreadRecord

BUSY, SOME, IDLE, CRASH, GONE = "█", "▒", "─", "✘", " "
BUSY_AT, SOME_AT = 0.6, 0.15
"""The share of a slice a process must spend on a CPU to be drawn BUSY, or SOME."""

THREAD_SHOWN_CPU = 0.01
"""Threads with less CPU time than this (seconds) are not drawn: a pool's or a queue's
helper threads, which only wait."""

MAX_ROWS = 14
"""Rows drawn; the rest are summed up in one line (Timeline.hidden)."""


@dataclass(frozen=True)
class Row:
    """One process or thread as drawn."""

    pid: int | None
    """None for a thread."""
    label: str
    depth: int
    cells: str
    cpu: float | None
    exit_code: int | None
    ended: bool
    """False when nothing saw it end (still running when the run was stopped)."""
    thread: bool = False
    started: bool = True
    """False for a Process object created and never started: no cells, no pid."""

    @property
    def failed(self) -> bool:
        """True when it ended with an exit code other than 0 (a signal included)."""
        return self.exit_code not in (None, 0)

    def exit_text(self) -> str:
        """`0`, `1`, `SIGKILL`; `?` when unknown, `…` when it had not ended."""
        if self.thread or not self.started:
            return ""
        if self.exit_code is None:
            return "?" if self.ended else "…"
        if self.exit_code < 0:
            try:
                return signal.Signals(-self.exit_code).name
            except ValueError:
                return f"signal {-self.exit_code}"
        return str(self.exit_code)


@dataclass(frozen=True)
class Timeline:
    """Rows over `duration` seconds, `width` cells each; `hidden` processes not drawn
    (the least busy), with their CPU time `hidden_cpu`."""

    duration: float
    width: int
    rows: tuple[Row, ...]
    hidden: int = 0
    hidden_cpu: float = 0.0


def lay_out(
    records: Sequence[ProcessRecord],
    duration: float,
    width: int,
    *,
    max_rows: int = MAX_ROWS,
) -> Timeline:
    """The timeline of `records` over a run of `duration` seconds, bars `width` cells."""
    width = max(width, 4)
    ends = [r.end for r in records if r.end is not None]
    span = max([duration, *ends, 1e-3])
    shown = _kept(records, max_rows)
    hidden = [r for r in records if r not in shown]
    rows: list[Row] = []
    for record, depth in _tree(shown):
        rows.append(_process_row(record, depth, span, width))
        for thread in _drawn_threads(record):
            rows.append(_thread_row(thread, depth + 1, span, width))
    return Timeline(
        duration=span,
        width=width,
        rows=tuple(rows),
        hidden=len(hidden),
        hidden_cpu=sum(r.cpu or 0.0 for r in hidden),
    )


def _kept(records: Sequence[ProcessRecord], max_rows: int) -> list[ProcessRecord]:
    """The records to draw: all that fit, counting thread rows; else the main process and
    the busiest others."""
    if sum(1 + len(_drawn_threads(r)) for r in records) <= max_rows:
        return list(records)

    def weight(record: ProcessRecord) -> tuple[bool, float]:
        main = record.started and record.start_method is None  # the demo itself
        return (not main, -(record.cpu or 0.0))

    by_cpu = sorted(records, key=weight)
    kept: list[ProcessRecord] = []
    used = 0
    for record in by_cpu:
        cost = 1 + len(_drawn_threads(record))
        if used + cost > max_rows - 1:  # one line says what was left out
            continue
        kept.append(record)
        used += cost
    return [r for r in records if r in kept]


def _drawn_threads(record: ProcessRecord) -> list[ThreadRecord]:
    return [t for t in record.threads if (t.cpu or 0.0) >= THREAD_SHOWN_CPU]


def _tree(records: Sequence[ProcessRecord]) -> list[tuple[ProcessRecord, int]]:
    """Records in tree order with their depth; a process whose parent is not among them
    is a root. Under each parent its children by start, those never started last."""
    pids = {r.pid for r in records if r.pid is not None}
    children: dict[int | None, list[ProcessRecord]] = {}
    for record in records:
        parent = record.ppid if record.ppid in pids and record.ppid != record.pid else None
        children.setdefault(parent, []).append(record)

    def started(record: ProcessRecord) -> tuple[bool, float, int]:
        when = record.start if record.start is not None else record.created
        return (not record.started, when if when is not None else float("inf"), record.pid or 0)

    ordered: list[tuple[ProcessRecord, int]] = []
    seen: set[int] = set()

    def visit(parent: int | None, depth: int) -> None:
        for record in sorted(children.get(parent, []), key=started):
            if id(record) in seen:
                continue
            seen.add(id(record))
            ordered.append((record, depth))
            if record.pid is not None:
                visit(record.pid, depth + 1)

    visit(None, 0)
    for record in records:  # a cycle of ppids: draw what is left at the top
        if id(record) not in seen:
            seen.add(id(record))
            ordered.append((record, 0))
    return ordered


def _slice(t: float, span: float, width: int) -> int:
    return min(max(int(t / span * width), 0), width - 1)


def _life(start: float | None, end: float | None, span: float) -> tuple[float, float] | None:
    if start is None:
        return None
    start = min(max(start, 0.0), span)
    stop = span if end is None else min(max(end, start), span)
    return start, stop


def _process_row(record: ProcessRecord, depth: int, span: float, width: int) -> Row:
    life = _life(record.start, record.end, span)
    cells = [GONE] * width
    if life is not None:
        start, stop = life
        step = span / width
        usage = _Usage(record, start, stop)
        first, last = _slice(start, span, width), _slice(stop, span, width)
        for cell in range(first, last + 1):
            a, b = max(cell * step, start), min((cell + 1) * step, stop)
            cells[cell] = _shade(usage.share(a, b))
        if record.end is not None and record.exit_code not in (None, 0):
            cells[last] = CRASH
    return Row(
        pid=record.pid,
        label=record.name or "?",
        depth=depth,
        cells="".join(cells),
        cpu=record.cpu,
        exit_code=record.exit_code,
        ended=record.end is not None,
        started=record.started,
    )


def _thread_row(thread: ThreadRecord, depth: int, span: float, width: int) -> Row:
    life = _life(thread.start, thread.end, span)
    cells = [GONE] * width
    if life is not None:
        start, stop = life
        share = (thread.cpu or 0.0) / (stop - start) if stop > start else 1.0
        for cell in range(_slice(start, span, width), _slice(stop, span, width) + 1):
            cells[cell] = _shade(share)
    return Row(
        pid=None,
        label=thread.name or "?",
        depth=depth,
        cells="".join(cells),
        cpu=thread.cpu,
        exit_code=None,
        ended=thread.end is not None,
        thread=True,
    )


def _shade(share: float | None) -> str:
    if share is None or share >= BUSY_AT:
        return BUSY if share is not None else IDLE
    return SOME if share >= SOME_AT else IDLE


class _Usage:
    """A process's share of a CPU over a window, from its samples or its average."""

    def __init__(self, record: ProcessRecord, start: float, stop: float) -> None:
        points = sorted(record.samples)
        self._times = [t for t, _ in points]
        self._cpus = _rising([c for _, c in points])
        life = stop - start
        self._average = (record.cpu / life) if record.cpu is not None and life > 0 else None
        if record.cpu is not None and life <= 0:
            self._average = 1.0 if record.cpu > 0 else 0.0

    def share(self, a: float, b: float) -> float | None:
        if b <= a:
            return self._average
        if len(self._times) >= 2 and self._times[0] <= a and b <= self._times[-1]:
            return (self._at(b) - self._at(a)) / (b - a)
        return self._average

    def _at(self, t: float) -> float:
        i = bisect.bisect_right(self._times, t)
        if i <= 0:
            return self._cpus[0]
        if i >= len(self._times):
            return self._cpus[-1]
        t0, t1 = self._times[i - 1], self._times[i]
        c0, c1 = self._cpus[i - 1], self._cpus[i]
        return c0 if t1 <= t0 else c0 + (c1 - c0) * (t - t0) / (t1 - t0)


def _rising(values: list[float]) -> list[float]:
    out: list[float] = []
    for value in values:
        out.append(max(value, out[-1]) if out else value)
    return out
