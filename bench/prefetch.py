"""Reveal latency: from "answer submitted" to "first output line shown", per built-in demo.

With prefetch the demo starts when the question is shown (as ReviewSession.show does)
and the learner thinks for a while before answering; without it the demo starts only
when the answer is in. The baseline is the run without prefetch, in the same process.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from bench.common import Measure
from mpquiz import paths
from mpquiz.packs.loader import load_pack
from mpquiz.runner import DemoProcess, DemoSpec, start_demo


def _first_line_after(process: DemoProcess, submitted: float) -> float:
    """Seconds from `submitted` until the first line is available to show."""
    for _line in process.iter_lines():
        return time.perf_counter() - submitted
    return time.perf_counter() - submitted  # a demo that printed nothing: its end


def _specs() -> list[DemoSpec]:
    pack = load_pack(paths.builtin_pack_dir(), demos_dir=paths.builtin_demos_dir())
    seen: dict[tuple[str, tuple[str, ...]], DemoSpec] = {}
    for q in pack.questions:
        seen.setdefault(
            (q.demo, q.args),
            DemoSpec(script=Path(pack.demos_dir) / q.demo, args=q.args, timeout=30),
        )
    return list(seen.values())


def run(quick: bool) -> list[Measure]:
    """Median reveal latency with and without prefetch over every built-in demo."""
    think = 0.5 if quick else 1.5
    specs = _specs()[:8] if quick else _specs()
    with_prefetch, without = [], []
    for spec in specs:
        process = start_demo(spec)  # the question is shown
        time.sleep(think)  # the learner reads and answers
        with_prefetch.append(_first_line_after(process, time.perf_counter()))
        process.wait()
        submitted = time.perf_counter()
        process = start_demo(spec)  # no prefetch: starts on submit
        without.append(_first_line_after(process, submitted))
        process.wait()
    ms = 1000
    return [
        Measure(
            "reveal.median",
            "reveal latency, median over demos",
            statistics.median(with_prefetch) * ms,
            statistics.median(without) * ms,
            "ms",
            f"{len(specs)} demos, {think:g} s to answer; max with prefetch "
            f"{max(with_prefetch) * ms:.1f} ms, without {max(without) * ms:.1f} ms",
        )
    ]
