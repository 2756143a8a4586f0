"""A loaded pack, and the names of the question model (see core.kinds), in one place."""

from __future__ import annotations

from dataclasses import dataclass, field

from mpquiz.core.kinds import (
    ChoiceQuestion,
    ExerciseQuestion,
    Kind,
    NumericKey,
    NumericQuestion,
    OpenQuestion,
    Option,
    PredictQuestion,
    Question,
)
from mpquiz.core.outputs import MatchRule
from mpquiz.core.text import Text

__all__ = [
    "ChoiceQuestion",
    "ExerciseQuestion",
    "Kind",
    "MatchRule",
    "NumericKey",
    "NumericQuestion",
    "OpenQuestion",
    "Option",
    "Pack",
    "PredictQuestion",
    "Question",
    "Text",
]


@dataclass(frozen=True)
class Pack:
    """A loaded pack: metadata, topics in study order, questions, and where it lives."""

    id: str
    version: str
    title: Text
    languages: tuple[str, ...]
    topics: dict[str, Text]
    questions: tuple[Question, ...]
    root: str = ""
    demos_dir: str = ""
    authors: tuple[str, ...] = ()
    license: str = ""
    demo_timeout: float = 10.0
    builtin: bool = False
    extra: dict[str, str] = field(default_factory=dict)
