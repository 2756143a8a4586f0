"""The kinds of question, one module each: its fields, how an answer is parsed and
graded, its key in words, and its shuffling. `Question` is their union; code that must
treat kinds differently does it with a `match` ending in `assert_never`, so that the type
checker lists every place a new kind has to be handled.

A kind's module is imported when first named here (`from mpquiz.core.kinds import
ChoiceQuestion`, or kind_type): the app's first frame decodes one question and loads
only its kind (see "Starting fast" in docs/ARCHITECTURE.md).
"""

from __future__ import annotations

import functools
import importlib
import operator
from typing import TYPE_CHECKING, Any

from mpquiz.core.kinds.base import Kind, QuestionBase

if TYPE_CHECKING:
    from typing import TypeAlias

    from mpquiz.core.kinds.choice import ChoiceQuestion, Option
    from mpquiz.core.kinds.exercise import ExerciseQuestion
    from mpquiz.core.kinds.numeric import NumericKey, NumericQuestion
    from mpquiz.core.kinds.open import OpenQuestion
    from mpquiz.core.kinds.predict import PredictQuestion

    Question: TypeAlias = (
        ChoiceQuestion | NumericQuestion | PredictQuestion | OpenQuestion | ExerciseQuestion
    )
    """Any question."""

    KINDS: dict[Kind, type[Question]]
    """Each kind's type, by its name in packs and in stored data."""

_TYPES: dict[Kind, tuple[str, str]] = {
    Kind.CHOICE: ("choice", "ChoiceQuestion"),
    Kind.NUMERIC: ("numeric", "NumericQuestion"),
    Kind.PREDICT: ("predict", "PredictQuestion"),
    Kind.OPEN: ("open", "OpenQuestion"),
    Kind.EXERCISE: ("exercise", "ExerciseQuestion"),
}
"""Each kind's module in this package, and its type there."""

_HELPERS = {"Option": "choice", "NumericKey": "numeric"}


def kind_type(kind: Kind) -> type[Question]:
    """The type of `kind`'s questions (its module imported on first use)."""
    module, name = _TYPES[kind]
    found: type[Question] = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    return found


def __getattr__(name: str) -> Any:
    """A kind's type or helper, `Question` (the union) or `KINDS`, imported when named."""
    value: Any
    if name == "KINDS":
        value = {kind: kind_type(kind) for kind in _TYPES}
    elif name == "Question":
        value = functools.reduce(operator.or_, (kind_type(kind) for kind in _TYPES))
    else:
        module = _HELPERS.get(name) or next(
            (module for module, type_name in _TYPES.values() if type_name == name), None
        )
        if module is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


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
    "kind_type",
]
