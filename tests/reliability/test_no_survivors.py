"""No demo process outlives mpquiz, however mpquiz ends.

A driver process, with a pseudo-terminal as its controlling terminal as mpquiz has in a
real terminal, runs the stubborn tree demo through the runner (start_demo or run_demo,
as the app and the CLI do). The tree: six processes that ignore SIGTERM, among them a
reader blocked on a pipe and a daemon that called setsid, double-forked, closed its
output and exec'd with an empty environment (so it carries no MPQUIZ_DEMO_TOKEN). Once
every one of them has written its pid file, the driver is ended by SIGKILL (also with a
helper it forked still alive, holding copies of its descriptors), SIGTERM, a hang-up
(the terminal's master side closed), Ctrl+C typed on the terminal, an uncaught
exception, or a normal exit; then no process of the tree may still run.
"""

from __future__ import annotations

import contextlib
import os
import pty
import re
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.runner.runner_support import (
    HOSTILE,
    TREE_SIZE,
    kill_survivors,
    survivors,
    tree_from_pid_files,
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux guarantees only"),
]

READY_WAIT = 20.0
# How long the tree may take to die once the driver has ended.
DEATH_WAIT = 3.0

DRIVER = """
import fcntl, os, signal, sys, termios, time
from mpquiz.runner import DemoSpec, run_demo, start_demo

fcntl.ioctl(0, termios.TIOCSCTTY, 0)  # the pty becomes the controlling terminal
script, folder, ending = sys.argv[1:4]
spec = DemoSpec(script, args=(folder,), timeout=60, grace=0.2)


def show(line):
    print(line.text, flush=True)
    if line.text == "tree ready" and ending == "sigkill, a forked helper alive":
        # Forked without exec, it has copies of all the driver's descriptors; it outlives
        # the hang-up the terminal sends when the driver, its session leader, dies.
        if (helper := os.fork()) == 0:
            signal.signal(signal.SIGHUP, signal.SIG_IGN)
            time.sleep(30)
            os._exit(0)
        print(f"helper {helper}", flush=True)
    if line.text == "tree ready":
        print("driver ready", flush=True)


if ending in ("exception", "exit"):
    for line in start_demo(spec).iter_lines():
        show(line)
        if line.text == "tree ready":
            break
    if ending == "exception":
        raise RuntimeError("the driver fails while the demo runs")
    sys.exit(0)
run_demo(spec, on_line=show)
"""

# How the driver ends, and the exit status that proves it ended that way.
ENDINGS = {
    "sigkill": -signal.SIGKILL,
    "sigkill, a forked helper alive": -signal.SIGKILL,
    "sigterm": -signal.SIGTERM,
    "hangup": -signal.SIGHUP,
    "ctrl-c": -signal.SIGINT,
    "exception": 1,
    "exit": 0,
}


def _read_until(fd: int, wanted: bytes, seconds: float) -> bytes:
    seen = b""
    deadline = time.monotonic() + seconds
    while wanted not in seen and (left := deadline - time.monotonic()) > 0:
        if select.select([fd], [], [], left)[0]:
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # EIO: the driver is gone
                break
            if not chunk:
                break
            seen += chunk
    return seen


def _wait_draining(driver: subprocess.Popen[bytes], master: int, seconds: float) -> int | None:
    """Wait for the driver to exit, reading what it writes to the terminal meanwhile."""
    deadline = time.monotonic() + seconds
    while driver.poll() is None and time.monotonic() < deadline:
        if master == -1:
            time.sleep(0.01)
        elif select.select([master], [], [], 0.01)[0]:
            with contextlib.suppress(OSError):
                os.read(master, 4096)
    return driver.poll()


@pytest.mark.parametrize("ending", list(ENDINGS))
def test_no_demo_process_outlives_the_driver(ending: str, tmp_path: Path) -> None:
    folder = tmp_path / "pids"
    folder.mkdir()
    master, slave = pty.openpty()
    driver = subprocess.Popen(
        [sys.executable, "-c", DRIVER, str(HOSTILE / "stubborn_tree.py"), str(folder), ending],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        start_new_session=True,
    )
    os.close(slave)
    tree: dict[int, tuple[str, str]] = {}
    helper = None
    try:
        seen = _read_until(master, b"driver ready", READY_WAIT)
        tree = tree_from_pid_files(folder)
        assert b"driver ready" in seen, seen.decode(errors="replace")[-2000:]
        assert len(tree) == TREE_SIZE, tree
        if match := re.search(rb"helper (\d+)", seen):
            helper = int(match.group(1))
        if ending.startswith("sigkill"):
            driver.send_signal(signal.SIGKILL)
        elif ending == "sigterm":
            driver.send_signal(signal.SIGTERM)
        elif ending == "ctrl-c":
            os.write(master, b"\x03")
        elif ending == "hangup":
            os.close(master)
            master = -1
        assert _wait_draining(driver, master, 10.0) == ENDINGS[ending]
        left = survivors(tree, DEATH_WAIT)
        assert not left, "still running after the driver ended:\n" + "\n".join(left)
    finally:
        if master != -1:
            os.close(master)
        with contextlib.suppress(ProcessLookupError):
            driver.kill()
        driver.wait()
        kill_survivors(tree)
        if helper is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(helper, signal.SIGKILL)
