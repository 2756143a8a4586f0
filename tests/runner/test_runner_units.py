"""Unit tests of the runner's parts that need no process: splitting, buffering, messages,
the spec, the environment, the limits and the folder removal."""

from __future__ import annotations

import asyncio
import itertools
import os
import signal
import stat
import threading
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mpquiz.runner import DemoSpec, OutputLine, RunResult
from mpquiz.runner.environment import STARTUP_FOLDER, TOKEN_VARIABLE, demo_environment
from mpquiz.runner.line_buffer import LineBuffer
from mpquiz.runner.line_splitter import CappedLineSplitter, decode_line, truncation_marker
from mpquiz.runner.reasons import could_not_start, run_failure
from mpquiz.runner.workdir import make_workdir, remove_workdir

# The splitter.


def split_all(chunks: list[bytes], cap: int) -> tuple[list[bytes], bool]:
    """Feed the chunks to a fresh splitter; its lines and whether it truncated."""
    splitter = CappedLineSplitter(cap)
    lines = [line for chunk in chunks for line in splitter.feed(chunk)]
    return lines + splitter.finish(), splitter.truncated


@given(
    data=st.binary(max_size=300).map(lambda raw: raw.replace(b"a", b"\n")),
    cuts=st.lists(st.integers(min_value=0, max_value=300), max_size=8),
    cap=st.integers(min_value=1, max_value=320),
)
def test_splitter_keeps_exactly_the_first_cap_bytes(data: bytes, cuts: list[int], cap: int) -> None:
    points = sorted({0, len(data), *(cut for cut in cuts if cut < len(data))})
    chunks = [data[start:end] for start, end in itertools.pairwise(points)]
    lines, truncated = split_all(chunks, cap)
    kept = data[:cap].split(b"\n")
    if kept[-1] == b"":
        kept.pop()
    assert lines == kept
    assert truncated == (len(data) > cap)


def test_splitter_cuts_a_huge_line_without_newline() -> None:
    splitter = CappedLineSplitter(10)
    assert splitter.feed(b"abc") == []
    assert splitter.feed(b"d" * 1000) == [b"abc" + b"d" * 7]
    assert splitter.truncated
    assert splitter.feed(b"more\nlines\n") == [] and splitter.finish() == []


def test_marker_and_decoding() -> None:
    assert truncation_marker(256 * 1024) == "[mpquiz: output truncated after 256 KiB]"
    assert truncation_marker(1536) == "[mpquiz: output truncated after 1.5 KiB]"
    assert decode_line(b"caf\xc3\xa9\r") == "café"
    assert decode_line(b"\xff") == "\ufffd"


# The buffer.


def test_buffer_serves_blocking_readers_from_the_start() -> None:
    buffer = LineBuffer()
    buffer.extend([OutputLine(0.0, "a")])
    got: list[str] = []
    reader = threading.Thread(target=lambda: got.extend(line.text for line in buffer.iter_lines()))
    reader.start()
    buffer.extend([OutputLine(0.1, "b"), OutputLine(0.1, "c")])
    assert not buffer.wait_closed(0.01)
    buffer.close()
    reader.join(2)
    assert got == ["a", "b", "c"]
    buffer.extend([OutputLine(0.2, "late")])  # ignored once closed
    assert [line.text for line in buffer.snapshot()] == ["a", "b", "c"]


def test_buffer_wakes_async_readers_from_another_thread() -> None:
    async def main() -> tuple[list[str], list[str]]:
        buffer = LineBuffer()

        def produce() -> None:
            for n in range(5):
                buffer.extend([OutputLine(float(n), str(n))])
            buffer.close()

        async def collect() -> list[str]:
            return [line.text async for line in buffer.aiter_lines()]

        first = asyncio.create_task(collect())
        await asyncio.sleep(0.01)  # parked before anything arrives
        threading.Timer(0.02, produce).start()
        await asyncio.wait_for(buffer.wait_closed_async(), 2)
        return await first, await collect()

    first, second = asyncio.run(main())
    assert first == second == ["0", "1", "2", "3", "4"]


# Messages.


def line(text: str) -> OutputLine:
    """An output line at t=0."""
    return OutputLine(0.0, text)


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({"exit_code": 0}, None),
        ({"exit_code": -15, "cancelled": True}, "cancelled"),
        ({"exit_code": -9, "timed_out": True}, "timed out after 2.5 s"),
        ({"exit_code": 2}, "exited with code 2"),
        (
            {"exit_code": 1, "lines": [line("ValueError: x"), line("[mpquiz: out]")]},
            "exited with code 1 (ValueError)",
        ),
        (
            {"exit_code": 1, "lines": [line("KeyboardInterrupt")]},
            "exited with code 1 (KeyboardInterrupt)",
        ),
        ({"exit_code": -signal.SIGXCPU}, "killed by SIGXCPU (CPU time limit reached)"),
        ({"exit_code": -signal.SIGSEGV}, "killed by SIGSEGV (the interpreter crashed)"),
    ],
)
def test_failure_reasons(options: dict, expected: str | None) -> None:  # type: ignore[type-arg]
    arguments = {"timeout": 2.5, "timed_out": False, "cancelled": False, "lines": []}
    assert run_failure(**{**arguments, **options}) == expected


def test_could_not_start_reason() -> None:
    assert could_not_start("no demo file at /x.py") == "could not start: no demo file at /x.py"


def test_result_output_and_ok() -> None:
    result = RunResult("d.py", (), 0, 0.1, False, False, False, (line("a"), line("b")))
    assert result.output == "a\nb" and result.ok and result.error is None
    assert not RunResult("d.py", (), 0, 0.1, True, False, False, ()).ok
    assert not RunResult("d.py", (), None, 0.0, False, False, False, (), "could not start").ok


# The spec.


def test_spec_normalises_what_toml_gives() -> None:
    spec = DemoSpec("demo.py", args=["--n", 3])  # type: ignore[arg-type]
    assert spec.script == Path.cwd() / "demo.py"
    assert spec.args == ("--n", "3")
    assert (spec.timeout, spec.output_cap, spec.grace) == (10.0, 256 * 1024, 0.5)
    assert spec.memory_limit == 1 << 30


@pytest.mark.parametrize(
    "options", [{"timeout": 0}, {"output_cap": 0}, {"grace": -1}, {"memory_limit": 0}]
)
def test_spec_rejects_nonsense(options: dict) -> None:  # type: ignore[type-arg]
    with pytest.raises(ValueError):
        DemoSpec(Path("/x.py"), **options)


# The environment.


def test_environment_keeps_only_what_python_needs(tmp_path: Path) -> None:
    parent = {"PATH": "/usr/bin", "PYTHONPATH": "/evil", "HOME": "/root", "AWS_SECRET": "x"}
    env = demo_environment(tmp_path, "abc", parent)
    assert env["PATH"] == "/usr/bin"
    assert env["HOME"] == env["TMPDIR"] == str(tmp_path)
    assert env[TOKEN_VARIABLE] == "abc"
    assert env["LC_ALL"] == "C.UTF-8" and env["PYTHONIOENCODING"] == "utf-8"
    assert env["PYTHONPATH"] == str(STARTUP_FOLDER)  # never the parent's
    assert "AWS_SECRET" not in env
    assert demo_environment(tmp_path, "abc", {})["PATH"] == os.defpath


# The limits.


@pytest.mark.skipif(os.name != "posix", reason="POSIX only")
def test_limits_never_rise_above_the_parents(monkeypatch: pytest.MonkeyPatch) -> None:
    import resource

    from mpquiz.runner import limits

    current = {resource.RLIMIT_NOFILE: (100, 200), resource.RLIMIT_CPU: (3, 4)}
    infinity = resource.RLIM_INFINITY
    monkeypatch.setattr(
        resource, "getrlimit", lambda which: current.get(which, (infinity, infinity))
    )
    planned = {which: (soft, hard) for which, soft, hard in limits.planned_limits(30, 1 << 30)}
    assert planned[resource.RLIMIT_NOFILE] == (100, 200)
    assert planned[resource.RLIMIT_CPU] == (3, 4)
    assert planned[resource.RLIMIT_FSIZE] == (16 << 20, 16 << 20)
    assert limits.preexec_function([]) is None
    no_memory_limit = limits.planned_limits(1, None)
    assert resource.RLIMIT_AS not in {which for which, _, _ in no_memory_limit}


# The working folder.


def test_workdir_removal_survives_locks_and_never_follows_links(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me")
    outside.chmod(0o400)
    workdir = make_workdir()
    (workdir / "sub").mkdir()
    (workdir / "sub" / "f").write_text("x")
    (workdir / "sub" / "link").symlink_to(outside)
    (workdir / "sub").chmod(0)
    remove_workdir(workdir)
    assert not workdir.exists()
    assert outside.read_text() == "keep me"
    assert stat.S_IMODE(outside.stat().st_mode) == 0o400
