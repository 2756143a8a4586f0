"""How the plain modes ask for an answer to each kind of question (the plain registry)."""

from __future__ import annotations

from typing import assert_never

from mpquiz.cli.line_reader import LineReader
from mpquiz.core.model import (
    ChoiceQuestion,
    ExerciseQuestion,
    NumericQuestion,
    OpenQuestion,
    PredictQuestion,
    Question,
)
from mpquiz.i18n import t


def ask_answer(question: Question, reader: LineReader, lang: str) -> str:
    """Prompt for an answer to `question` and read it as typed (the session parses it).

    Raises:
        EndOfInput: the input ended, or the learner typed :q.
    """
    match question:
        case ChoiceQuestion():
            return reader.line(t("ask.choice", lang, n=len(question.options)))
        case NumericQuestion():
            return reader.line(t("ask.numeric", lang))
        case PredictQuestion() if question.candidates:
            return reader.line(t("ask.candidate", lang, n=len(question.candidates)))
        case PredictQuestion():
            return reader.block(t("ask.predict", lang))
        case OpenQuestion():
            return reader.block(t("ask.open", lang))
        case ExerciseQuestion():
            return reader.program(t("ask.program", lang))
        case _:
            assert_never(question)
