"""What other programs used during a run, as the runner measures it (Linux)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from mpquiz.runner import DemoSpec, run_demo
from mpquiz.runner.machine_load import CpuSnapshot, others_busy, snapshot

linux = pytest.mark.skipif(not Path("/proc/stat").exists(), reason="reads /proc/stat")


def test_others_is_the_busy_time_less_the_demo_and_mpquiz() -> None:
    before = CpuSnapshot(at=10.0, busy=100.0, own=1.0)
    after = CpuSnapshot(at=12.0, busy=103.0, own=1.5)  # 3 s busy over 2 s of wall time
    assert others_busy(before, after, demo_cpu=1.5) == pytest.approx(0.5)
    assert others_busy(before, after, demo_cpu=5.0) == 0.0  # never below nothing
    assert others_busy(before, after, demo_cpu=None) is None  # the demo's share unknown
    assert others_busy(None, after, demo_cpu=1.0) is None
    short = CpuSnapshot(at=10.01, busy=100.0, own=1.0)
    assert others_busy(before, short, demo_cpu=0.0) is None  # too short to tell


@linux
def test_snapshots_count_the_cpu_this_process_burns() -> None:
    first = snapshot()
    assert first is not None
    end = time.process_time() + 0.3
    while time.process_time() < end:
        pass
    second = snapshot()
    assert second is not None
    assert second.own - first.own >= 0.25
    assert second.busy - first.busy >= 0.2  # the machine saw it too (in 1/100 s steps)


@linux
@pytest.mark.slow
def test_a_busy_loop_beside_the_demo_is_measured_and_a_quiet_run_is_not_blamed(
    tmp_path: Path,
) -> None:
    demo = tmp_path / "sleepy.py"
    demo.write_text("import time\ntime.sleep(1.0)\nprint('done')\n")
    spec = DemoSpec(script=demo)
    quiet = run_demo(spec)  # whatever else runs, it is a number
    hog = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        time.sleep(0.2)
        busy = run_demo(spec)
    finally:
        hog.kill()
        hog.wait()
    assert quiet.processes and busy.processes, "the timeline recorded the demo"
    assert busy.others_busy is not None and quiet.others_busy is not None
    # The loop takes a whole core (other tests running meanwhile may add to it); the
    # measure must see most of it. The sleeping demo's own second is not counted.
    assert busy.others_busy >= 0.7, (quiet.others_busy, busy.others_busy)
