"""Open questions: the learner writes an answer, compares it with a model and rates it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from mpquiz.core.kinds.base import Kind, QuestionBase, common_fields
from mpquiz.core.text import Text

if TYPE_CHECKING:
    import random

    from mpquiz.core.verdict import RunFacts, Verdict


@dataclass(frozen=True, kw_only=True)
class OpenQuestion(QuestionBase):
    """No automatic verdict: the model answer and key points are shown, then self-rating."""

    kind: ClassVar[Kind] = Kind.OPEN
    in_exams: ClassVar[bool] = False  # self-rated: nothing to grade against the clock
    model_answer: Text
    key_points: tuple[Text, ...] = ()

    def parse(self, raw: str) -> str:
        """The answer as written (an empty one is allowed: "I do not know")."""
        return raw.strip()

    def key_text(self, lang: str) -> str:
        """The model answer."""
        return self.model_answer.get(lang)

    def grade(self, answer: str, run: RunFacts | None, lang: str) -> Verdict:
        """No verdict (`correct` is None): the learner rates themselves, with what this run
        showed of the point beside."""
        from mpquiz.core.verdict import Verdict  # at the first answer

        proof, marked = self.prove(run)
        return Verdict(None, self.key_text(lang), evidence=marked, proof=proof)

    def shuffled(self, rng: random.Random) -> tuple[OpenQuestion, tuple[int, ...]]:
        """Nothing to shuffle."""
        return self, ()

    def answer_in_words(self, answer: str, lang: str) -> str:
        """The answer on one line."""
        return " ⏎ ".join(answer.splitlines()) if "\n" in answer else answer

    def to_dict(self) -> dict[str, Any]:
        """JSON-able data (see core.codec)."""
        return {
            "kind": self.kind.value,
            **self.common_dict(),
            "model_answer": self.model_answer.to_dict(),
            "key_points": [k.to_dict() for k in self.key_points],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> OpenQuestion:
        """The inverse of to_dict."""
        return cls(
            **common_fields(d),
            model_answer=Text(d.get("model_answer") or {}),
            key_points=tuple(Text(k) for k in d.get("key_points", ())),
        )
