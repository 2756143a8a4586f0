"""Lines stream live, to any number of consumers, blocking or asyncio; cancel() kills."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest
from runner_support import assert_nothing_survives, hostile, printed_pids, program

from mpquiz.runner import DemoProcess, OutputLine, run_demo, start_demo

pytestmark = pytest.mark.slow


def test_first_line_arrives_before_the_process_ends() -> None:
    process = start_demo(program("stream_slowly.py"))
    seen: list[tuple[OutputLine, bool]] = []
    for line in process.iter_lines():
        seen.append((line, process.done))
    result = process.wait(5)
    assert [line.text for line, _ in seen] == ["first", "second"]
    first, done_at_first = seen[0]
    assert not done_at_first
    assert seen[1][0].t - first.t >= 0.25
    assert 0 <= first.t < seen[1][0].t <= result.duration
    assert result.ok and result.error is None


def test_run_demo_calls_on_line_as_lines_arrive() -> None:
    arrivals: list[tuple[str, float]] = []
    began = time.monotonic()
    result = run_demo(
        program("stream_slowly.py"),
        on_line=lambda line: arrivals.append((line.text, time.monotonic() - began)),
    )
    assert [text for text, _ in arrivals] == ["first", "second"]
    assert arrivals[1][1] - arrivals[0][1] >= 0.25
    assert result.ok


def test_two_consumers_and_a_late_one_see_the_same_lines() -> None:
    process = start_demo(program("count_lines.py", "60"))
    from_thread: list[OutputLine] = []
    reader = threading.Thread(target=lambda: from_thread.extend(process.iter_lines()))
    reader.start()
    from_here = list(process.iter_lines())
    reader.join(5)
    result = process.wait(5)
    assert len(from_here) == 60
    assert from_thread == from_here == list(result.lines) == process.lines_so_far()
    assert list(process.iter_lines()) == from_here  # a consumer arriving after the end
    times = [line.t for line in from_here]
    assert times == sorted(times)


def test_prefetch_reveals_buffered_lines_then_streams_the_rest() -> None:
    process = start_demo(program("stream_slowly.py"))
    while not process.lines_so_far():
        time.sleep(0.01)
    assert not process.done  # the learner answers while the demo still runs
    assert [line.text for line in process.iter_lines()] == ["first", "second"]


def test_async_iteration_does_not_block_the_event_loop() -> None:
    async def main() -> tuple[list[str], int, bool]:
        process = start_demo(program("stream_slowly.py"))
        ticks = 0
        stop = asyncio.Event()

        async def tick() -> None:
            nonlocal ticks
            while not stop.is_set():
                ticks += 1
                await asyncio.sleep(0.01)

        ticker = asyncio.create_task(tick())
        texts = [line.text async for line in process.aiter_lines()]
        second = [line.text async for line in process.aiter_lines()]
        result = await process.result()
        stop.set()
        await ticker
        return texts, ticks, result.ok and second == texts

    texts, ticks, ok = asyncio.run(main())
    assert texts == ["first", "second"]
    assert ticks >= 10  # the loop ran while the demo slept 0.3 s
    assert ok


def test_async_consumers_run_concurrently() -> None:
    async def main() -> list[list[str]]:
        process = start_demo(program("count_lines.py", "30"))

        async def collect() -> list[str]:
            return [line.text async for line in process.aiter_lines()]

        return list(await asyncio.gather(collect(), collect(), collect()))

    runs = asyncio.run(main())
    assert runs[0] == runs[1] == runs[2] == [f"line {n}" for n in range(30)]


def test_cancel_kills_the_whole_group() -> None:
    process = start_demo(hostile("stubborn_children.py", timeout=30.0, grace=0.2))
    deadline = time.monotonic() + 10
    while len(printed_pids_so_far(process)) < 5 and time.monotonic() < deadline:
        time.sleep(0.02)
    began = time.monotonic()
    process.cancel()
    process.cancel()  # idempotent
    result = process.wait(5)
    assert time.monotonic() - began < 2.0
    assert result.cancelled and not result.timed_out and not result.ok
    assert result.error == "cancelled"
    assert result.exit_code == -9
    process.cancel()  # and harmless once over
    assert process.wait(0) is result
    assert_nothing_survives(process.pid, printed_pids(result))


def test_cancel_from_asyncio() -> None:
    async def main() -> bool:
        process = start_demo(hostile("endless_loop.py", timeout=30.0))
        async for line in process.aiter_lines():
            assert line.text == "spinning"
            process.cancel()
        result = await process.result()
        return result.cancelled and result.error == "cancelled"

    assert asyncio.run(main())


def test_wait_with_a_timeout_raises_while_running() -> None:
    process = start_demo(hostile("endless_loop.py", timeout=30.0))
    with pytest.raises(TimeoutError):
        process.wait(0.05)
    process.cancel()
    assert process.wait(5).cancelled


def test_an_exception_in_on_line_cancels_the_demo() -> None:
    def explode(line: OutputLine) -> None:
        raise KeyError(line.text)

    began = time.monotonic()
    with pytest.raises(KeyError):
        run_demo(hostile("endless_loop.py", timeout=30.0), on_line=explode)
    assert time.monotonic() - began < 3.0


def printed_pids_so_far(process: DemoProcess) -> list[int]:
    """The pids printed as "... pid N" until now."""
    lines = process.lines_so_far()
    return [int(line.text.rsplit(" ", 1)[1]) for line in lines if " pid " in line.text]
