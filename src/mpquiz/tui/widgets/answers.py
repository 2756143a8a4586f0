"""The answer widget for each kind of question, and the message they all send."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, assert_never, cast

from textual.message import Message
from textual.widget import Widget

from mpquiz.core.kinds import Kind

if TYPE_CHECKING:
    from mpquiz.core.kinds import (
        ChoiceQuestion,
        ExerciseQuestion,
        NumericQuestion,
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
    # By the kind's name, not its type: matching on types would import every kind.
    kind = question.kind
    match kind:
        case Kind.CHOICE:
            from mpquiz.tui.widgets.choice_answer import ChoiceAnswer

            return ChoiceAnswer(cast("ChoiceQuestion", question), lang)
        case Kind.NUMERIC:
            from mpquiz.tui.widgets.number_answer import NumberAnswer

            return NumberAnswer(cast("NumericQuestion", question), lang)
        case Kind.PREDICT if cast("PredictQuestion", question).candidates:
            from mpquiz.tui.widgets.candidate_answer import CandidateAnswer

            return CandidateAnswer(cast("PredictQuestion", question), lang)
        case Kind.PREDICT | Kind.OPEN:
            from mpquiz.tui.widgets.text_answer import TextAnswer

            return TextAnswer(question, lang, predict=kind is Kind.PREDICT)
        case Kind.EXERCISE:
            from mpquiz.tui.widgets.program_answer import ProgramAnswer

            return ProgramAnswer(cast("ExerciseQuestion", question), lang, starter or "")
        case _:
            assert_never(kind)


def is_text_entry(widget: Widget | None) -> bool:
    """Whether `widget` takes typed text (so letter keys type instead of acting)."""
    from textual.widgets import Input, TextArea

    return isinstance(widget, Input | TextArea)
