"""The runner's own lifecycle: exiting mid-demo, many demos at once, a pipe held open by
a process it cannot find, and what importing it pulls in."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time

import pytest
from runner_support import assert_nothing_survives, hostile, printed_pids, program

import mpquiz.runner.demo_process as demo_process_module
import mpquiz.runner.launch as launch_module
from mpquiz.runner import RunResult, run_demo

pytestmark = pytest.mark.slow

EXIT_MID_DEMO = """
import sys
from mpquiz.runner import DemoSpec, start_demo
process = start_demo(DemoSpec(sys.argv[1], timeout=60, grace=0.2))
while len([l for l in process.lines_so_far() if " pid " in l.text]) < 5:
    pass
print(process.pid, flush=True)
for line in process.lines_so_far():
    print(line.text, flush=True)
"""


def test_exiting_mid_demo_kills_it() -> None:
    script = str(hostile("stubborn_children.py").script)
    finished = subprocess.run(
        [sys.executable, "-c", EXIT_MID_DEMO, script],
        capture_output=True,
        text=True,
        timeout=20,
        check=True,
    )
    pgid, *lines = finished.stdout.splitlines()
    pids = [int(line.rsplit(" ", 1)[1]) for line in lines if " pid " in line]
    assert len(pids) == 5
    assert_nothing_survives(int(pgid), pids)


def test_many_demos_started_from_many_threads_at_once() -> None:
    results: list[RunResult] = []
    lock = threading.Lock()

    def run_one(count: int) -> None:
        result = run_demo(program("count_lines.py", str(count)))
        with lock:
            results.append(result)

    threads = [threading.Thread(target=run_one, args=(10 + n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(len(result.lines) for result in results) == list(range(10, 18))
    assert all(result.ok for result in results)


def test_a_pipe_held_by_an_unfindable_process_does_not_hang_the_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # What happens where neither the tree supervisor nor the Linux sweep is available
    # (macOS, other POSIX systems): reading stops, the run ends.
    monkeypatch.setattr(launch_module, "SUPERVISED", False)
    monkeypatch.setattr(demo_process_module, "kill_stragglers", lambda *_args: [])
    began = time.monotonic()
    result = run_demo(hostile("escaping_child.py", "exit", "keep", timeout=5.0, grace=0.2))
    try:
        assert time.monotonic() - began < 4.0
        assert result.ok
        assert result.lines[-1].text.startswith("[mpquiz: stopped reading")
    finally:
        for pid in printed_pids(result):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


def test_importing_the_runner_pulls_in_no_ui_or_storage_library() -> None:
    probe = (
        "import sys, mpquiz.runner; "
        "print(sorted(m for m in ('textual', 'rich', 'typer', 'sqlmodel') if m in sys.modules))"
    )
    finished = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert finished.stdout.strip() == "[]"
