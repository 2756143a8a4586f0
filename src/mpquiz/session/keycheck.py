"""Prove a pack's answer keys by execution: run every demo and compare with every key."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import assert_never

from mpquiz.core.grading import RunFacts, grade
from mpquiz.core.model import (
    ChoiceQuestion,
    NumericQuestion,
    OpenQuestion,
    Pack,
    PredictQuestion,
    Question,
)
from mpquiz.core.outputs import matches
from mpquiz.runner import DemoSpec, RunResult, run_demo

VARYING_RUNS = 3
"""How many times a demo runs when one of its questions says its output varies."""


@dataclass(frozen=True)
class KeyProblem:
    """A key the real output contradicts, or a demo that did not run cleanly."""

    question: Question
    message: str
    run: int = 1

    def __str__(self) -> str:
        return f"{self.question.source}: question {self.question.qid}: {self.message}"


@dataclass(frozen=True)
class KeyReport:
    """Every problem found, and what was run."""

    problems: list[KeyProblem]
    runs: int
    questions: int


Progress = Callable[[str, int, int], None]
"""Called with (demo name, runs done, runs in all) after each run."""


def check_keys(
    pack: Pack, *, progress: Progress | None = None, runs_when_varying: int = VARYING_RUNS
) -> KeyReport:
    """Run each distinct (demo, args) of `pack` and check each question's key against it."""
    groups: dict[tuple[str, tuple[str, ...]], list[Question]] = {}
    for q in pack.questions:
        groups.setdefault((q.demo, q.args), []).append(q)
    plan = [
        (key, qs, runs_when_varying if any(q.varies for q in qs) else 1)
        for key, qs in groups.items()
    ]
    total = sum(n for _, _, n in plan)
    done = 0
    problems: list[KeyProblem] = []
    for (demo, args), questions, count in plan:
        timeout = max(q.timeout or pack.demo_timeout for q in questions)
        spec = DemoSpec(script=Path(pack.demos_dir) / demo, args=args, timeout=timeout)
        for attempt in range(1, count + 1):
            result = run_demo(spec)
            done += 1
            if progress is not None:
                progress(demo, done, total)
            for q in questions:
                problems.extend(KeyProblem(q, m, attempt) for m in key_problems(q, result))
    return KeyReport(problems, total, len(pack.questions))


def key_problems(question: Question, result: RunResult) -> list[str]:
    """What is wrong with `question`'s key given one finished run of its demo."""
    if not result.ok:
        return [
            f"demo {question.demo} did not finish cleanly: "
            f"{result.error or f'exit code {result.exit_code}'}"
        ]
    output = result.output
    found: list[str] = []
    if question.evidence and not any(
        re.search(question.evidence, line) for line in output.splitlines()
    ):
        found.append(f"evidence /{question.evidence}/ matches no line of the output")
    found.extend(_kind_problems(question, output))
    return found


def _kind_problems(question: Question, output: str) -> list[str]:
    """What the kind's own key says the output should show, and does not."""
    match question:
        case PredictQuestion() if not matches(question.match, question.expected, output):
            shown = "\n".join("    " + ln for ln in output.splitlines()[:20])
            return [
                f"the real output does not fit `expected` under match = "
                f"{question.match.value}; it printed:\n{shown}"
            ]
        case NumericQuestion() if question.evidence and (
            "value" in re.compile(question.evidence).groupindex
        ):
            verdict = grade(question, "0", RunFacts(output, ok=True), "en")
            if verdict.run_value is None:
                return ["the group (?P<value>...) of evidence captured no number"]
            if any(n.key == "verdict.run_contradicts" for n in verdict.notes):
                return [
                    f"this run measured {verdict.run_value:g}, outside the key "
                    f"{question.answer.describe()}"
                ]
            return []
        case ChoiceQuestion() | NumericQuestion() | PredictQuestion() | OpenQuestion():
            return []
        case _:
            assert_never(question)
