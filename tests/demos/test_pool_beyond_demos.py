"""The pool and beyond demos prove what their questions claim.

Each demo runs as mpquiz runs it (``sys.executable -u demo.py ARGS``), and every one of
them also runs under the spawn start method, since a demo must behave the same under
fork and spawn. The ``predict`` keys of pool.toml and beyond.toml are checked against
the demos' real output under their match rule.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import sysconfig
import tomllib
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEMOS = ROOT / "demos"
QUESTION_FILES = (
    ROOT / "data" / "questions" / "pool.toml",
    ROOT / "data" / "questions" / "beyond.toml",
)

pytestmark = pytest.mark.slow

# Runs a demo as __main__ after choosing the start method.
WITH_START_METHOD = """
import multiprocessing, runpy, sys
method, path = sys.argv[1], sys.argv[2]
multiprocessing.set_start_method(method)
sys.argv = sys.argv[2:]
runpy.run_path(path, run_name="__main__")
"""


def _one_core() -> None:
    """Pins the demo to one core, as on a one-core machine (Linux only)."""
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


@cache
def run(
    demo: str, args: tuple[str, ...] = (), method: str | None = None, one_core: bool = False
) -> str:
    """Runs a demo once and returns its stdout (cached: claims and keys share runs)."""
    path = str(DEMOS / demo)
    if method is None:
        command = [sys.executable, "-u", path, *args]
    else:
        command = [sys.executable, "-u", "-c", WITH_START_METHOD, method, path, *args]
    result = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=30,
        cwd=ROOT,
        preexec_fn=_one_core if one_core else None,
    )
    assert result.returncode == 0, f"{demo} {args} exited {result.returncode}\n{result.stderr}"
    return result.stdout


def lines(output: str) -> list[str]:
    """The lines of an output, right-stripped, without blank lines at the ends."""
    found = [line.rstrip() for line in output.splitlines()]
    while found and not found[0]:
        found.pop(0)
    while found and not found[-1]:
        found.pop()
    return found


def value(output: str, label: str) -> str:
    """The text after ``label`` on the first line that starts with it."""
    for line in lines(output):
        if line.startswith(label):
            return line[len(label) :].strip()
    raise AssertionError(f"no line starting with {label!r} in:\n{output}")


def seconds(text: str) -> float:
    """The number of seconds in a phrase such as 'after 0.30 s'."""
    found = re.search(r"(\d+(?:\.\d+)?) s\b", text)
    assert found, text
    return float(found.group(1))


# The matcher of the pack format, small: enough to check these keys.
PLACEHOLDERS = {
    "{pid}": r"-?\d+",
    "{int}": r"-?\d+",
    "{float}": r"-?\d+(\.\d+)?",
    "{word}": r"\S+",
    "{any}": r".*",
}
PLACEHOLDER_RE = re.compile("|".join(re.escape(p) for p in PLACEHOLDERS))


def pattern_line(expected: str) -> re.Pattern[str]:
    """A regex for one key line: placeholders become their kind, the rest is literal."""
    parts, last = [], 0
    for found in PLACEHOLDER_RE.finditer(expected):
        parts += [re.escape(expected[last : found.start()]), PLACEHOLDERS[found.group()]]
        last = found.end()
    parts.append(re.escape(expected[last:]))
    return re.compile("".join(parts))


def matches(rule: str, expected: str, actual: str) -> bool:
    """Whether ``actual`` fits the key ``expected`` under ``rule``."""
    want, got = lines(expected), lines(actual)
    if rule == "exact":
        return want == got
    if rule == "lines":
        return sorted(want) == sorted(got)
    assert rule == "pattern", rule
    return len(want) == len(got) and all(
        pattern_line(w).fullmatch(g) for w, g in zip(want, got, strict=True)
    )


def questions() -> list[dict]:
    """The questions of pool.toml and beyond.toml."""
    found = []
    for path in QUESTION_FILES:
        with path.open("rb") as handle:
            found += tomllib.load(handle)["question"]
    return found


QUESTIONS = questions()
PREDICTS = [q for q in QUESTIONS if q["kind"] == "predict"]


def test_map_returns_results_in_input_order_although_they_finish_reversed():
    out = run("pool_map_apply.py", ("--only", "map"))
    assert value(out, "finish order:") == "3 2 1 0"
    assert value(out, "map result:") == "[0, 1, 4, 9]"
    assert value(out, "in input order:") == "True"
    parent = value(out, "parent pid")
    workers = re.findall(r"^item \d -> \d+ by worker (\d+)$", out, re.M)
    assert len(workers) == 4 and parent not in workers


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="needs sched_setaffinity")
def test_map_order_proof_holds_on_one_core_under_spawn():
    out = run("pool_map_apply.py", ("--only", "map"), method="spawn", one_core=True)
    assert value(out, "finish order:") == "3 2 1 0"
    assert value(out, "in input order:") == "True"


def test_apply_blocks_and_runs_in_one_worker():
    out = run("pool_map_apply.py")
    assert seconds(value(out, "apply blocked the parent for")) >= 0.25
    worker = re.search(r"^apply returned 49 from worker (\d+)$", out, re.M)
    assert worker and worker.group(1) != value(out, "parent pid")


def test_map_async_returns_at_once_and_get_times_out_then_delivers():
    out = run("pool_async.py", ("--only", "map_async"))
    assert seconds(value(out, "map_async returned a MapResult")) < 0.1
    assert value(out, "ready at once?") == "False"
    assert "get(timeout=0.05) raised TimeoutError: not done yet" in lines(out)
    assert value(out, "get() ->").startswith("[0, 1, 4, 9] after")
    assert seconds(value(out, "get() ->")) >= 0.55  # 2 workers, 4 calls of 0.3 s
    assert value(out, "ready now?") == "True"


def test_apply_blocked_while_apply_async_returned_at_once():
    out = run("pool_async.py", ("--only", "apply"))
    assert seconds(value(out, "apply_async returned")) < 0.1
    assert seconds(value(out, "apply returned 64")) >= 0.25
    assert value(out, "apply_async get() ->") == "49"


def test_get_reraises_the_worker_exception():
    out = run("pool_async.py", ("--only", "error"))
    assert lines(out) == [
        "get() re-raised the worker's ValueError: negative input -1",
        "successful()? False",
    ]


def default_start_method() -> str:
    """This Python's default start method, asked in a fresh interpreter."""
    code = "import multiprocessing as m; print(m.get_start_method())"
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()


def test_start_methods_lists_the_default_and_the_available_ones():
    import multiprocessing

    out = run("start_methods.py")
    assert value(out, "default start method:") == default_start_method()
    available = value(out, "available:").split(", ")
    assert set(available) == set(multiprocessing.get_all_start_methods())
    for method in available:
        assert re.search(rf"^{method}: first child \d+\.\d ms, then \d+\.\d ms$", out, re.M)


def test_forked_child_sees_parent_changes_spawned_ones_do_not():
    out = run("start_methods.py")
    expected = {
        "fork": "changed by the parent",
        "spawn": "as written in the file",
        "forkserver": "as written in the file",
    }
    for method in value(out, "available:").split(", "):
        assert value(out, f"{method}: child sees MARK =") == repr(expected[method])


def test_main_guard_module_top_level_reruns_in_spawned_child():
    out = lines(run("main_guard_spawn.py"))
    assert out == [
        "top level runs in MainProcess, __name__ = __main__",
        "top level runs in Child, __name__ = __mp_main__",
        "work() runs in Child",
        "back in MainProcess, child exit code 0",
    ]


def test_lambda_fails_to_pickle_and_module_function_works():
    out = run("pool_lambda_pickling.py")
    assert value(out, "lambda failed:") == "PicklingError"
    assert "<lambda>" in value(out, "message:")
    assert value(out, "function works:") == "[0, 1, 4, 9, 16]"
    assert value(out, "it holds the names __main__ and square:") == "True"


def test_queue_join_deadlock_is_detected_and_the_demo_ends_by_itself():
    out = run("queue_join_deadlock.py")  # run() has a timeout and demands exit 0
    small = value(out, "1000 chars:")
    big = value(out, "1000000 chars:")
    assert small.endswith("child alive: False")
    assert big.endswith("child alive: True") and seconds(big) >= 0.9
    assert "deadlock: the child waits for us to read, we wait for it to exit" in lines(out)
    assert value(out, "got 1000000 chars").endswith("exit code 0")


def test_queue_items_that_fit_the_pipe_do_not_deadlock():
    out = run("queue_join_deadlock.py", ("--big", "10000"))
    assert value(out, "10000 chars:").endswith("child alive: False")
    assert "deadlock" not in out


def test_executor_as_completed_follows_finishing_and_map_input_order():
    out = run("process_pool_executor.py", ("--only", "executor"))
    assert value(out, "as_completed order:") == "3 2 1 0"
    assert value(out, "map result:") == "[0, 1, 4, 9]"
    assert value(out, "submit returned a") == "Future, result() -> 49"


def test_pool_exit_terminates_while_executor_exit_waits():
    out = run("process_pool_executor.py", ("--only", "exit"))
    assert value(out, "Pool: task done after the with block?") == "False"
    assert value(out, "Executor: task done after the with block?") == "True"


def test_free_threading_reports_this_interpreter_honestly():
    out = run("free_threading.py")
    build = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))
    gil_on = sys._is_gil_enabled() if hasattr(sys, "_is_gil_enabled") else True
    assert value(out, "free-threaded build:") == str(build)
    assert value(out, "GIL enabled now:") == str(gil_on)
    busy = [float(b) for b in re.findall(r"busy cores (\d+\.\d)", out)]
    assert len(busy) == 3  # serial, threads, processes
    if gil_on:  # CPU time / wall time: with the GIL one core at most runs Python code
        assert busy[1] <= 1.2
        assert value(out, "threads ran in parallel:") == "False"
    if value(out, "processes ran in parallel:") == "False":
        assert "(processes did not run in parallel this time" in out


@pytest.mark.parametrize(
    ("demo", "args", "proof"),
    [
        ("pool_map_apply.py", (), "in input order: True"),
        ("pool_async.py", (), "ready at once? False"),
        ("start_methods.py", (), "spawn: child sees MARK = 'as written in the file'"),
        ("main_guard_spawn.py", (), "top level runs in Child, __name__ = __mp_main__"),
        ("pool_lambda_pickling.py", (), "function works: [0, 1, 4, 9, 16]"),
        ("queue_join_deadlock.py", (), "deadlock: the child waits for us to read, we wait"),
        ("process_pool_executor.py", (), "Pool: task done after the with block? False"),
        ("free_threading.py", ("--n", "200000"), "GIL enabled now:"),
    ],
)
def test_demo_works_under_spawn(demo, args, proof):
    assert proof in run(demo, args, method="spawn")


@pytest.mark.parametrize("question", PREDICTS, ids=[q["id"] for q in PREDICTS])
def test_predict_key_matches_real_output(question):
    out = run(question["demo"], tuple(question.get("args", ())))
    assert matches(question["match"], question["expected"], out), out
    if question.get("candidates"):
        fitting = [c for c in question["candidates"] if lines(c) == lines(question["expected"])]
        assert len(fitting) == 1, question["id"]


def test_evidence_matches_a_line_of_the_real_output():
    for q in QUESTIONS:
        if "evidence" in q:
            out = run(q["demo"], tuple(q.get("args", ())))
            assert any(re.search(q["evidence"], ln) for ln in out.splitlines()), q["id"]


def test_at_least_a_third_of_the_questions_are_predicts_and_ids_are_unique():
    assert 3 * len(PREDICTS) >= len(QUESTIONS)
    ids = [q["id"] for q in QUESTIONS]
    assert len(ids) == len(set(ids))
    assert all(q["id"].startswith(q["topic"] + ".") for q in QUESTIONS)


def test_matcher():
    assert matches("exact", "\na\nb  \n\n", "a\nb\n")
    assert not matches("exact", "a\nb", "b\na")
    assert matches("lines", "a\nb", "b\na")
    assert matches("pattern", "pid={pid} t={float} s\n{any}", "pid=12 t=0.5 s\nanything")
    assert not matches("pattern", "x={int}", "x=1.5")
    assert not matches("pattern", "{word}", "two words")
