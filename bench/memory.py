"""Peak memory of a review session, in a fresh process, against a bare interpreter.

A review on any day after the first: one process makes the database and syncs the
built-in pack (the first day, whose peak is reported beside), then the measured one opens
it as the command line does (`Services.open`: the look at the file, the daily backup, the
quick check, the built-in pack's fingerprint against the stored one), builds the day's
queue with a high new-card limit and answers every question but the exercises (demos
stubbed out, so this is mpquiz's own memory, not the demos'). Reported: the child's peak
resident set (VmHWM) beside that of `python -c pass` measured in the same run, and
tracemalloc's peak of Python allocations during the session, from a second run of the same
child: tracing every allocation costs memory of its own (about 5 MiB here), so the
resident set is measured without it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

from bench.common import Measure, compile_mpquiz

PEAK = textwrap.dedent(
    """
    def peak_rss_kib():
        # VmHWM belongs to this program's memory; ru_maxrss on Linux carries over the
        # high-water mark of the process that forked it (here, the bench runner).
        try:
            with open("/proc/self/status") as status:
                for line in status:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1])
        except OSError:
            pass
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    """
)
SESSION = PEAK + textwrap.dedent(
    """
    import json, resource, sys, tracemalloc
    from datetime import UTC, datetime, timedelta
    from mpquiz.core.model import Kind
    from mpquiz.core.scheduling import Rating
    from mpquiz.runner.result import OutputLine, RunResult
    from mpquiz.services import Services
    from mpquiz.session.clock import Clock
    from mpquiz.session.demos import DemoLauncher
    from mpquiz.session.queue import build_queue
    from mpquiz.session.review import ReviewSession

    class Done:
        def __init__(self, spec):
            self.spec = spec
        def wait(self):
            line = OutputLine(0.0, "exitcode: 3")
            return RunResult(self.spec.script.name, self.spec.args, 0, 0.0, False, False,
                             False, (line,))
        def cancel(self):
            pass

    ANSWERS = {"choice": "1", "numeric": "3", "predict": "x", "open": "because"}
    url, questions, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    if mode == "traced":
        tracemalloc.start()
    now = [datetime(2026, 3, 2, 9, tzinfo=UTC)]
    clock = Clock(now=lambda: now[0], zone=UTC)
    services = Services(db_url=url, lang_option="en", learner="bench", clock=clock)
    store = services.open()
    answered = 0
    if mode != "first-day":
        items = build_queue(store, services.learner_id, now[0], clock.day_start(), questions)
        items = [i for i in items if i.question.kind.value in ANSWERS]  # not the exercises
        launcher = DemoLauncher(services.places, services.trust, start=Done)
        session = ReviewSession(store, services.scheduler, services.learner_id, launcher,
                                items, clock=clock, packs={p.id: p for p in store.packs()})
        while (item := session.show()) is not None and answered < questions:
            session.answer(ANSWERS[item.question.kind.value])
            now[0] += timedelta(seconds=30)
            session.rate(Rating.Good if item.question.kind is Kind.OPEN else None)
            answered += 1
    services.close()
    peak = tracemalloc.get_traced_memory()[1]
    print(json.dumps({"maxrss_kib": peak_rss_kib(), "traced_peak": peak,
                      "answered": answered}))
    """
)
BARE = "import json, resource\n" + PEAK + "print(json.dumps(peak_rss_kib()))\n"


def _session(url: str, questions: int, mode: str, env: dict[str, str]) -> dict[str, int]:
    done = subprocess.run(
        [sys.executable, "-c", SESSION, url, str(questions), mode],
        capture_output=True,
        text=True,
        env=env,
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip().splitlines()[-1])
    result: dict[str, int] = json.loads(done.stdout)
    return result


def run(quick: bool) -> list[Measure]:
    """Peak RSS of a day's review of every built-in question, against a bare python."""
    questions = 30 if quick else 100
    compile_mpquiz()  # as installed: the processes measured do not compile mpquiz
    with tempfile.TemporaryDirectory(prefix="mpquiz-bench-") as tmp:
        env = {**os.environ, "MPQUIZ_HOME": str(Path(tmp) / "home"), "MPQUIZ_LANG": "en"}
        # one database for each measured run, so each answers the same first day's queue
        untraced, tracing = (f"sqlite:///{Path(tmp) / name}" for name in ("a.db", "b.db"))
        first = _session(untraced, questions, "first-day", env)
        _session(tracing, questions, "first-day", env)
        child = _session(untraced, questions, "untraced", env)
        traced = _session(tracing, questions, "traced", env)
    bare = json.loads(subprocess.run([sys.executable, "-c", BARE], capture_output=True).stdout)
    mib = 1024
    return [
        Measure(
            "session.peak_rss",
            "review session peak memory (RSS)",
            child["maxrss_kib"] / mib,
            bare / mib,
            "MiB",
            f"a day after the first: {child['answered']} questions answered; the first"
            f" day (database made, built-in pack synced, nothing answered) peaks at"
            f" {first['maxrss_kib'] / mib:.1f} MiB; tracemalloc peak during the session"
            f" {traced['traced_peak'] / 2**20:.1f} MiB (a second run, traced);"
            " baseline: `python -c` doing nothing",
        )
    ]
