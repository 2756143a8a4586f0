"""How busy the machine was during a run: the CPU other programs used meanwhile.

A run's verdict may say "the machine was busy" only when it was, during that very run.
The load average cannot say so: it is a decaying average over a minute, late to rise and
late to fall. Here the runner reads the CPUs' busy time (Linux's /proc/stat, the CPUs
the demo may use) as the run starts and once it has ended; less the demo's own CPU time
(its processes' records) and mpquiz's own (os.times), what is left is what other
programs took, in cores' worth over the run's wall time. Elsewhere it is unknown (None)
and the verdicts fall back on the load average.
"""

from __future__ import annotations

import os
import time
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

_STAT = Path("/proc/stat")
# user nice system idle iowait irq softirq steal: all but idle and iowait were busy.
_BUSY_FIELDS = (0, 1, 2, 5, 6, 7)
_MIN_WALL = 0.05
"""Shorter runs give no figure: /proc/stat counts in hundredths of a second."""


@dataclass(frozen=True)
class CpuSnapshot:
    """The CPUs' busy time and mpquiz's own CPU time at one moment."""

    at: float
    """time.monotonic()."""
    busy: float
    """Seconds of busy time, summed over the CPUs this process may run on."""
    own: float
    """This process's user and system CPU seconds."""


def snapshot(cpus: Collection[int] | None = None) -> CpuSnapshot | None:
    """The busy time of `cpus` (default: the CPUs this process may use) now; None where
    /proc/stat cannot be read. mpquiz's own CPU time is taken whole, wherever it ran, so
    on a demo restricted to fewer CPUs the others' share is, if anything, under-counted."""
    try:
        text = _STAT.read_text(encoding="ascii", errors="replace")
        allowed = set(cpus) if cpus is not None else os.sched_getaffinity(0)
        hz = os.sysconf("SC_CLK_TCK")
    except (OSError, AttributeError, ValueError):
        return None
    busy = 0
    seen = False
    for line in text.splitlines():
        name, _, rest = line.partition(" ")
        if not name.startswith("cpu") or not name[3:].isdigit() or int(name[3:]) not in allowed:
            continue
        fields = rest.split()
        try:
            busy += sum(int(fields[i]) for i in _BUSY_FIELDS if i < len(fields))
        except ValueError:
            return None
        seen = True
    if not seen or hz <= 0:
        return None
    times = os.times()
    return CpuSnapshot(time.monotonic(), busy / hz, times.user + times.system)


def others_busy(
    before: CpuSnapshot | None, after: CpuSnapshot | None, demo_cpu: float | None
) -> float | None:
    """Cores' worth of CPU other programs used between the two snapshots, on average.

    `demo_cpu` is the demo's own CPU time over the run (None when its processes were not
    recorded: then nothing can be told apart and the answer is None)."""
    if before is None or after is None or demo_cpu is None:
        return None
    wall = after.at - before.at
    if wall < _MIN_WALL:
        return None
    others = (after.busy - before.busy) - (after.own - before.own) - demo_cpu
    return max(0.0, others / wall)
