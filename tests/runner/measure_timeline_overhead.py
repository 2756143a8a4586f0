"""What the timeline collector costs: demos run with it and without, side by side.

    .venv/bin/python tests/runner/measure_timeline_overhead.py [ROUNDS]

Each round runs a trivial demo and a pool demo once with the collector and once without
(MPQUIZ_TIMELINE=0), in alternating order, and times each from start_demo() to its
result; it then prints the medians, the load average before and after, and the cost of
one supervisor sample of a pool demo's processes. Not a test: numbers to read.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from mpquiz.runner import DemoSpec, start_demo
from mpquiz.runner.timeline import SWITCH_VARIABLE

PROGRAMS = Path(__file__).with_name("programs")
DEMOS = {
    "trivial (prints 3 lines)": DemoSpec(PROGRAMS / "count_lines.py", args=("3",)),
    "pool (Pool(2), Queue, shared memory)": DemoSpec(PROGRAMS / "pool_and_queue.py"),
}


def timed(spec: DemoSpec, collect: bool) -> tuple[float, float, int]:
    """Seconds from start to result, the run's own duration, and the records it got."""
    os.environ[SWITCH_VARIABLE] = "1" if collect else "0"
    began = time.perf_counter()
    result = start_demo(spec).wait(30)
    elapsed = time.perf_counter() - began
    assert result.ok, result.output
    return elapsed, result.duration, len(result.processes)


def loadavg() -> str:
    try:
        return Path("/proc/loadavg").read_text().strip()
    except OSError:
        return "?"


def sample_cost() -> float | None:
    """Microseconds one Sampler.sample() takes for five live processes (Linux only)."""
    if not os.path.isdir("/proc"):
        return None
    sys.path.insert(0, str(Path(__file__).parents[2] / "src" / "mpquiz" / "runner"))
    import tree_supervisor  # type: ignore[import-not-found]

    sleepers = [subprocess.Popen(["sleep", "5"]) for _ in range(4)]
    try:
        sampler = tree_supervisor.Sampler(None, os.getppid(), time.monotonic())
        sampler.fd = -1  # as if a timeline were open; nothing is read from it
        sampler.learn = lambda: None
        for pid in [os.getpid(), *(sleeper.pid for sleeper in sleepers)]:
            sampler.sampled[pid] = (tree_supervisor.proc_stat(pid)[19], [])
        began = time.perf_counter()
        for _ in range(1000):
            sampler.sample()
        return (time.perf_counter() - began) * 1000
    finally:
        for sleeper in sleepers:
            sleeper.kill()
            sleeper.wait()


def main(rounds: int) -> None:
    print(f"load average before: {loadavg()}")
    times: dict[tuple[str, bool], list[float]] = {}
    durations: dict[tuple[str, bool], list[float]] = {}
    records: dict[tuple[str, bool], int] = {}
    for demo, spec in DEMOS.items():
        timed(spec, True)  # warm: the interpreter's caches, a spare supervisor
        for n in range(rounds):
            for collect in (True, False) if n % 2 else (False, True):
                elapsed, duration, count = timed(spec, collect)
                times.setdefault((demo, collect), []).append(elapsed)
                durations.setdefault((demo, collect), []).append(duration)
                records[demo, collect] = count
    os.environ.pop(SWITCH_VARIABLE, None)
    print(f"load average after:  {loadavg()}")
    print(f"{rounds} runs each; medians (ms): start to result / the run's duration")
    for demo in DEMOS:
        on = statistics.median(times[demo, True]) * 1000
        off = statistics.median(times[demo, False]) * 1000
        on_run = statistics.median(durations[demo, True]) * 1000
        off_run = statistics.median(durations[demo, False]) * 1000
        print(
            f"  {demo}: with {on:.1f} / {on_run:.1f}, without {off:.1f} / {off_run:.1f}, "
            f"difference {on - off:+.1f} / {on_run - off_run:+.1f} "
            f"({records[demo, True]} processes recorded)"
        )
    cost = sample_cost()
    if cost is not None:
        print(f"one supervisor sample of 5 processes: {cost:.1f} µs (20 a second)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
