"""The stacks of a run that passed its time limit: real deadlocks under fork and spawn, on
the supervised (Linux) and the direct path, each process named with the frames of the
program where it was blocked; a demo abusing the stacks folder or ignoring the signal
cannot hang mpquiz, make it read much, or put escapes in what it shows; a run that does
not time out has no stacks and leaves no folder."""

from __future__ import annotations

import threading
import time
from functools import cache
from pathlib import Path

import pytest
from runner_support import LINUX, program

import mpquiz.runner.launch as launch_module
from mpquiz.core.inert import is_inert
from mpquiz.core.stacks import MAX_FRAMES, MAX_TEXT, MAX_THREADS, Frame, ProcessStack
from mpquiz.runner import RunResult, start_demo
from mpquiz.runner.stacks import HOOK_FILE
from mpquiz.runner.timeline import SWITCH_VARIABLE

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not LINUX, reason="the hangs fork; the hostile demo reads /proc"),
]

# Long enough for a spawned child to reach its block on a busy machine.
TIMEOUT = 1.2
GRACE = 0.2
PATHS = pytest.mark.parametrize("supervised", [True, False], ids=["supervised", "direct"])
METHODS = pytest.mark.parametrize("method", ["fork", "spawn"])


def timed_out(name: str, method: str, *args: str) -> tuple[RunResult, int | None, float]:
    """The run of a program that hangs, its main pid, and how long mpquiz took."""
    began = time.monotonic()
    process = start_demo(program(name, *args, timeout=TIMEOUT, grace=GRACE, start_method=method))
    result = process.wait(30)
    elapsed = time.monotonic() - began
    assert result.timed_out, result.output
    assert result.error == f"timed out after {TIMEOUT:g} s"
    return result, process.pid, elapsed


HANGS = [
    *((name, method, supervised) for name in ("hang_queue_join.py", "hang_recv.py")
      for method in ("fork", "spawn") for supervised in (True, False)),
    *((name, method, LINUX) for name in ("hang_lock.py", "hang_barrier.py")
      for method in ("fork", "spawn")),
]  # fmt: skip


@cache
def _hung() -> dict[tuple[str, str, bool], tuple[RunResult, int | None, float]]:
    """Every hang of HANGS, run side by side (each waits for its time limit; one after
    another they would wait 15 s), by (program, start method, supervised)."""
    from concurrent.futures import ThreadPoolExecutor

    starting = threading.Lock()  # which path a run takes is read as it starts

    def one(hang: tuple[str, str, bool]) -> tuple[RunResult, int | None, float]:
        name, method, supervised = hang
        began = time.monotonic()
        spec = program(name, timeout=TIMEOUT, grace=GRACE, start_method=method)
        with starting:
            was, launch_module.SUPERVISED = launch_module.SUPERVISED, supervised
            try:
                process = start_demo(spec)
            finally:
                launch_module.SUPERVISED = was
        result = process.wait(30)
        return result, process.pid, time.monotonic() - began

    with ThreadPoolExecutor(max_workers=len(HANGS)) as pool:
        return dict(zip(HANGS, pool.map(one, HANGS), strict=True))


def hung(name: str, method: str, supervised: bool = LINUX) -> tuple[RunResult, int | None, float]:
    """The run of a program of HANGS that hangs, its main pid, and how long mpquiz took."""
    result, pid, elapsed = _hung()[(name, method, supervised)]
    assert result.timed_out, result.output
    assert result.error == f"timed out after {TIMEOUT:g} s"
    return result, pid, elapsed


def blocks(name: str) -> dict[str, int]:
    """The lines the program marks "# BLOCK main" and "# BLOCK child"."""
    lines = (program(name).script).read_text().splitlines()
    return {
        line.split("# BLOCK ")[1].strip(): number
        for number, line in enumerate(lines, 1)
        if "# BLOCK " in line
    }


def innermost_in(thread: tuple[Frame, ...], path: Path) -> Frame | None:
    """The frame of `path` closest to where the thread was blocked."""
    return next((frame for frame in reversed(thread) if frame.file == str(path)), None)


def by_name(stacks: tuple[ProcessStack, ...], name: str) -> ProcessStack:
    (stack,) = [stack for stack in stacks if stack.name == name]
    return stack


def assert_clean(stacks: tuple[ProcessStack, ...]) -> None:
    """No frame of mpquiz's startup hook, nothing a terminal would obey."""
    for stack in stacks:
        assert stack.name is None or is_inert(stack.name)
        for thread in stack.threads:
            for frame in thread:
                assert frame.file != HOOK_FILE, stack
                assert not frame.file.endswith("sitecustomize.py"), stack
                assert frame.function != "_dump_stacks", stack
                assert is_inert(frame.file) and is_inert(frame.function)


def assert_main_blocked_at(result: RunResult, pid: int | None, name: str) -> ProcessStack:
    main = result.stacks[0]
    assert (main.main, main.pid, main.name) == (True, pid, "MainProcess")
    frame = innermost_in(main.threads[0], program(name).script)
    assert frame is not None and frame.line == blocks(name)["main"], main.threads[0]
    return main


@PATHS
@METHODS
def test_a_join_before_the_queue_is_drained(method: str, supervised: bool) -> None:
    result, pid, elapsed = hung("hang_queue_join.py", method, supervised)
    assert elapsed < TIMEOUT + 2.5
    main = assert_main_blocked_at(result, pid, "hang_queue_join.py")
    assert any(frame.function == "join" for frame in main.threads[0])
    child = by_name(result.stacks, "Process-1")
    functions = {frame.function for thread in child.threads for frame in thread}
    assert {"_finalize_join", "_feed", "send_bytes"} <= functions, child  # exiting, flushing
    assert len(child.threads) == 2  # its main thread and the queue's feeder
    assert_clean(result.stacks)


@PATHS
@METHODS
def test_a_recv_with_no_sender(method: str, supervised: bool) -> None:
    result, pid, elapsed = hung("hang_recv.py", method, supervised)
    assert elapsed < TIMEOUT + 2.5
    assert sorted(result.output.splitlines()) == ["child waits", "main waits"]
    main = assert_main_blocked_at(result, pid, "hang_recv.py")
    assert "recv" in [frame.function for frame in main.threads[0]]
    child = by_name(result.stacks, "Process-1")
    frame = innermost_in(child.threads[0], program("hang_recv.py").script)
    assert frame is not None and (frame.line, frame.function) == (
        blocks("hang_recv.py")["child"],
        "answer",
    )
    assert_clean(result.stacks)


@METHODS
def test_a_lock_never_released(method: str) -> None:
    result, pid, _elapsed = hung("hang_lock.py", method)
    assert_main_blocked_at(result, pid, "hang_lock.py")
    child = by_name(result.stacks, "Process-1")
    frame = innermost_in(child.threads[0], program("hang_lock.py").script)
    assert frame is not None and (frame.line, frame.function) == (
        blocks("hang_lock.py")["child"],
        "work",
    )
    assert_clean(result.stacks)


@METHODS
def test_a_barrier_waiting_forever(method: str) -> None:
    result, pid, _elapsed = hung("hang_barrier.py", method)
    main = assert_main_blocked_at(result, pid, "hang_barrier.py")
    assert "wait" in [frame.function for frame in main.threads[0]]
    child = by_name(result.stacks, "Process-1")
    frame = innermost_in(child.threads[0], program("hang_barrier.py").script)
    assert frame is not None and (frame.line, frame.function) == (
        blocks("hang_barrier.py")["child"],
        "meet",
    )
    assert_clean(result.stacks)


def test_the_stacks_need_no_timeline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SWITCH_VARIABLE, "0")
    result, pid, _elapsed = timed_out("hang_recv.py", "fork")
    assert result.processes == ()
    main, child = result.stacks
    assert (main.main, main.pid, main.name) == (True, pid, None)  # no timeline: no names
    assert not child.main and child.name is None
    frame = innermost_in(main.threads[0], program("hang_recv.py").script)
    assert frame is not None and frame.line == blocks("hang_recv.py")["main"]


@PATHS
def test_a_demo_abusing_the_stacks_folder_or_ignoring_the_signal_changes_nothing(
    supervised: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(launch_module, "SUPERVISED", supervised)
    began = time.monotonic()
    timeout = 3.0  # its mess made first, on a busy machine too
    process = start_demo(program("stacks_garbage.py", timeout=timeout, grace=GRACE))
    result = process.wait(30)
    assert time.monotonic() - began < timeout + 2.5  # at most the brief wait, then the kill
    assert result.timed_out
    ((word, folder),) = [line.text.split() for line in result.lines]
    assert word == "ready"
    assert not Path(folder).exists()  # emptied and removed, junk included

    # Only the forged dump, where the main process's goes; the FIFO, the link, the
    # children that never dumped and the one ignoring the signal give nothing.
    (forged,) = result.stacks
    assert forged.main and forged.pid == process.pid
    assert 1 < len(forged.threads) <= MAX_THREADS
    assert all(len(thread) <= MAX_FRAMES for thread in forged.threads)
    texts = [text for t in forged.threads for f in t for text in (f.file, f.function)]
    assert all(len(text) <= MAX_TEXT and is_inert(text) for text in texts)
    assert "\x1b" not in "".join(texts) and "\x07" not in "".join(texts)
    assert any("␛" in text for text in texts)  # drawn, not obeyed
    assert_clean(result.stacks)


def test_a_run_that_does_not_time_out_has_no_stacks_and_leaves_no_folder() -> None:
    result = start_demo(program("stacks_folder.py")).wait(10)
    assert result.ok, result.output
    hidden, folder = result.output.splitlines()
    assert hidden == "hidden True"
    assert result.stacks == ()
    assert not Path(folder.split(" ", 1)[1]).exists()
