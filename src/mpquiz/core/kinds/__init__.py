"""The kinds of question, one module each: its fields, how an answer is parsed and
graded, its key in words, and its shuffling. `Question` is their union; code that must
treat kinds differently does it with a `match` ending in `assert_never`, so that the type
checker lists every place a new kind has to be handled."""

from __future__ import annotations

from typing import TypeAlias

from mpquiz.core.kinds.base import Kind, QuestionBase
from mpquiz.core.kinds.choice import ChoiceQuestion, Option
from mpquiz.core.kinds.exercise import ExerciseQuestion
from mpquiz.core.kinds.numeric import NumericKey, NumericQuestion
from mpquiz.core.kinds.open import OpenQuestion
from mpquiz.core.kinds.predict import PredictQuestion

Question: TypeAlias = (
    ChoiceQuestion | NumericQuestion | PredictQuestion | OpenQuestion | ExerciseQuestion
)
"""Any question."""

KINDS: dict[Kind, type[Question]] = {
    Kind.CHOICE: ChoiceQuestion,
    Kind.NUMERIC: NumericQuestion,
    Kind.PREDICT: PredictQuestion,
    Kind.OPEN: OpenQuestion,
    Kind.EXERCISE: ExerciseQuestion,
}
"""Each kind's type, by its name in packs and in stored data."""

__all__ = [
    "KINDS",
    "ChoiceQuestion",
    "ExerciseQuestion",
    "Kind",
    "NumericKey",
    "NumericQuestion",
    "OpenQuestion",
    "Option",
    "PredictQuestion",
    "Question",
    "QuestionBase",
]
