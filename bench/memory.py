"""Peak memory of a review session, in a fresh process, against a bare interpreter.

The child opens a new database, syncs the built-in pack, builds the day's queue with a
high new-card limit and answers every question (demos stubbed out, so this is mpquiz's
own memory, not the demos'). Reported: the child's peak resident set (VmHWM) beside that
of `python -c pass` measured in the same run, and tracemalloc's peak of Python allocations
during the session itself, from a second run of the same child: tracing every allocation
costs memory of its own (about 5 MiB here), so the resident set is measured without it.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from bench.common import Measure

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
    import json, resource, sys, tempfile, tracemalloc
    from datetime import UTC, datetime, timedelta
    from mpquiz import paths
    from mpquiz.core.scheduling import Scheduler
    from mpquiz.packs.loader import load_pack
    from mpquiz.runner.result import OutputLine, RunResult
    from mpquiz.session.clock import Clock
    from mpquiz.packs.places import PackPlaces
    from mpquiz.session.demos import DemoLauncher
    from mpquiz.session.queue import build_queue
    from mpquiz.core.model import Kind
    from mpquiz.session.review import ReviewSession
    from mpquiz.core.scheduling import Rating
    from mpquiz.store.engine import open_engine
    from mpquiz.store.repository import Store

    class Done:
        def __init__(self, spec):
            self.spec = spec
        def wait(self):
            line = OutputLine(0.0, "exitcode: 3")
            return RunResult(self.spec.script.name, self.spec.args, 0, 0.0, False, False,
                             False, (line,))
        def cancel(self):
            pass

    class BuiltinOnly:  # the built-in pack needs no trust
        def trusted(self, pack_id):
            return None
        def was_trusted(self, pack_id):
            return False

    ANSWERS = {"choice": "1", "numeric": "3", "predict": "x", "open": "because"}
    if sys.argv[2] == "traced":
        tracemalloc.start()
    now = [datetime(2026, 3, 2, 9, tzinfo=UTC)]
    clock = Clock(now=lambda: now[0], zone=UTC)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(open_engine(f"sqlite:///{tmp}/m.db"))
        pack = load_pack(paths.builtin_pack_dir(), demos_dir=paths.builtin_demos_dir(),
                         builtin=True)
        store.sync_pack(pack, now[0])
        learner = store.learner_id("bench", now[0])
        items = build_queue(store, learner, now[0], clock.day_start(), int(sys.argv[1]))
        items = [i for i in items if i.question.kind.value in ANSWERS]  # not the exercises
        launcher = DemoLauncher(PackPlaces.here(), BuiltinOnly(), start=Done)
        session = ReviewSession(store, Scheduler(), learner, launcher, items, clock=clock)
        answered = 0
        while (item := session.show()) is not None and answered < int(sys.argv[1]):
            session.answer(ANSWERS[item.question.kind.value])
            now[0] += timedelta(seconds=30)
            session.rate(Rating.Good if item.question.kind is Kind.OPEN else None)
            answered += 1
        store.close()
    peak = tracemalloc.get_traced_memory()[1]
    print(json.dumps({"maxrss_kib": peak_rss_kib(), "traced_peak": peak,
                      "answered": answered}))
    """
)
BARE = "import json, resource\n" + PEAK + "print(json.dumps(peak_rss_kib()))\n"


def _session(questions: int, tracing: str) -> dict[str, int]:
    done = subprocess.run(
        [sys.executable, "-c", SESSION, str(questions), tracing], capture_output=True, text=True
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip().splitlines()[-1])
    result: dict[str, int] = json.loads(done.stdout)
    return result


def run(quick: bool) -> list[Measure]:
    """Peak RSS of a session that answers every built-in question, against a bare python."""
    questions = 30 if quick else 100
    child = _session(questions, "untraced")
    child["traced_peak"] = _session(questions, "traced")["traced_peak"]
    bare = json.loads(subprocess.run([sys.executable, "-c", BARE], capture_output=True).stdout)
    mib = 1024
    return [
        Measure(
            "session.peak_rss",
            "review session peak memory (RSS)",
            child["maxrss_kib"] / mib,
            bare / mib,
            "MiB",
            f"{child['answered']} questions answered; tracemalloc peak during the session"
            f" {child['traced_peak'] / 2**20:.1f} MiB (a second run, traced);"
            " baseline: `python -c` doing nothing",
        )
    ]
