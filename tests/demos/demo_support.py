"""What the demo tests share: running a demo as mpquiz runs it, reading its output, the pack.

Every run goes through `mpquiz.runner.run_demo`, so a demo is tested exactly as a learner
sees it: `python -u`, merged stdout and stderr, whole lines, a fresh working folder and the
runner's limits. To run a demo under another start method, or pinned to one core, the
runner starts `launch_with.py` (beside this file), which makes that choice and then runs
the demo as `__main__`.
"""

from __future__ import annotations

import multiprocessing
import re
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path

from mpquiz import paths
from mpquiz.core.model import Pack, Question
from mpquiz.core.outputs import normalize
from mpquiz.packs.loader import load_pack
from mpquiz.runner import DemoSpec, RunResult, run_demo

DEMOS = paths.builtin_demos_dir()
LAUNCHER = Path(__file__).with_name("launch_with.py")
TIMEOUT = 30.0
"""Seconds a test run may take: generous, the demos' own limits are checked elsewhere."""

START_METHODS = tuple(
    m for m in ("fork", "spawn", "forkserver") if m in multiprocessing.get_all_start_methods()
)
"""The start methods this platform offers, in the order tests try them."""

SUITE_START_METHODS = START_METHODS[:1]
"""The one the suite proves every key and exercise under: the platform's default. Spawn
and forkserver (Linux's default from 3.14), each a fresh interpreter for every child,
are proved by CI under the suite's CPython (.ci/keys-on-every-python: pack validate
--run --start-method M), to keep the suite under 5 minutes on 2 cores; the demos' own
tests try every start method where a demo's point depends on it."""


def run(
    demo: str,
    *args: str,
    method: str | None = None,
    one_core: bool = False,
    timeout: float = TIMEOUT,
) -> RunResult:
    """Run `demo` with `args` through mpquiz's runner and assert that it exited 0 by itself.

    `method` ("fork", "spawn" or "forkserver") sets the start method before the demo runs;
    `one_core` pins the demo and all its children to a single core (Linux), as on a
    one-core machine. Both go through `launch_with.py`; without them the demo runs directly.
    """
    if method is None and not one_core:
        spec = DemoSpec(script=DEMOS / demo, args=args, timeout=timeout)
    else:
        launch = (method or "default", "1" if one_core else "0", str(DEMOS / demo))
        spec = DemoSpec(script=LAUNCHER, args=(*launch, *args), timeout=timeout)
    result = run_demo(spec)
    assert result.ok, (
        f"{demo} {' '.join(args)} (method={method}, one_core={one_core}) did not finish "
        f"cleanly: exit code {result.exit_code}, timed out {result.timed_out}, "
        f"error {result.error}\n{result.output}"
    )
    return result


def output(demo: str, *args: str, method: str | None = None, one_core: bool = False) -> str:
    """The merged output of one clean run of `demo` (see `run`)."""
    return run(demo, *args, method=method, one_core=one_core).output


def outputs_at_once(demo: str, *args: str, times: int = 5) -> list[str]:
    """The outputs of `times` clean runs of `demo` started together.

    A claim such as "the unlocked counter loses updates on every run" must hold in each
    run, and while the machine is busy with the others.
    """
    with ThreadPoolExecutor(max_workers=times) as pool:
        return list(pool.map(lambda _: output(demo, *args), range(times)))


def lines(text: str) -> list[str]:
    """The lines of an output as mpquiz compares them (right-stripped, no blank ends)."""
    return normalize(text)


def value(text: str, label: str) -> str:
    """The rest of the first line of `text` that starts with `label`, stripped.

    `value(out, "final:")` on the line "final: 27 (73 updates lost)" gives
    "27 (73 updates lost)". Fails the test when no line starts with `label`.
    """
    for line in lines(text):
        if line.startswith(label):
            return line[len(label) :].strip()
    raise AssertionError(f"no line starts with {label!r} in:\n{text}")


def seconds(text: str) -> float:
    """The number of seconds in a phrase such as "returned after 0.30 s"."""
    found = re.search(r"(\d+(?:\.\d+)?) s\b", text)
    assert found, f"no duration in {text!r}"
    return float(found.group(1))


@cache
def pack() -> Pack:
    """The built-in pack, loaded (and so validated) once per test process."""
    return load_pack(paths.builtin_pack_dir(), demos_dir=paths.builtin_demos_dir())


def questions(*, topics: Iterable[str] = (), kinds: Iterable[str] = ()) -> list[Question]:
    """The pack's questions, optionally only those of some topics and kinds."""
    topics, kinds = set(topics), set(kinds)
    return [
        q
        for q in pack().questions
        if (not topics or q.topic in topics) and (not kinds or q.kind.value in kinds)
    ]


def question(qid: str) -> Question:
    """The question with id `qid`."""
    found = [q for q in pack().questions if q.qid == qid]
    assert found, f"no question {qid!r} in the pack"
    return found[0]


def qid(q: Question) -> str:
    """A parametrized test's id for question `q`: its id in the pack."""
    return q.qid
