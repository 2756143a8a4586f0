"""Predict questions: what does this program print? Typed, or picked among candidates."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from mpquiz.core.errors import AnswerError
from mpquiz.core.kinds.base import Kind, QuestionBase, common_fields
from mpquiz.core.outputs import MatchRule, matches, normalize

if TYPE_CHECKING:
    import random

    from mpquiz.core.proof import Judge, Proof
    from mpquiz.core.verdict import DiffLine, RunFacts, Verdict


@dataclass(frozen=True, kw_only=True)
class PredictQuestion(QuestionBase):
    """The learner predicts the demo's output; `expected` is the key under `match`."""

    kind: ClassVar[Kind] = Kind.PREDICT
    match: MatchRule = MatchRule.EXACT
    expected: str
    candidates: tuple[str, ...] = ()
    """Outputs to pick from (exactly one fits `expected`); empty: the learner types."""

    def parse(self, raw: str) -> str:
        """The predicted output (a candidate's number picks that candidate)."""
        text = raw.strip()
        if self.candidates and text.isdigit():
            index = int(text)
            if not 1 <= index <= len(self.candidates):
                raise AnswerError("answer.no_such_option", n=len(self.candidates))
            return self.candidates[index - 1]
        if not text:
            raise AnswerError("answer.empty")
        return raw.rstrip("\n")

    def key_text(self, lang: str) -> str:
        """The expected output."""
        return self.expected.strip("\n")

    @property
    def effective_proof(self) -> Proof | None:
        """The pack's proof, else the output itself fitting `expected` under `match`."""
        if self.proof is not None:
            return self.proof.proof
        from mpquiz.core.proof import OutputShown, Proof

        return Proof((OutputShown(),))

    def judge(self) -> Judge:
        """The output is judged by `expected` under `match` (`output = true`)."""
        from mpquiz.core.proof import Judge

        return Judge(fits=lambda out: matches(self.match, self.expected, out))

    def grade(self, answer: str, run: RunFacts | None, lang: str) -> Verdict:
        """Right when the prediction fits the key *or* this run's output (never graded wrong
        by a lucky or unlucky run); a line diff against the real output; what this run
        showed of the key beside."""
        from mpquiz.core.verdict import Note, Verdict  # at the first answer

        notes = [Note("verdict.output_varies")] if self.varies else []
        fits_key = matches(self.match, self.expected, answer)
        output = run.output if run is not None and run.ok else None
        literal = self.match is not MatchRule.PATTERN
        fits_run = output is not None and literal and matches(self.match, output, answer)
        reference = output if output is not None and literal else self.expected
        proof, marked = self.prove(run)
        return Verdict(
            fits_key or fits_run,
            self.key_text(lang),
            tuple(notes),
            tuple(_diff(normalize(answer), normalize(reference))),
            marked,
            proof=proof,
        )

    def shuffled(self, rng: random.Random) -> tuple[PredictQuestion, tuple[int, ...]]:
        """A copy with the candidates in a random order (answers are stored as text)."""
        candidates = list(self.candidates)
        rng.shuffle(candidates)
        return dataclasses.replace(self, candidates=tuple(candidates)), ()

    def answer_in_words(self, answer: str, lang: str) -> str:
        """The predicted output on one line."""
        return " ⏎ ".join(answer.splitlines()) if "\n" in answer else answer

    def to_dict(self) -> dict[str, Any]:
        """JSON-able data (see core.codec)."""
        return {
            "kind": self.kind.value,
            **self.common_dict(),
            "match": self.match.value,
            "expected": self.expected,
            "candidates": list(self.candidates),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> PredictQuestion:
        """The inverse of to_dict."""
        return cls(
            **common_fields(d),
            match=MatchRule(d.get("match", "exact")),
            expected=d.get("expected", ""),
            candidates=tuple(d.get("candidates", ())),
        )


def _diff(predicted: list[str], real: list[str]) -> list[DiffLine]:
    import difflib  # at the first answer

    from mpquiz.core.verdict import DiffLine

    out: list[DiffLine] = []
    matcher = difflib.SequenceMatcher(a=predicted, b=real, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.extend(DiffLine(" ", line) for line in predicted[i1:i2])
            continue
        out.extend(DiffLine("-", line) for line in predicted[i1:i2])
        out.extend(DiffLine("+", line) for line in real[j1:j2])
    return out
