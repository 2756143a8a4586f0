"""The answer widget for each kind of question, and the message they all send."""

from __future__ import annotations

from typing import Protocol, assert_never

from textual.message import Message
from textual.widget import Widget

from mpquiz.core.model import (
    ChoiceQuestion,
    ExerciseQuestion,
    NumericQuestion,
    OpenQuestion,
    PredictQuestion,
    Question,
)


class Answered(Message):
    """The learner gave an answer, as typed (the session parses and checks it)."""

    def __init__(self, raw: str) -> None:
        super().__init__()
        self.raw = raw


class AnswerWidget(Protocol):
    """What every answer widget does besides taking the answer (it posts Answered)."""

    def freeze(self) -> None:
        """Keep the answer visible, take no more input."""

    def reveal(self) -> None:
        """Show what the key says in the widget itself (a choice marks the right options)."""


def answer_widget(question: Question, lang: str, starter: str | None = None) -> Widget:
    """The widget that takes an answer to `question`: the app's registry of kinds
    (each imported when first needed, which keeps the start fast)."""
    match question:
        case ChoiceQuestion():
            from mpquiz.tui.widgets.choice_answer import ChoiceAnswer

            return ChoiceAnswer(question, lang)
        case NumericQuestion():
            from mpquiz.tui.widgets.number_answer import NumberAnswer

            return NumberAnswer(question, lang)
        case PredictQuestion() if question.candidates:
            from mpquiz.tui.widgets.candidate_answer import CandidateAnswer

            return CandidateAnswer(question, lang)
        case PredictQuestion() | OpenQuestion():
            from mpquiz.tui.widgets.text_answer import TextAnswer

            return TextAnswer(question, lang, predict=isinstance(question, PredictQuestion))
        case ExerciseQuestion():
            from mpquiz.tui.widgets.program_answer import ProgramAnswer

            return ProgramAnswer(question, lang, starter or "")
        case _:
            assert_never(question)


def is_text_entry(widget: Widget | None) -> bool:
    """Whether `widget` takes typed text (so letter keys type instead of acting)."""
    from textual.widgets import Input, TextArea

    return isinstance(widget, Input | TextArea)
