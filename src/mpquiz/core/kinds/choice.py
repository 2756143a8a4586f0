"""Choice questions: pick the right option(s) among two to eight."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from mpquiz.core.errors import AnswerError
from mpquiz.core.kinds.base import Kind, QuestionBase, common_fields, shuffled_order
from mpquiz.core.text import Text, text_or_none

if TYPE_CHECKING:
    import random

    from mpquiz.core.verdict import RunFacts, Verdict


@dataclass(frozen=True)
class Option:
    """One option of a choice question."""

    text: Text
    correct: bool = False
    feedback: Text | None = None
    """Why a wrong option is wrong, shown when it is picked."""


@dataclass(frozen=True, kw_only=True)
class ChoiceQuestion(QuestionBase):
    """The learner must pick exactly the correct options."""

    kind: ClassVar[Kind] = Kind.CHOICE
    options: tuple[Option, ...] = ()

    @property
    def correct_options(self) -> frozenset[int]:
        """Indexes (0-based) of the correct options."""
        return frozenset(i for i, o in enumerate(self.options) if o.correct)

    def parse(self, raw: str) -> str:
        """The picked option numbers, sorted: "1,3" (AnswerError when they do not fit)."""
        tokens = [t for t in re.split(r"[\s,;]+", raw.strip()) if t]
        if not tokens:
            raise AnswerError("answer.empty")
        count = len(self.options)
        picked = set()
        for token in tokens:
            if token.isdigit() and 1 <= int(token) <= count:
                picked.add(int(token))
            elif len(token) == 1 and token.isalpha() and 1 <= ord(token.lower()) - 96 <= count:
                picked.add(ord(token.lower()) - 96)
            else:
                raise AnswerError("answer.no_such_option", n=count)
        return ",".join(str(i) for i in sorted(picked))

    def key_text(self, lang: str) -> str:
        """The correct options, numbered, in words."""
        return ", ".join(
            f"{i + 1}. {self.options[i].text.get(lang)}" for i in sorted(self.correct_options)
        )

    def grade(self, answer: str, run: RunFacts | None, lang: str) -> Verdict:
        """Right when the picked set is the correct set; each wrong pick's feedback shown;
        what this run showed of the key beside it (core.proof)."""
        from mpquiz.core.verdict import Verdict  # at the first answer

        picked = {int(i) - 1 for i in answer.split(",") if i}
        feedback = tuple(
            feedback
            for i in sorted(picked - self.correct_options)
            if (feedback := self.options[i].feedback) is not None
        )
        proof, marked = self.prove(run)
        return Verdict(
            picked == self.correct_options,
            self.key_text(lang),
            evidence=marked,
            feedback=feedback,
            proof=proof,
        )

    def shuffled(self, rng: random.Random) -> tuple[ChoiceQuestion, tuple[int, ...]]:
        """A copy with the options in a random order, and that order (shown -> pack)."""
        order = shuffled_order(len(self.options), rng)
        copy = dataclasses.replace(self, options=tuple(self.options[i] for i in order))
        return copy, tuple(order)

    def stored_answer(self, answer: str, order: tuple[int, ...]) -> str:
        """Option numbers as shown, written in the pack's numbering."""
        if not order or not answer:
            return answer
        return ",".join(str(i) for i in sorted(order[int(i) - 1] + 1 for i in answer.split(",")))

    def answer_in_words(self, answer: str, lang: str) -> str:
        """A stored answer with each option's text: "2. Threads share memory"."""
        parts = [
            f"{token}. {self.options[int(token) - 1].text.get(lang)}"
            for token in answer.split(",")
            if token.isdigit() and 1 <= int(token) <= len(self.options)
        ]
        return " + ".join(parts) or answer

    def to_dict(self) -> dict[str, Any]:
        """JSON-able data (see core.codec)."""
        return {
            "kind": self.kind.value,
            **self.common_dict(),
            "options": [
                {
                    "text": o.text.to_dict(),
                    "correct": o.correct,
                    "feedback": o.feedback.to_dict() if o.feedback else None,
                }
                for o in self.options
            ],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ChoiceQuestion:
        """The inverse of to_dict."""
        return cls(
            **common_fields(d),
            options=tuple(
                Option(Text(o["text"]), o.get("correct", False), text_or_none(o.get("feedback")))
                for o in d.get("options", ())
            ),
        )
