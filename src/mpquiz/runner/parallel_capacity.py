"""How much parallel work the machine gives right now: `cores` busy processes at once,
against one alone.

A virtual machine's CPUs can be slowed by what its host runs beside it (another guest
on the same physical cores) without anything showing as busy from inside: /proc/stat
counts the time as the demo's own. A speed-up check that fell short on such a machine
says nothing about the program, nor a key check's point about processes busy at once.
So, before failing either, mpquiz measures what the machine gave: the same fixed loop in
one process, then in `cores` processes started to run at the same moment; `cores` ×
(time alone) / (slowest time together) is the cores' worth of work they got. The probe
is mpquiz's own code, about a second and a half long, made only on that failing path (an
exercise's speed-up still short after its runs were timed again, a key check's point
needing several cores that did not show).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

_LOOP = """\
import sys, time
start_at, n = float(sys.argv[1]), int(sys.argv[2])
while time.monotonic() < start_at:
    time.sleep(0.001)
began = time.perf_counter()
x = 0
for i in range(n):
    x += i
print(time.perf_counter() - began)
"""
STEPS = 2_000_000
"""The loop's length: about a tenth of a second of one core."""


def _together(count: int, steps: int) -> list[float] | None:
    """The loop's own time in each of `count` processes started to begin at once."""
    start_at = time.monotonic() + 0.05 + 0.02 * count  # after every interpreter is up
    argv = [sys.executable, "-I", "-S", "-c", _LOOP, repr(start_at), str(steps)]
    try:
        children = [
            subprocess.Popen(argv, stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True)
            for _ in range(count)
        ]
    except OSError:
        return None
    times = []
    for child in children:
        try:
            out, _ = child.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
            return None
        try:
            times.append(float(out.strip()))
        except ValueError:
            return None
    return times


def parallel_capacity(cores: int, steps: int = STEPS, rounds: int = 3) -> float | None:
    """Cores' worth of work `cores` processes busy at once got just now (at most
    `cores`); None when it could not be measured. Alone and together take turns for
    `rounds` rounds: the fastest run alone is what one core does, and the median round
    together is what the machine gave most of the time, not its one best moment (the
    figure decides whether a shortfall was the machine's, so it must not flatter the
    machine; nor may a slow run alone inflate it)."""
    if cores < 2:
        return float(cores)
    alone: list[float] = []
    together: list[float] = []
    for _ in range(rounds):
        one, many = _together(1, steps), _together(cores, steps)
        if not one or not many or min(many) <= 0:
            return None
        alone.append(one[0])
        together.append(max(many))  # a round ends when its slowest process does
    return min(float(cores), cores * min(alone) / statistics.median(together))
