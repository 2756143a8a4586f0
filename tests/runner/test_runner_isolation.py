"""The demo's sandbox: environment, working folder, stdin, resource limits, and that normal
multiprocessing programs still work inside it."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest
from runner_support import program

import mpquiz.runner.launch as launch_module
from mpquiz.runner import DemoSpec, run_demo, start_demo
from mpquiz.runner.environment import STARTUP_FOLDER, TOKEN_VARIABLE
from mpquiz.runner.workdir import make_workdir

pytestmark = pytest.mark.slow

ALLOWED_VARIABLES = {
    "PATH",
    "LANG",
    "LC_ALL",
    "LC_CTYPE",  # Python's own locale coercion may add it
    "PYTHONUTF8",
    "PYTHONIOENCODING",
    "PYTHONDONTWRITEBYTECODE",
    "PYTHONUNBUFFERED",
    "HOME",
    "TMPDIR",
    "MALLOC_ARENA_MAX",
    "PYTHONPATH",  # only the runner's own startup folder
    TOKEN_VARIABLE,
}


def test_environment_is_reduced(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHONPATH", "/somewhere/else")
    monkeypatch.setenv("MPQUIZ_TEST_SECRET", "hunter2")
    monkeypatch.setenv("VIRTUAL_ENV", "/not/this/one")
    result = run_demo(program("show_environment.py"))
    assert result.ok, result.output
    keys = {line.text[4:] for line in result.lines if line.text.startswith("env ")}
    assert keys <= ALLOWED_VARIABLES, keys - ALLOWED_VARIABLES
    assert {"PATH", "HOME", "PYTHONIOENCODING", TOKEN_VARIABLE} <= keys
    home = next(line.text for line in result.lines if line.text.startswith("HOME="))
    assert home.removeprefix("HOME=") != os.environ.get("HOME")
    assert f"TMPDIR={home.removeprefix('HOME=')}" in result.output
    assert f"PYTHONPATH={STARTUP_FOLDER}" in result.output
    sys_path = next(line.text for line in result.lines if line.text.startswith("sys.path="))
    assert "/somewhere/else" not in sys_path and str(STARTUP_FOLDER) not in sys_path


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_lines_of_concurrent_processes_stay_whole(method: str) -> None:
    # Under a bare `python -u`, print() writes text and newline apart and a good share of
    # these lines come out spliced; the startup hook line-buffers every process.
    if method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {method} start method here")
    result = run_demo(program("concurrent_printers.py", method))
    assert result.ok, result.output
    texts = [line.text for line in result.lines]
    assert sorted(texts) == sorted(f"worker {w} line {n}" for w in range(4) for n in range(200))


def test_startup_hook_runs_the_sitecustomize_it_hides(tmp_path: Path) -> None:
    (tmp_path / "sitecustomize.py").write_text("import sys\nprint('hidden hook ran')\n")
    probe = "import sys; print(sys.stdout.line_buffering, sys.stderr.line_buffering)"
    env = {**os.environ, "PYTHONPATH": f"{STARTUP_FOLDER}{os.pathsep}{tmp_path}"}
    finished = subprocess.run(
        [sys.executable, "-u", "-c", probe], env=env, capture_output=True, text=True, check=True
    )
    assert finished.stdout.splitlines() == ["hidden hook ran", "True True"]


def test_workdir_is_fresh_and_removed_even_when_locked() -> None:
    result = run_demo(program("show_workdir.py"))
    assert result.ok, result.output
    cwd = Path(next(line.text[4:] for line in result.lines if line.text.startswith("cwd ")))
    temp = Path(next(line.text[5:] for line in result.lines if line.text.startswith("temp ")))
    assert cwd != Path.cwd()
    assert cwd.parent == Path(tempfile.gettempdir()).resolve()
    assert cwd.name.startswith("mpquiz-demo-")
    assert temp.parent == cwd  # temporary files land in it too
    assert not cwd.exists()


def test_workdir_is_removed_after_a_timeout() -> None:
    process = start_demo(program("show_workdir.py", timeout=5.0))
    result = process.wait(10)
    cwd = Path(result.lines[0].text[4:])
    assert not cwd.exists()


def test_odd_bytes_are_decoded_gently() -> None:
    result = run_demo(program("odd_bytes.py"))
    assert [line.text for line in result.lines] == [
        "héllo wörld ✓",
        "bad \ufffd\ufffd bytes",
        "windows line",
        "no newline at the end",
    ]


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_multiprocessing_works_under_the_limits(method: str) -> None:
    if method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {method} start method here")
    result = run_demo(program("pool_and_queue.py", method, timeout=20.0))
    assert result.ok, result.output
    assert result.lines[0].text == "squares [0, 1, 4, 9, 16, 25, 36, 49, 64, 81]"
    assert "queue [0, 1, 2] exitcode 0" in result.output
    assert "shared 42" in result.output
    assert f"start method {method}" in result.output
    assert "leaked" not in result.output


def test_many_threads_fit_in_the_address_space_limit() -> None:
    # 1 GiB of RLIMIT_AS would stop at about 20 threads without MALLOC_ARENA_MAX.
    result = run_demo(program("many_threads.py", "60", timeout=10.0))
    assert result.ok, result.output
    assert result.output == "threads ok 60"


@pytest.mark.skipif(os.name != "posix", reason="resource limits are POSIX only")
def test_resource_limits_are_applied() -> None:
    result = run_demo(program("show_limits.py", timeout=3.0, memory_limit=512 << 20))
    assert result.ok, result.output
    limits = {
        name: (int(soft), int(hard))
        for name, soft, hard in (line.text.split() for line in result.lines[:5])
    }
    assert limits["RLIMIT_CPU"] == (5, 6)
    assert limits["RLIMIT_FSIZE"] == (16 << 20, 16 << 20)
    assert limits["RLIMIT_NOFILE"] == (256, 256)
    assert limits["RLIMIT_CORE"] == (0, 0)
    if sys.platform != "darwin":
        assert limits["RLIMIT_AS"] == (512 << 20, 512 << 20)
    assert result.lines[5].text == "big file refused: errno 27"  # EFBIG


def test_missing_script_could_not_start(tmp_path: Path) -> None:
    process = start_demo(DemoSpec(tmp_path / "absent.py"))
    assert process.done and process.pid is None
    result = process.wait(0)
    assert result.exit_code is None and not result.ok
    assert result.error == f"could not start: no demo file at {tmp_path / 'absent.py'}"
    assert result.lines == () and list(process.iter_lines()) == []
    assert result.demo == "absent.py"


def test_unusable_python_could_not_start(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fake_python = tmp_path / "python"
    fake_python.write_text("not a program")  # no execute permission
    monkeypatch.setattr(sys, "executable", str(fake_python))
    made: list[Path] = []

    def recording_make_workdir() -> Path:
        made.append(make_workdir())
        return made[-1]

    monkeypatch.setattr(launch_module, "make_workdir", recording_make_workdir)
    result = run_demo(program("stream_slowly.py"))
    assert result.exit_code is None and result.lines == ()
    assert result.error == f"could not start: Permission denied: {fake_python}"
    assert len(made) == 1 and not made[0].exists()  # its folder is removed at once


def test_empty_sys_executable_could_not_start(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "executable", "")
    result = run_demo(program("stream_slowly.py"))
    assert result.error == "could not start: no Python interpreter (sys.executable is empty)"


def test_the_runner_leaves_no_threads_behind() -> None:
    before = {thread.name for thread in threading.enumerate()}
    for _ in range(3):
        run_demo(program("stream_slowly.py"))
    after = {thread.name for thread in threading.enumerate()}
    assert not {name for name in after - before if name.startswith("mpquiz-demo")}
