"""Numeric questions: type a number (a value with a tolerance, or a range)."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from mpquiz.core.errors import AnswerError
from mpquiz.core.kinds.base import Kind, QuestionBase, common_fields
from mpquiz.core.text import Text, text_or_none

if TYPE_CHECKING:
    import random

    from mpquiz.core.proof import Judge, Proof
    from mpquiz.core.verdict import RunFacts, Verdict


@dataclass(frozen=True)
class NumericKey:
    """The key of a numeric question: a value with a tolerance, or a range."""

    value: float | None = None
    tolerance: float = 0.0
    min: float | None = None
    max: float | None = None

    def accepts(self, number: float) -> bool:
        """Whether `number` satisfies the key."""
        if self.value is not None:
            return abs(number - self.value) <= self.tolerance + 1e-9
        if self.min is not None and number < self.min:
            return False
        return not (self.max is not None and number > self.max)

    def describe(self) -> str:
        """The key written for people: "4", "0.5 ± 0.05", "1 … 3", "≤ 99"."""
        if self.value is not None:
            shown = _num(self.value)
            return f"{shown} ± {_num(self.tolerance)}" if self.tolerance else shown
        if self.min is not None and self.max is not None:
            return f"{_num(self.min)} … {_num(self.max)}"
        if self.min is not None:
            return f"≥ {_num(self.min)}"
        return f"≤ {_num(self.max or 0)}"


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


@dataclass(frozen=True, kw_only=True)
class NumericQuestion(QuestionBase):
    """The learner types a number; `evidence` with a group `value` measures this run's."""

    kind: ClassVar[Kind] = Kind.NUMERIC
    answer: NumericKey
    unit: Text | None = None

    def parse(self, raw: str) -> str:
        """The number typed, normalised ("3", "0.25"); AnswerError when it is none."""
        text = raw.strip()
        try:
            number = float(text.replace(",", ".").replace("_", ""))
        except ValueError:
            raise AnswerError("answer.not_a_number") from None
        if not math.isfinite(number):
            raise AnswerError("answer.not_a_number")
        from mpquiz.core.verdict import format_number

        return format_number(number)

    def key_text(self, lang: str) -> str:
        """The key, with its unit."""
        unit = f" {self.unit.get(lang)}" if self.unit else ""
        return self.answer.describe() + unit

    @property
    def effective_proof(self) -> Proof | None:
        """The pack's proof, else the value that `evidence`'s group `value` measures,
        which the key must accept."""
        if self.proof is not None:
            return self.proof.proof
        if self.evidence and "(?P<value>" in self.evidence:
            from mpquiz.core.proof import Proof, ValueShown

            return Proof((ValueShown(self.evidence, "key"),))
        return None

    def judge(self) -> Judge:
        """A measured value is judged by the key (`is = "key"`)."""
        from mpquiz.core.proof import Judge

        return Judge(accepts=self.answer.accepts)

    def grade(self, answer: str, run: RunFacts | None, lang: str) -> Verdict:
        """Right by the key; what this run showed of it beside (a run whose measured value
        the key does not accept is reported, never held against the learner)."""
        from mpquiz.core.verdict import Verdict  # at the first answer

        run_value = measured_value(self.evidence, run.output) if run is not None else None
        proof, marked = self.prove(run)
        return Verdict(
            self.answer.accepts(float(answer)),
            self.key_text(lang),
            evidence=marked,
            run_value=run_value,
            proof=proof,
        )

    def shuffled(self, rng: random.Random) -> tuple[NumericQuestion, tuple[int, ...]]:
        """Nothing to shuffle."""
        return self, ()

    def answer_in_words(self, answer: str, lang: str) -> str:
        """The number as stored."""
        return answer

    def to_dict(self) -> dict[str, Any]:
        """JSON-able data (see core.codec)."""
        key = self.answer
        return {
            "kind": self.kind.value,
            **self.common_dict(),
            "answer": {
                "value": key.value,
                "tolerance": key.tolerance,
                "min": key.min,
                "max": key.max,
            },
            "unit": self.unit.to_dict() if self.unit else None,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> NumericQuestion:
        """The inverse of to_dict."""
        return cls(
            **common_fields(d),
            answer=NumericKey(**(d.get("answer") or {})),
            unit=text_or_none(d.get("unit")),
        )


def measured_value(evidence: str | None, output: str) -> float | None:
    """This run's value: the group named `value` of `evidence`, on the first line it fits.

    Only a regex with that group measures anything ("lost updates: (?P<value>\\d+)");
    otherwise `evidence` merely highlights lines.
    """
    if not evidence:
        return None
    pattern = re.compile(evidence)
    if "value" not in pattern.groupindex:
        return None
    for line in output.splitlines():
        found = pattern.search(line)
        if found and found.group("value") is not None:
            try:
                return float(found.group("value").replace(",", "."))
            except ValueError:
                return None
    return None
