"""The run's timeline: which processes the demo had, when, and how much CPU each used.

Every Python process of a demo appends JSON lines to a side channel, a file that mpquiz
creates for the run outside its working folder and names in the demo's environment
(TIMELINE_VARIABLE); the startup hook (child_startup/sitecustomize.py) writes them
without touching the demo's stdout or stderr, and its docstring lists the lines. On
Linux the tree supervisor adds what it sees itself (Observations): each process's CPU
time sampled from /proc about every 50 ms, the exit status of every process it reaped,
and when it first saw each one dead. collect() joins both into ProcessRecords once the
demo's tree is gone.

The file is written by the demo, so it is read as hostile input: through the descriptor
mpquiz opened (the demo may replace the name), at most MAX_BYTES of it, lines over
MAX_LINE bytes and lines that are not the expected JSON ignored, at most MAX_PROCESSES
processes and MAX_THREADS threads each, numbers checked, strings made inert. A demo can
still forge its own records; it cannot make mpquiz read more, hang, or show escapes.

MPQUIZ_TIMELINE=0 in mpquiz's own environment turns the collector off (no file, no
sampling; RunResult.processes stays empty), which is how its overhead is measured.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from mpquiz.core.inert import inert
from mpquiz.core.processes import ProcessRecord, ThreadRecord

TIMELINE_VARIABLE = "MPQUIZ_TIMELINE_FILE"
SWITCH_VARIABLE = "MPQUIZ_TIMELINE"
MAX_BYTES = 4 << 20
MAX_LINE = 4096
MAX_PROCESSES = 512
MAX_THREADS = 256
MAX_UNSTARTED = 64
MAX_SAMPLES = 2000
NAME_LIMIT = 100
# Times before the run's start (less a little rounding) or this many seconds after it
# are nonsense: the longest timeout is a minute.
_TIME_LIMIT = 1e4
_EARLIEST = -0.01
_PREFIX = "mpquiz-timeline-"
_METHODS = ("fork", "spawn", "forkserver")
_HELPERS = ("forkserver", "resource_tracker")


def enabled() -> bool:
    """False when mpquiz's environment says MPQUIZ_TIMELINE=0."""
    return os.environ.get(SWITCH_VARIABLE, "1").strip() != "0"


@dataclass
class Observations:
    """What the tree supervisor saw of the demo's processes, in seconds from the start."""

    samples: dict[int, list[tuple[float, float]]] = field(default_factory=dict)
    reaped: dict[int, tuple[int, float]] = field(default_factory=dict)  # code, when
    gone: dict[int, float] = field(default_factory=dict)  # first seen dead

    def take(self, words: list[str]) -> bool:
        """Take one status line of the supervisor's ("cpu", "reaped" or "gone"); False
        if it is none of them. Malformed lines are dropped."""
        kind = words[0]
        if kind not in ("cpu", "reaped", "gone"):
            return False
        with contextlib.suppress(ValueError, IndexError, OverflowError):
            pid = int(words[1])
            if kind == "cpu" and len(words) == 3 and len(self.samples) < MAX_PROCESSES:
                pairs = [pair.split(":") for pair in words[2].split(",")[:MAX_SAMPLES]]
                self.samples[pid] = [(_finite(t), _finite(cpu)) for t, cpu in pairs]
            elif kind == "reaped" and len(words) == 4 and len(self.reaped) < MAX_PROCESSES:
                self.reaped[pid] = (int(words[2]), _finite(words[3]))
            elif kind == "gone" and len(words) == 3 and len(self.gone) < MAX_PROCESSES:
                self.gone[pid] = _finite(words[2])
        return True


class Timeline:
    """The side channel of one run: a private file, open here until removed."""

    def __init__(self) -> None:
        """Create the file (mode 0600) in the system's temporary folder; OSError if not."""
        fd, name = tempfile.mkstemp(prefix=_PREFIX, suffix=".jsonl")
        self._fd: int | None = fd
        self.path = Path(name)

    def environment(self) -> dict[str, str]:
        """What the demo's environment gets, so that its processes find the file."""
        return {TIMELINE_VARIABLE: str(self.path)}

    def read(self) -> bytes:
        """At most MAX_BYTES of what the demo wrote."""
        if self._fd is None:
            return b""
        chunks = []
        size = 0
        os.lseek(self._fd, 0, os.SEEK_SET)
        while size < MAX_BYTES:
            chunk = os.read(self._fd, min(1 << 20, MAX_BYTES - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)

    def remove(self) -> None:
        """Close and delete the file; idempotent, never raises."""
        fd, self._fd = self._fd, None
        if fd is not None:
            with contextlib.suppress(OSError):
                os.close(fd)
            with contextlib.suppress(OSError):
                os.unlink(self.path)  # whatever the demo put there: unlink follows nothing


def collect(
    data: bytes,
    started: float,
    main_pid: int | None,
    main_exit: int | None,
    main_end: float | None,
    observed: Observations | None = None,
) -> tuple[ProcessRecord, ...]:
    """The ProcessRecords of a run, from what its processes wrote (`data`, their raw
    time.monotonic() times made relative to `started`) and what the supervisor
    `observed`. The main process's exit code is `main_exit` (as the runner saw it) and
    its end, if it did not note its own, `main_end` (seconds from the start)."""
    drafts = _Drafts(started, main_pid)
    for raw in data.split(b"\n"):
        if 0 < len(raw) <= MAX_LINE:
            drafts.take(raw)
    observed = observed or Observations()
    records = []
    for draft, latest in drafts.all():
        if latest:  # not a process whose pid a later one took
            if draft.pid == main_pid:
                draft.main = True
                if main_exit is not None:
                    draft.exit_code = main_exit
                if draft.end is None:
                    draft.end = main_end
            draft.observe(observed)
        records.append(draft.record())
    records.sort(key=lambda record: math.inf if record.start is None else record.start)
    return (*records, *drafts.unstarted)


@dataclass
class _Draft:
    """One process as its lines describe it, filled in as they come."""

    pid: int
    ppid: int | None = None
    how: str | None = None
    name: str | None = None
    method: str | None = None
    start: float | None = None
    end: float | None = None
    own_exit: int | None = None
    exit_code: int | None = None  # its parent's (or the runner's) view
    cpu: float | None = None
    reaped_cpu: float | None = None  # from its parent's wait4()
    threads: list[ThreadRecord] = field(default_factory=list)
    main: bool = False
    seen_dead: float | None = None
    samples: tuple[tuple[float, float], ...] = ()

    def observe(self, observed: Observations) -> None:
        self.samples = tuple(observed.samples.get(self.pid, [])[:MAX_SAMPLES])
        if self.pid in observed.reaped:
            code, when = observed.reaped[self.pid]
            if self.exit_code is None:
                self.exit_code = code
            self.seen_dead = _earliest(self.seen_dead, when)
        if self.pid in observed.gone:
            self.seen_dead = _earliest(self.seen_dead, observed.gone[self.pid])

    def record(self) -> ProcessRecord:
        cpu = self.cpu if self.cpu is not None else self.reaped_cpu
        if cpu is None and self.samples:
            cpu = self.samples[-1][1]  # the last the supervisor saw, up to 50 ms early
        return ProcessRecord(
            pid=self.pid,
            ppid=self.ppid,
            name=self._name(),
            start_method=self._start_method(),
            start=self.start,
            end=self.end if self.end is not None else self.seen_dead,
            exit_code=self.exit_code if self.exit_code is not None else self.own_exit,
            cpu=cpu,
            threads=tuple(self.threads),
            samples=self.samples,
        )

    def _name(self) -> str:
        if self.how in _HELPERS:
            return self.how
        return self.name if self.name is not None else "MainProcess"

    def _start_method(self) -> str | None:
        if self.main:
            return None
        if self.method in _METHODS:
            return self.method
        if self.how == "fork":
            return "os.fork"
        if self.how == "spawn":
            return "spawn"
        return "exec"


class _Drafts:
    """Every process's draft, by pid; a pid that starts again is a new process."""

    def __init__(self, started: float, main_pid: int | None) -> None:
        self._started = started
        self._main = main_pid
        self._current: dict[int, _Draft] = {}
        self._done: list[_Draft] = []
        self.unstarted: list[ProcessRecord] = []
        """Process objects created and never started, by the pid that created them."""

    def all(self) -> list[tuple[_Draft, bool]]:
        """Every draft, and whether it is the latest process with its pid."""
        return [(d, False) for d in self._done] + [(d, True) for d in self._current.values()]

    def take(self, raw: bytes) -> None:
        try:
            line = json.loads(raw)
        except (ValueError, RecursionError):
            return
        if not isinstance(line, dict) or not isinstance(line.get("k"), str):
            return
        pid = _pid(line.get("pid"))
        if pid is None:
            return
        kind = line["k"]
        if kind == "start":
            self._start(pid, line)
            return
        if kind == "unstarted":
            if len(self.unstarted) < MAX_UNSTARTED:
                name = _name(line.get("name"), "") or ""
                self.unstarted.append(_unstarted(pid, name, self._time(line.get("t"))))
            return
        if kind not in ("mp", "thread", "end", "exit"):
            return
        draft = self._draft(pid)
        if draft is None:
            return
        if kind == "mp":
            draft.name = _name(line.get("name"), draft.name)
            draft.method = _method(line.get("method"), draft.method)
        elif kind == "thread" and len(draft.threads) < MAX_THREADS:
            draft.threads.append(
                ThreadRecord(
                    name=_name(line.get("name"), "") or "",
                    start=self._time(line.get("start")),
                    end=self._time(line.get("end")),
                    cpu=_cpu(line.get("cpu")),
                )
            )
        elif kind == "end":
            draft.end = self._time(line.get("t"))
            draft.cpu = _cpu(line.get("cpu"))
            draft.own_exit = _code(line.get("code"))
            draft.name = _name(line.get("name"), draft.name)
        elif kind == "exit":
            self._exit(draft, line)

    def _start(self, pid: int, line: dict[str, object]) -> None:
        old = self._current.get(pid)
        if old is not None:
            if old.start is None:  # its parent's "exit" came first: the same process
                old.start = self._time(line.get("t"))
                old.ppid = _pid(line.get("ppid"))
                old.how = _how(line.get("how"))
                return
            if pid == self._main:
                # It lived through the whole run, so its pid was never free: a forgery.
                return
            self._done.append(old)  # the pid was used again
        if len(self._done) + len(self._current) >= MAX_PROCESSES:
            self._current.pop(pid, None)
            return
        self._current[pid] = _Draft(
            pid=pid,
            ppid=_pid(line.get("ppid")),
            how=_how(line.get("how")),
            name=_name(line.get("name"), None),
            start=self._time(line.get("t")),
        )

    def _exit(self, draft: _Draft, line: dict[str, object]) -> None:
        """A parent's (or the forkserver's) word on a child, `line`'s "pid": the first
        word on each thing counts."""
        if draft.exit_code is None:
            draft.exit_code = _code(line.get("code"))
        if draft.reaped_cpu is None:
            draft.reaped_cpu = _cpu(line.get("cpu"))
        draft.seen_dead = _earliest(draft.seen_dead, self._time(line.get("t")))
        draft.method = _method(line.get("method"), draft.method)
        if draft.ppid is None:
            draft.ppid = _pid(line.get("by"))

    def _draft(self, pid: int) -> _Draft | None:
        draft = self._current.get(pid)
        if draft is None and len(self._done) + len(self._current) < MAX_PROCESSES:
            # A child that died before it could say it started: its parent saw it.
            draft = self._current[pid] = _Draft(pid=pid)
        return draft

    def _time(self, value: object) -> float | None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None
        t = float(value) - self._started
        return round(t, 6) if math.isfinite(t) and _EARLIEST <= t < _TIME_LIMIT else None


def _unstarted(parent: int, name: str, created: float | None) -> ProcessRecord:
    """A Process object that `parent` created at `created` and never started: no pid,
    no start, no end (see ProcessRecord)."""
    return ProcessRecord(
        pid=None,
        ppid=parent,
        name=name,
        start_method=None,
        start=None,
        end=None,
        exit_code=None,
        cpu=None,
        created=created,
    )


def _pid(value: object) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value < 1 << 31:
        return value
    return None


def _code(value: object) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and -(1 << 31) <= value < 1 << 31:
        return value
    return None


def _cpu(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    cpu = float(value)
    return round(cpu, 6) if math.isfinite(cpu) and 0 <= cpu < _TIME_LIMIT else None


def _name(value: object, default: str | None) -> str | None:
    if not isinstance(value, str):
        return default
    # Lone surrogates (valid in JSON) would not survive a UTF-8 database.
    text = value[:NAME_LIMIT].encode("utf-8", "replace").decode("utf-8")
    return inert(text)


def _how(value: object) -> str | None:
    return (
        value if isinstance(value, str) and value in ("exec", "fork", "spawn", *_HELPERS) else None
    )


def _method(value: object, default: str | None) -> str | None:
    return value if isinstance(value, str) and value in _METHODS else default


def _earliest(a: float | None, b: float | None) -> float | None:
    if a is None:
        return b
    return a if b is None else min(a, b)


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(text)
    return round(value, 6)
