"""The ipc, lock and shared-memory demos prove what their questions claim.

Every demo runs for real, as mpquiz runs it (`sys.executable -u demo.py ARGS`), and
the tests check the claim behind the questions: the unlocked counters lose updates on
every run and the locked ones never do, the pipes and the queue deliver what was
sent, Value and Array hold what the children wrote. The predict questions' `expected`
is checked against real output under its match rule, with a small matcher of its own.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from mpquiz.core.grading import measured_value

ROOT = Path(__file__).resolve().parents[2]
DEMOS = ROOT / "demos"
QUESTION_FILES = [
    ROOT / "data" / "questions" / name for name in ("ipc.toml", "lock.toml", "shared-memory.toml")
]
MY_DEMOS = (
    "pipe_ping_pong.py",
    "pipe_duplex_oneway.py",
    "queue_producers_consumers.py",
    "race_counter.py",
    "lock_counter.py",
    "value_array.py",
    "value_increment.py",
)
RUNS = 5  # "reliably" means: in every one of these runs


def run(demo: str, *args: str, env: dict[str, str] | None = None) -> str:
    """Run a demo as mpquiz does; assert it exits 0 and return its stdout."""
    proc = subprocess.run(
        [sys.executable, "-u", str(DEMOS / demo), *args],
        capture_output=True,
        text=True,
        timeout=30,
        cwd=ROOT,
        env=env,
    )
    assert proc.returncode == 0, f"{demo} {args} exited {proc.returncode}:\n{proc.stderr}"
    return proc.stdout


def run_many(demo: str, *args: str, times: int = RUNS) -> list[str]:
    """Run a demo `times` times at once: the claim must hold under load too."""
    with ThreadPoolExecutor(max_workers=times) as pool:
        return list(pool.map(lambda _: run(demo, *args), range(times)))


@cache
def output(demo: str, args: tuple[str, ...]) -> str:
    """One run's output, shared by the tests that only need to read it."""
    return run(demo, *args)


@pytest.fixture(scope="module")
def spawn_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """An environment whose Python processes all use the spawn start method."""
    site = tmp_path_factory.mktemp("spawn_site")
    (site / "sitecustomize.py").write_text(
        'import multiprocessing\nmultiprocessing.set_start_method("spawn")\n'
    )
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(site), env.get("PYTHONPATH")]))
    return env


# --- the counters -------------------------------------------------------------------

COUNTER_LINE = re.compile(r"^(?P<label>.+?):? expected (?P<expected>\d+), final (?P<final>\d+) ")


def counters(out: str) -> dict[str, tuple[int, int]]:
    """{label: (expected, final)} from lock_counter / value_increment output."""
    found = {}
    for line in out.splitlines():
        m = COUNTER_LINE.match(line)
        if m:
            found[m["label"].rstrip(":")] = (int(m["expected"]), int(m["final"]))
    return found


def race_numbers(out: str) -> tuple[int, int]:
    expected = int(re.search(r"^expected: (\d+)$", out, re.M).group(1))
    final = int(re.search(r"^final: (\d+) ", out, re.M).group(1))
    return expected, final


def test_race_counter_loses_updates_on_every_run() -> None:
    for out in run_many("race_counter.py"):
        expected, final = race_numbers(out)
        assert expected == 100
        assert 0 < final < expected, out
        assert f"({expected - final} updates lost)" in out


def test_race_counter_with_one_worker_loses_nothing() -> None:
    assert race_numbers(output("race_counter.py", ("--workers", "1"))) == (25, 25)


def test_lock_counter_never_loses_an_update_in_either_style() -> None:
    for out in run_many("lock_counter.py"):
        assert counters(out) == {"acquire/release": (100, 100), "with lock": (100, 100)}, out
        assert out.count("(no update lost)") == 2


def test_value_increment_loses_without_get_lock_and_never_with_it() -> None:
    for out in run_many("value_increment.py"):
        found = counters(out)
        expected, final = found["without get_lock()"]
        assert expected == 100 and final < expected, out
        assert found["with get_lock()"] == (100, 100), out


@pytest.mark.parametrize(
    ("demo", "args"),
    [
        ("race_counter.py", ("--workers", "3", "--increments", "20")),
        ("lock_counter.py", ("--workers", "3", "--increments", "20")),
        ("value_increment.py", ("--workers", "3", "--increments", "20")),
    ],
)
def test_counter_claims_hold_under_spawn(
    demo: str, args: tuple[str, ...], spawn_env: dict[str, str]
) -> None:
    out = run(demo, *args, env=spawn_env)
    if demo == "race_counter.py":
        expected, final = race_numbers(out)
        assert final < expected == 60, out
    elif demo == "lock_counter.py":
        assert counters(out) == {"acquire/release": (60, 60), "with lock": (60, 60)}, out
    else:
        found = counters(out)
        assert found["without get_lock()"][1] < 60 and found["with get_lock()"] == (60, 60), out


# --- pipes --------------------------------------------------------------------------


@pytest.mark.parametrize("env_name", ["default", "spawn"])
def test_ping_pong_completes_every_round(env_name: str, spawn_env: dict[str, str]) -> None:
    out = run("pipe_ping_pong.py", "--rounds", "5", env=spawn_env if env_name == "spawn" else None)
    want = []
    for i in range(1, 6):
        want += [f"parent -> ping {i}", f"child <- ping {i}, sends pong {i}", f"parent <- pong {i}"]
    assert out.splitlines() == [*want, "rounds completed: 5"]


@pytest.mark.parametrize("env_name", ["default", "spawn"])
def test_pipe_duplex_both_ways_and_one_way_refuses_the_wrong_direction(
    env_name: str, spawn_env: dict[str, str]
) -> None:
    env = spawn_env if env_name == "spawn" else None
    out = run("pipe_duplex_oneway.py", "--text", "hola", env=env)
    assert out.splitlines() == [
        "duplex: child received hola",
        "duplex: parent received HOLA",
        "one-way: parent received hola",
        "one-way: send on the receive end -> OSError: connection is read-only",
        "one-way: recv on the send end -> OSError: connection is write-only",
    ]


# --- queue --------------------------------------------------------------------------


def consumed_lists(out: str) -> dict[int, list[str]]:
    found = {}
    for m in re.finditer(r"^consumer (\d+) got (\d+) items: (.*)$", out, re.M):
        items = [] if m[3] == "-" else m[3].split()
        assert len(items) == int(m[2])
        found[int(m[1])] = items
    return found


@pytest.mark.parametrize(
    ("producers", "consumers", "items", "env_name"),
    [(2, 2, 4, "default"), (3, 2, 5, "default"), (1, 3, 2, "default"), (3, 3, 4, "spawn")],
)
def test_queue_delivers_each_item_once_keeping_each_producers_order(
    producers: int, consumers: int, items: int, env_name: str, spawn_env: dict[str, str]
) -> None:
    out = run(
        "queue_producers_consumers.py",
        *("--producers", str(producers), "--consumers", str(consumers), "--items", str(items)),
        env=spawn_env if env_name == "spawn" else None,
    )
    got = consumed_lists(out)
    assert sorted(got) == list(range(consumers))
    produced = [f"p{p}-{i}" for p in range(producers) for i in range(items)]
    everything = [item for lst in got.values() for item in lst]
    assert sorted(everything) == sorted(produced)  # each exactly once: none lost, none twice
    for lst in got.values():  # in each consumer, a producer's items arrive in its order
        for p in range(producers):
            mine = [int(x.split("-")[1]) for x in lst if x.startswith(f"p{p}-")]
            assert mine == sorted(mine), out
    n = len(produced)
    assert f"produced: {n}, consumed: {n}, consumed twice: 0, lost: 0" in out
    assert "per-producer order kept: yes" in out


# --- Value and Array ----------------------------------------------------------------


@pytest.mark.parametrize("env_name", ["default", "spawn"])
def test_value_array_parent_reads_what_the_children_wrote(
    env_name: str, spawn_env: dict[str, str]
) -> None:
    out = run("value_array.py", "--n", "5", env=spawn_env if env_name == "spawn" else None)
    assert out.splitlines() == [
        "before: squares=[0, 0, 0, 0, 0] halves=[0.0, 0.0, 0.0, 0.0, 0.0]",
        "after: squares=[0, 1, 4, 9, 16] halves=[0.0, 0.5, 1.0, 1.5, 2.0]",
        "total: 5.0",
        "plain list: [0, 0, 0, 0, 0]",
    ]


# --- the questions ------------------------------------------------------------------

PLACEHOLDERS = {
    "pid": r"-?\d+",
    "int": r"-?\d+",
    "float": r"-?\d+(\.\d+)?",
    "word": r"\S+",
    "any": r".*",
}
PLACEHOLDER = re.compile(r"\{(pid|int|float|word|any)\}")


def lines_of(text: str) -> list[str]:
    """Each line right-stripped, without blank lines at either end."""
    lines = [line.rstrip() for line in text.splitlines()]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return lines


def line_regex(pattern_line: str, *, typed_placeholders: bool = False) -> re.Pattern[str]:
    parts, pos = [], 0
    for m in PLACEHOLDER.finditer(pattern_line):
        parts.append(re.escape(pattern_line[pos : m.start()]))
        value = PLACEHOLDERS[m[1]]
        # A learner (or a candidate) may write the placeholder itself.
        parts.append(f"(?:{value}|{re.escape(m[0])})" if typed_placeholders else value)
        pos = m.end()
    parts.append(re.escape(pattern_line[pos:]))
    return re.compile("".join(parts))


def fits(rule: str, expected: str, actual: str, *, typed_placeholders: bool = False) -> bool:
    exp, act = lines_of(expected), lines_of(actual)
    if rule == "exact":
        return exp == act
    if rule == "lines":
        return sorted(exp) == sorted(act)
    assert rule == "pattern", rule
    return len(exp) == len(act) and all(
        line_regex(e, typed_placeholders=typed_placeholders).fullmatch(a)
        for e, a in zip(exp, act, strict=True)
    )


def load_questions() -> list[dict[str, Any]]:
    out = []
    for path in QUESTION_FILES:
        with path.open("rb") as f:
            out += tomllib.load(f)["question"]
    return out


QUESTIONS = load_questions()
PREDICT = [q for q in QUESTIONS if q["kind"] == "predict"]


@pytest.mark.parametrize("q", PREDICT, ids=[q["id"] for q in PREDICT])
def test_predict_expected_matches_the_real_output(q: dict[str, Any]) -> None:
    args = tuple(q.get("args", ()))
    outs = [output(q["demo"], args)]
    if q.get("varies"):
        outs.append(run(q["demo"], *args))  # a second, fresh run
    for out in outs:
        assert fits(q.get("match", "exact"), q["expected"], out), out


@pytest.mark.parametrize("q", [q for q in PREDICT if q.get("candidates")], ids=lambda q: q["id"])
def test_exactly_one_candidate_fits_the_key(q: dict[str, Any]) -> None:
    rule = q.get("match", "exact")
    fitting = [c for c in q["candidates"] if fits(rule, q["expected"], c, typed_placeholders=True)]
    assert len(fitting) == 1


COMMON = {
    "id",
    "topic",
    "kind",
    "prompt",
    "demo",
    "args",
    "code",
    "explain",
    "evidence",
    "varies",
    "timeout",
}
BY_KIND = {
    "choice": {"options"},
    "numeric": {"answer", "unit"},
    "predict": {"match", "expected", "candidates"},
    "open": {"model_answer", "key_points"},
}
LOCALIZED = {"prompt", "explain", "unit", "model_answer"}


def assert_localized(value: Any, where: str) -> None:
    assert isinstance(value, dict) and set(value) == {"es", "en"}, where
    assert all(isinstance(v, str) and v.strip() for v in value.values()), where


def regions(demo: str) -> dict[str, int]:
    """{region name: number of lines} of a demo."""
    found, name, count = {}, None, 0
    for line in (DEMOS / demo).read_text(encoding="utf-8").splitlines():
        if m := re.match(r"^\s*#\s*region:\s*([\w.-]+)\s*$", line):
            name, count = m[1], 0
        elif name and re.match(r"^\s*#\s*endregion\b", line):
            found[name], name = count, None
        elif name:
            count += 1
    return found


def test_question_files_follow_the_pack_format() -> None:
    with (ROOT / "data" / "pack.toml").open("rb") as f:
        topics = set(tomllib.load(f)["topics"])
    ids = [q["id"] for q in QUESTIONS]
    assert len(ids) == len(set(ids))
    for q in QUESTIONS:
        qid = q["id"]
        assert q["topic"] in topics and qid.startswith(q["topic"] + "."), qid
        assert set(q) <= COMMON | BY_KIND[q["kind"]], (qid, set(q) - COMMON - BY_KIND[q["kind"]])
        assert q["demo"] in MY_DEMOS, qid
        for field in LOCALIZED & set(q):
            assert_localized(q[field], f"{qid}.{field}")
        code = q.get("code", "all" if q["kind"] == "predict" else "none")
        assert code in ("all", "none") or code in regions(q["demo"]), (qid, code)
        if q["kind"] == "choice":
            options = q["options"]
            assert 2 <= len(options) <= 8 and any(o.get("correct") for o in options), qid
            for o in options:
                assert set(o) <= {"text", "correct", "feedback"}, qid
                assert_localized(o["text"], f"{qid}.option")
                if not o.get("correct"):  # every wrong option says why it is wrong
                    assert_localized(o.get("feedback"), f"{qid}.feedback")
        if q["kind"] == "open":
            assert_localized(q["model_answer"], qid)
            for point in q.get("key_points", []):
                assert_localized(point, qid)


def test_at_least_a_third_are_predict_questions_showing_the_demo() -> None:
    assert len(PREDICT) * 3 >= len(QUESTIONS)
    for topic in ("ipc", "lock", "shared-memory"):
        assert sum(q["topic"] == topic for q in QUESTIONS) >= 10, topic


@pytest.mark.parametrize("q", [q for q in QUESTIONS if q.get("evidence")], ids=lambda q: q["id"])
def test_evidence_highlights_lines_of_the_real_output(q: dict[str, Any]) -> None:
    out = output(q["demo"], tuple(q.get("args", ())))
    assert any(re.search(q["evidence"], line) for line in out.splitlines()), out


@pytest.mark.parametrize(
    "q", [q for q in QUESTIONS if q["kind"] == "numeric"], ids=lambda q: q["id"]
)
def test_numeric_evidence_measures_a_value_inside_the_key(q: dict[str, Any]) -> None:
    assert "value" in re.compile(q["evidence"]).groupindex, "the evidence must measure"
    outs = [output(q["demo"], tuple(q.get("args", ())))]
    if q.get("varies"):
        outs.append(run(q["demo"], *q.get("args", ())))
    key = q["answer"]
    for out in outs:
        value = measured_value(q["evidence"], out)
        assert value is not None, out
        if isinstance(key, dict):
            assert key.get("min", value) <= value <= key.get("max", value), (value, out)
        else:
            assert value == key, (value, out)
