"""The answer widget for each kind of question, and the message they all send."""

from __future__ import annotations

from textual.message import Message
from textual.widget import Widget

from mpquiz.core.model import Kind, Question


class Answered(Message):
    """The learner gave an answer, as typed (the session parses and checks it)."""

    def __init__(self, raw: str) -> None:
        super().__init__()
        self.raw = raw


def answer_widget(question: Question, lang: str) -> Widget:
    """The widget that takes an answer to `question` (imported lazily: keeps startup fast)."""
    if question.kind is Kind.CHOICE:
        from mpquiz.tui.widgets.choice_answer import ChoiceAnswer

        return ChoiceAnswer(question, lang)
    if question.kind is Kind.NUMERIC:
        from mpquiz.tui.widgets.number_answer import NumberAnswer

        return NumberAnswer(question, lang)
    if question.kind is Kind.PREDICT and question.candidates:
        from mpquiz.tui.widgets.candidate_answer import CandidateAnswer

        return CandidateAnswer(question, lang)
    from mpquiz.tui.widgets.text_answer import TextAnswer

    return TextAnswer(question, lang)


def is_text_entry(widget: Widget | None) -> bool:
    """Whether `widget` takes typed text (so letter keys type instead of acting)."""
    from textual.widgets import Input, TextArea

    return isinstance(widget, Input | TextArea)
