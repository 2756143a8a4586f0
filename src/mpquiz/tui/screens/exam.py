"""The exam: one question after another against the clock, no feedback until the end."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from mpquiz.core.errors import AnswerError
from mpquiz.render.markdown_text import pack_text
from mpquiz.tui.formatting import clock_text, kind_name
from mpquiz.tui.screens.base import BaseScreen
from mpquiz.tui.widgets.answers import Answered, answer_widget
from mpquiz.tui.widgets.code_view import CodeView
from mpquiz.tui.widgets.key_footer import KeyFooter
from mpquiz.tui.widgets.status_line import StatusLine
from mpquiz.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from mpquiz.session.exam import ExamSession

TICK = 0.25
"""Seconds between looks at the clock: the countdown and the end of time."""


class ExamScreen(BaseScreen):
    """Drives an ExamSession; ends by itself when the time is up or every question is seen."""

    HELP_KEY = "tui.help.exam"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "skip", "tui.key.skip", priority=True),
        Binding("question_mark,f1", "help", "tui.key.help"),
        Binding("escape", "finish", "tui.key.finish"),
    ]

    def __init__(self, session: ExamSession) -> None:
        super().__init__()
        self.session = session
        self.ended = False

    def compose(self) -> ComposeResult:
        """Title with the countdown, the prompt, the code and the answer widget."""
        yield TitleBar(id="title")
        with VerticalScroll(id="body"):
            yield Static(id="prompt")
            yield CodeView(id="code")
            yield Vertical(id="answer-slot")
        yield StatusLine(id="status")
        yield KeyFooter(compact=True)

    async def on_mount(self) -> None:
        """Show the first question and start watching the clock."""
        await self._next()
        self.set_interval(TICK, self._tick)

    def _title(self) -> None:
        session = self.session
        item = session.current
        left = self.say("tui.exam.title", n=session.index + 1, total=len(session.questions))
        right = self.say("tui.exam.left", clock=clock_text(session.time_left()))
        if item is not None:
            right = f"{session.topic_title(item.question)} · {right}"
        self.query_one(TitleBar).set_text(left, right)

    async def _tick(self) -> None:
        if self.ended:
            return
        if self.session.expired:
            # a toast: the results screen that follows shows it
            self.notify(self.say("tui.exam.time_up"), severity="warning")
            self._end()
            return
        self._title()

    async def _next(self) -> None:
        item = self.session.current
        if item is None:
            self._end()
            return
        question = item.question
        self.tell_clear()
        self._title()
        self.query_one("#prompt", Static).update(
            Text.assemble(
                pack_text(question.prompt.get(self.lang), "bold"),
                (f"  ({kind_name(question, self.lang)})", "dim"),
            )
        )
        self.query_one(CodeView).show(self.session.code)
        slot = self.query_one("#answer-slot")
        await slot.remove_children()
        widget = answer_widget(question, self.lang)
        await slot.mount(widget)
        widget.focus(scroll_visible=False)  # the prompt and code first; keys scroll on
        self.query_one("#body").scroll_home(animate=False)

    async def on_answered(self, message: Answered) -> None:
        """Record the answer (no verdict yet) and move on."""
        message.stop()
        if self.ended:
            return
        from mpquiz.session.exam import ExamOver  # loaded by then: the session is one

        try:
            self.session.answer(message.raw)
        except AnswerError as exc:
            self.tell(self.say(exc.key, **exc.params), severity="error")
            return
        except ExamOver:  # time ran out while the learner was typing
            self._end()
            return
        await self._next()

    async def action_skip(self) -> None:
        """Leave this question unanswered (it counts as missed)."""
        if not self.ended:
            self.session.skip()
            await self._next()

    def action_finish(self) -> None:
        """Esc: finish now, after a confirmation."""
        from mpquiz.tui.screens.confirm import ConfirmScreen

        unanswered = len(self.session.questions) - len(self.session.answers)

        def done(confirmed: bool | None) -> None:
            if confirmed:
                self._end()

        self.app.push_screen(ConfirmScreen(self.say("tui.exam.finish_confirm", n=unanswered)), done)

    def _end(self) -> None:
        from mpquiz.tui.screens.exam_result import ExamResultScreen

        if self.ended:
            return
        self.ended = True
        result = self.session.finish()
        while self.app.screen is not self:  # a dialog open when the time ran out
            self.app.pop_screen()
        self.app.switch_screen(ExamResultScreen(self.session, result))

    async def keep_answers(self) -> None:
        """Quitting the app mid-exam: every answer is stored already; store the score too."""
        if not self.ended:
            self.ended = True
            self.session.finish()
