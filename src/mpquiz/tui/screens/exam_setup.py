"""Setting up an exam: which topics, how many questions, how many minutes, weak first."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from mpquiz.core.errors import BadInput
from mpquiz.tui.screens.base import BaseScreen
from mpquiz.tui.widgets.check_list import CheckList
from mpquiz.tui.widgets.key_footer import KeyFooter
from mpquiz.tui.widgets.tick_box import TickBox
from mpquiz.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from mpquiz.session.dashboard import TopicProgress
    from mpquiz.session.exam import ExamSession, ExamSettings

MAX_QUESTIONS = 200
MAX_MINUTES = 600


class ExamSetupScreen(BaseScreen):
    """A form: topics ticked in a list, two numbers, a checkbox; Enter or ctrl+s starts."""

    HELP_KEY = "tui.help.exam_setup"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "start", "tui.key.start", priority=True),
        Binding("question_mark,f1", "help", "tui.key.help"),
        Binding("escape", "home", "tui.key.back"),
    ]

    def __init__(
        self,
        preset: ExamSettings | None,
        topics: list[TopicProgress],
        new_exam: Callable[[ExamSettings], ExamSession],
        seed: int | None = None,
    ) -> None:
        """`preset` fills the form (`mpquiz exam -n 20 --topic lock`), else the defaults;
        `topics` are those it may draw from; `new_exam` makes the exam once the form is
        filled; `seed` fixes every draw (tests, `mpquiz exam --seed`)."""
        super().__init__()
        self.preset = preset
        self.topics = topics
        self._new_exam = new_exam
        self.seed = seed

    def compose(self) -> ComposeResult:
        """The topic list on the left, the numbers and the start button on the right."""
        preset = self.preset
        topics = self.topics
        checks = CheckList(
            [
                (self.say("tui.exam.topic_line", title=t.title, n=t.questions), t.topic)
                for t in topics
            ],
            self.lang,
            ticked=preset.topics if preset else None,
            id="topics",
        )
        yield TitleBar(self.say("tui.exam.setup_title"))
        with Horizontal(id="exam-setup"):
            with Vertical(id="topics-box"):
                yield Label(self.say("tui.exam.topics"), classes="field-label")
                yield checks
            with Vertical(id="exam-fields"):
                yield Label(self.say("tui.exam.count"), classes="field-label")
                count = str(preset.count) if preset else "10"
                yield Input(count, id="count", restrict=r"[0-9]*", max_length=3)
                yield Label(self.say("tui.exam.minutes"), classes="field-label")
                minutes = f"{preset.minutes:g}" if preset else "10"
                yield Input(
                    minutes, id="minutes", restrict=r"[0-9.,]*", max_length=5, classes="steady"
                )
                yield TickBox(
                    self.say("tui.exam.weak_first"),
                    preset.weak_first if preset else False,
                    id="weak",
                )
                yield Button(self.say("tui.exam.start"), id="start", variant="primary")
                yield Static(id="exam-error")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        """Start in the topic list."""
        for field in self.query(Input).results(Input):
            field.cursor_blink = False
        self.query_one("#topics").focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in a number field starts the exam."""
        event.stop()
        self.action_start()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """The start button."""
        event.stop()
        self.action_start()

    def action_start(self) -> None:
        """Check the form, draw the questions and start the clock."""
        from mpquiz.session.exam import ExamSettings
        from mpquiz.tui.screens.exam import ExamScreen

        error = self.query_one("#exam-error", Static)
        chosen = self.query_one("#topics", CheckList).selected
        count = _number(self.query_one("#count", Input).value, MAX_QUESTIONS)
        minutes = _number(self.query_one("#minutes", Input).value, MAX_MINUTES)
        if not chosen:
            error.update(self.say("tui.exam.no_topics"))
            return
        if count is None or minutes is None:
            error.update(
                self.say("tui.exam.bad_numbers", questions=MAX_QUESTIONS, minutes=MAX_MINUTES)
            )
            return
        every = len(chosen) == len(self.query_one("#topics", CheckList).values)
        seed = self.preset.seed if self.preset else None
        settings = ExamSettings(
            count=int(count),
            minutes=minutes,
            topics=None if every else tuple(dict.fromkeys(chosen)),
            pack_id=self.preset.pack_id if self.preset else None,
            weak_first=self.query_one("#weak", TickBox).value,
            seed=seed if seed is not None else self.seed,
        )
        session = self._new_exam(settings)
        try:
            session.start()
        except BadInput:
            error.update(self.say("tui.exam.no_questions"))
            return
        self.app.switch_screen(ExamScreen(session))


def _number(raw: str, most: float) -> float | None:
    """A positive number up to `most` ("1,5" reads as 1.5), else None."""
    try:
        value = float(raw.replace(",", "."))
    except ValueError:
        return None
    return value if 0 < value <= most else None
