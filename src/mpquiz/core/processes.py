"""What a demo's processes did: ProcessRecord, ThreadRecord, and the evidence they give.

Every time is in seconds from the run's start (the origin of OutputLine.t), None where
nothing saw it; CPU times are user plus system seconds. The records come from the demo's
own processes (see mpquiz.runner.timeline) and are treated as measurements, not as
promises: a hostile demo can write anything into them.

The helpers below turn records into evidence a verdict can quote. They prove lower
bounds: what must have happened for the measured CPU times to be possible, never what
probably happened.

- Within a window [a, b] a process spent at least L(a, b) CPU seconds, where L is the
  larger of two bounds, each clipped to [0, b - a]:
  from samples, the growth of its cumulative CPU time between the first sample at or
  after a and the last sample at or before b, less SAMPLE_ERROR (samples are read in
  clock ticks; see mpquiz.runner.tree_supervisor);
  from its lifetime, its total `cpu` less what it could have spent outside the window,
  `(1 + len(threads))` CPU seconds per second of its life outside [a, b] (a thread runs
  on one core at most).
- Pigeonhole: if processes spent S CPU seconds in a window of W seconds, at some moment
  at least ceil(S / W) of them ran at once; and if at most m of them could run at once,
  at least (S - W) / (m - 1) seconds of the window had two or more running.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

SAMPLE_ERROR = 0.02
"""The most a CPU difference between two samples can be off: each sample reads user and
system time in 10 ms clock ticks, each rounded down."""

MAX_GRID = 100
"""Window boundaries the helpers consider (the sample times and the processes' starts and
ends, thinned evenly beyond this many): the bounds stay valid, only less tight."""

MAX_PROCESSES = 32
"""The processes the helpers weigh, those with the most CPU time: leaving processes out
only lowers the bounds."""

_ROUNDING = 1e-9
"""Sums of floats this close to a bound count as on it, not beyond."""

THREAD_MIN_CPU = 0.02
"""A thread with less CPU time than this (seconds) did no CPU-bound work worth judging."""

THREADS_OVERLAP = 1.5
"""threads_serialised() judges only threads whose lifetimes add up to at least this many
times the wall time they spanned together, i.e. that mostly ran at the same time."""

THREADS_BUSY = 0.6
"""Below this ratio of CPU time to spanned wall time the threads mostly waited (or the
machine starved them): nothing can be told."""

THREADS_SERIAL = 1.2
"""At or below this ratio of CPU time to spanned wall time the threads took turns."""

THREADS_PARALLEL = 1.5
"""At or above this ratio the threads ran at the same time on several cores."""


@dataclass(frozen=True)
class ThreadRecord:
    """One thread of a process, other than its main thread.

    `start` and `end` are when its run began and ended, `cpu` its own CPU time
    (time.thread_time() read in the thread as it ended).
    """

    name: str
    start: float | None
    end: float | None
    cpu: float | None

    def to_dict(self) -> dict[str, object]:
        """The JSON form: {"name", "start", "end", "cpu"}."""
        return {"name": self.name, "start": self.start, "end": self.end, "cpu": self.cpu}

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> ThreadRecord:
        """The record of to_dict()'s form; ValueError when it is not that."""
        return cls(
            name=_text(data.get("name")),
            start=_number(data.get("start")),
            end=_number(data.get("end")),
            cpu=_number(data.get("cpu")),
        )


@dataclass(frozen=True)
class ProcessRecord:
    """One Python process of a demo run.

    `name` is multiprocessing.current_process().name in it ("MainProcess", "Process-1",
    "SpawnPoolWorker-2"; "forkserver" and "resource_tracker" for multiprocessing's
    helper processes). `start_method` is None for the demo's main process, "fork",
    "spawn" or "forkserver" for a multiprocessing process (Process, Pool and executor
    workers), "os.fork" for a process forked otherwise, "exec" for any other Python
    started by the demo (multiprocessing's helpers included). `start` is when its Python
    began running, `end` when it ended (for a process that died without saying so, when
    its parent or the supervisor first saw it dead). `exit_code` is as
    Popen.returncode (negative: killed by that signal). `cpu` is its own user plus
    system time, without its children's. `samples` are (time, cumulative CPU time)
    pairs read by the supervisor about every 50 ms while it ran (Linux only).

    A multiprocessing Process object that was created and never started has no pid, no
    start and no end: `ppid` is the process that created it, `created` when.
    """

    pid: int | None
    ppid: int | None
    name: str
    start_method: str | None
    start: float | None
    end: float | None
    exit_code: int | None
    cpu: float | None
    threads: tuple[ThreadRecord, ...] = ()
    samples: tuple[tuple[float, float], ...] = ()
    created: float | None = None

    @property
    def started(self) -> bool:
        """False for a Process object that was never started."""
        return self.pid is not None

    def to_dict(self) -> dict[str, object]:
        """The JSON form: {"pid", "ppid", "name", "start_method", "start", "end",
        "exitcode", "cpu", "threads": [ThreadRecord.to_dict()...], "samples": [[t, cpu]...]},
        and "created" for one never started (whose "pid" is null)."""
        never: dict[str, object] = {} if self.started else {"created": self.created}
        return never | {
            "pid": self.pid,
            "ppid": self.ppid,
            "name": self.name,
            "start_method": self.start_method,
            "start": self.start,
            "end": self.end,
            "exitcode": self.exit_code,
            "cpu": self.cpu,
            "threads": [thread.to_dict() for thread in self.threads],
            "samples": [[t, cpu] for t, cpu in self.samples],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> ProcessRecord:
        """The record of to_dict()'s form; ValueError when it is not that."""
        pid = _integer(data.get("pid"))
        if pid is None and data.get("start") is not None:
            raise ValueError("a process record needs a pid")
        start_method = data.get("start_method")
        if start_method is not None:
            start_method = _text(start_method)
        return cls(
            pid=pid,
            ppid=_integer(data.get("ppid")),
            name=_text(data.get("name")),
            start_method=start_method,
            start=_number(data.get("start")),
            end=_number(data.get("end")),
            exit_code=_integer(data.get("exitcode")),
            cpu=_number(data.get("cpu")),
            threads=tuple(
                ThreadRecord.from_dict(_mapping(t)) for t in _list(data.get("threads", []))
            ),
            samples=tuple(_sample(pair) for pair in _list(data.get("samples", []))),
            created=_number(data.get("created")),
        )


def records_to_json(records: Iterable[ProcessRecord]) -> list[dict[str, object]]:
    """The JSON form of several records (for json.dumps)."""
    return [record.to_dict() for record in records]


def records_from_json(data: object) -> tuple[ProcessRecord, ...]:
    """The records of records_to_json()'s form; ValueError when it is not that."""
    return tuple(ProcessRecord.from_dict(_mapping(item)) for item in _list(data))


# The evidence.


def cpu_overlap(records: Iterable[ProcessRecord], cpus: int | None = None) -> float:
    """Seconds during which at least two of the processes were certainly on a CPU at once.

    The largest sum, over windows that do not overlap, of (S - W) / (m - 1), where W is a
    window's length, S the CPU seconds the processes certainly spent in it (see the
    module docstring: from the samples where there are any, otherwise from each
    process's total CPU time and lifetime), and m the number of processes that spent
    some, or `cpus` if fewer (the CPUs they could use, e.g.
    len(os.sched_getaffinity(0))). A lower bound: 0.0 when nothing proves an overlap,
    e.g. on one CPU, or for processes that idled through most of their lives and have
    no samples. Two processes busy side by side for 1 s on two free cores give about
    0.96 s from samples (each window loses SAMPLE_ERROR per process), about 1 s from
    lifetimes alone.
    """
    bounds = _Bounds(records)
    limit = cpus if cpus is not None and cpus >= 1 else None

    def window(a: int, b: int) -> float:
        spent, busy = bounds.spent(a, b)
        m = busy if limit is None else min(busy, limit)
        if m < 2:
            return 0.0
        length = bounds.grid[b] - bounds.grid[a]
        excess = spent - length
        return min(length, excess / (m - 1)) if excess > _ROUNDING else 0.0

    grid = bounds.grid
    best = [0.0] * len(grid)
    for b in range(1, len(grid)):
        value = best[b - 1]
        for a in range(b):
            gain = window(a, b)
            if gain > 0.0 and best[a] + gain > value:
                value = best[a] + gain
        best[b] = value
    return best[-1] if best else 0.0


def parallel_processes(records: Iterable[ProcessRecord]) -> int:
    """The most processes that were certainly on a CPU at the same moment.

    The largest ceil(S / W) over the windows (S and W as for cpu_overlap), at least 1
    when some process used CPU time, 0 when none did (or none says). 2 proves two
    processes computed at the same moment; 1 proves nothing either way.
    """
    records = list(records)
    bounds = _Bounds(records)
    grid = bounds.grid
    most = 1 if any(record.cpu for record in records) else 0
    for b in range(1, len(grid)):
        for a in range(b):
            length = grid[b] - grid[a]
            spent, _busy = bounds.spent(a, b)
            if spent > 0.0:
                most = max(most, math.ceil(spent / length - _ROUNDING))
    return most


def threads_serialised(record: ProcessRecord) -> bool | None:
    """Whether the CPU-bound threads of one process took turns (as under the GIL).

    The threads judged are those other than the main one with a known start and end and
    at least THREAD_MIN_CPU of CPU time. With C their CPU times added up, and S the wall
    time from the first one's start to the last one's end:

    - None when fewer than two threads qualify, when their lifetimes add up to less than
      THREADS_OVERLAP times S (they mostly ran one after another: nothing to tell), or
      when C / S is below THREADS_BUSY (they mostly waited, or a busy machine starved
      them), or between THREADS_SERIAL and THREADS_PARALLEL;
    - True when C / S is at most THREADS_SERIAL: one thread computed at a time, so their
      CPU times add up to about the wall time;
    - False when C / S is at least THREADS_PARALLEL: they computed at the same time.

    True is the GIL's doing only where the process could have used two cores (a
    free-threaded Python on one core takes turns too); False needs a Python without the
    GIL (sys._is_gil_enabled() is False), or threads that spent their time in C code
    that releases it.
    """
    threads = [
        (thread.start, thread.end, thread.cpu)
        for thread in record.threads
        if thread.start is not None
        and thread.end is not None
        and thread.cpu is not None
        and thread.cpu >= THREAD_MIN_CPU
        and thread.end > thread.start
    ]
    if len(threads) < 2:
        return None
    span = max(end for _start, end, _cpu in threads) - min(start for start, _end, _cpu in threads)
    lives = sum(end - start for start, end, _cpu in threads)
    if lives < THREADS_OVERLAP * span:
        return None
    ratio = sum(cpu for _start, _end, cpu in threads) / span
    if ratio < THREADS_BUSY:
        return None
    if ratio <= THREADS_SERIAL:
        return True
    if ratio >= THREADS_PARALLEL:
        return False
    return None


class _Bounds:
    """The windows' boundaries, and each process's least CPU time in any window."""

    def __init__(self, records: Iterable[ProcessRecord]) -> None:
        usable = [record for record in records if _usable(record)]
        usable.sort(key=_weight, reverse=True)
        self._records = usable[:MAX_PROCESSES]
        points: set[float] = set()
        for record in self._records:
            points.update(t for t, _cpu in record.samples)
            life = _life(record)
            if life is not None:
                points.update(life)
        grid = sorted(points)
        if len(grid) > MAX_GRID:
            step = (len(grid) - 1) / (MAX_GRID - 1)
            grid = [grid[round(i * step)] for i in range(MAX_GRID)]
        self.grid: list[float] = grid
        # Per process and grid point: the cumulative CPU time at the first sample at or
        # after the point and at the last one at or before it (None: no such sample).
        self._after: list[list[float | None]] = []
        self._before: list[list[float | None]] = []
        for record in self._records:
            times = [t for t, _cpu in record.samples]
            cpus = _monotone([cpu for _t, cpu in record.samples])
            after: list[float | None] = []
            before: list[float | None] = []
            for point in grid:
                i = bisect.bisect_left(times, point)
                after.append(cpus[i] if i < len(times) else None)
                j = bisect.bisect_right(times, point) - 1
                before.append(cpus[j] if j >= 0 else None)
            self._after.append(after)
            self._before.append(before)

    def spent(self, a: int, b: int) -> tuple[float, int]:
        """The CPU seconds all processes certainly spent between grid points a and b, and
        how many processes spent some."""
        low, high = self.grid[a], self.grid[b]
        length = high - low
        total = 0.0
        busy = 0
        for n, record in enumerate(self._records):
            least = 0.0
            first, last = self._after[n][a], self._before[n][b]
            if first is not None and last is not None:
                least = last - first - SAMPLE_ERROR
            life = _life(record)
            if life is not None and record.cpu is not None:
                start, end = life
                inside = max(0.0, min(end, high) - max(start, low))
                outside = (end - start) - inside
                least = max(least, min(inside, record.cpu - (1 + len(record.threads)) * outside))
            least = min(least, length)
            if least > 0.0:
                total += least
                busy += 1
        return total, busy


def _life(record: ProcessRecord) -> tuple[float, float] | None:
    if record.start is None or record.end is None or record.end <= record.start:
        return None
    return record.start, record.end


def _usable(record: ProcessRecord) -> bool:
    return len(record.samples) >= 2 or (_life(record) is not None and bool(record.cpu))


def _weight(record: ProcessRecord) -> float:
    sampled = record.samples[-1][1] - record.samples[0][1] if record.samples else 0.0
    return max(record.cpu or 0.0, sampled)


def _monotone(values: Sequence[float]) -> list[float]:
    """Cumulative values made non-decreasing (a running maximum)."""
    result = []
    top = -math.inf
    for value in values:
        top = max(top, value)
        result.append(top)
    return result


# Strict readers of the JSON form (bool is an int to Python, not to this form).


def _number(value: object) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"not a finite number: {value!r}")
    return float(value)


def _integer(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"not an integer: {value!r}")
    return value


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError(f"not a string: {value!r}")
    return value


def _list(value: object) -> list[object]:
    if not isinstance(value, list | tuple):
        raise ValueError(f"not a list: {value!r}")
    return list(value)


def _mapping(value: object) -> Mapping[str, object]:
    if not isinstance(value, Mapping):
        raise ValueError(f"not an object: {value!r}")
    return value


def _sample(value: object) -> tuple[float, float]:
    pair = _list(value)
    if len(pair) != 2:
        raise ValueError(f"not a (time, cpu) pair: {value!r}")
    t, cpu = _number(pair[0]), _number(pair[1])
    if t is None or cpu is None:
        raise ValueError(f"not a (time, cpu) pair: {value!r}")
    return t, cpu
