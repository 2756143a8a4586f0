"""The daily review: question, answer, the demo's real output, verdict, rating."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, ClassVar, cast

from rich.console import Group
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static
from textual.worker import Worker, WorkerCancelled, WorkerFailed

from mpquiz.core.errors import AnswerError
from mpquiz.i18n import reason
from mpquiz.render.markdown_text import pack_text
from mpquiz.session.phase import Phase
from mpquiz.tui.formatting import kind_name
from mpquiz.tui.reveal import Reveal
from mpquiz.tui.screens.base import BaseScreen
from mpquiz.tui.widgets.answers import Answered, AnswerWidget, answer_widget, is_text_entry
from mpquiz.tui.widgets.code_view import CodeView
from mpquiz.tui.widgets.key_footer import KeyFooter
from mpquiz.tui.widgets.status_line import StatusLine
from mpquiz.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from mpquiz.core.model import Question
    from mpquiz.core.scheduling import Rating
    from mpquiz.session.first_look import FirstLook
    from mpquiz.session.review import ReviewSession
    from mpquiz.session.review_state import Outcome
    from mpquiz.store.values import StoredQuestion
    from mpquiz.tui.app import ReviewScope
    from mpquiz.tui.exercise_checks import ExerciseChecks
    from mpquiz.tui.widgets.output_panel import OutputPanel
    from mpquiz.tui.widgets.program_answer import CheckRequested, GaveUp


__all__ = ["Phase", "ReviewScreen"]


class ReviewScreen(BaseScreen):
    """Drives a ReviewSession: show → answer → reveal (demo output, verdict) → rate."""

    CSS_PATH = None  # its rules are the app's (app.tcss), parsed before the first frame
    HELP_KEY = "tui.help.review"
    AUTO_FOCUS = ""  # each stage focuses its own widget (the answer first: see _paint)
    BINDINGS: ClassVar[list[BindingType]] = [
        # 1 Again, 2 Hard, 3 Good, 4 Easy (core.scheduling.Rating, not imported before the
        # first frame: see "Starting fast" in docs/ARCHITECTURE.md).
        *(Binding(str(n), f"rate({n})", "tui.key.rate", show=False) for n in range(1, 5)),
        Binding("enter", "rate_suggested", "tui.key.rate_suggested", show=False),
        Binding("r", "rerun", "tui.key.rerun"),
        Binding("u", "undo", "tui.key.undo"),
        Binding("f", "curve", "tui.key.curve"),
        Binding("question_mark,f1", "help", "tui.key.help"),
        Binding("escape", "leave", "tui.key.home"),
    ]

    def __init__(
        self,
        scope: ReviewScope,
        open_session: Callable[[], Awaitable[ReviewSession]],
        first_look: FirstLook | None = None,
    ) -> None:
        """`open_session` builds today's session (waiting for the database as needed);
        `first_look`, read before the database was open, is painted until it is."""
        super().__init__()
        self.scope = scope
        self._open = open_session
        self.session: ReviewSession | None = None
        self.item: StoredQuestion | None = None
        """The session's question on screen (None while the first look stands in for it)."""
        self.question: Question | None = None
        """The question on screen."""
        self._look = first_look  # what the app read before the session
        self._looked: int | None = None  # the id of the question a first look painted
        self._early: str | None = None  # an answer given before the session was ready
        self._held: list[str] | None = None  # keys pressed while a question is painted
        self._opening: Worker[None] | None = None
        self._painted = asyncio.Event()  # the first look is on screen
        self.runs = 1
        """How many times the demo ran for the question on screen (re-runs count)."""
        self._answering: Worker[None] | None = None
        self._checks: ExerciseChecks | None = None
        self._leave_armed = False
        self.after = Reveal(self, self.lang)

    @property
    def output(self) -> OutputPanel:
        """The demo's output panel."""
        return self.after.output

    @property
    def phase(self) -> Phase:
        """The session's phase; before the session takes over from the first look, ANSWER
        (or WAITING, once an early answer is given)."""
        if self.session is None or self._looked is not None or self._early is not None:
            return Phase.WAITING if self._early is not None else Phase.ANSWER
        return self.session.phase

    @property
    def outcome(self) -> Outcome | None:
        """The verdict of the answer on screen, once revealed."""
        return self.session.pending if self.session is not None else None

    def compose(self) -> ComposeResult:
        """Title; prompt, code and answer, scrolling; keys. What shows after an answer
        (verdict, output, why, ratings) is added once the question is on screen."""
        yield TitleBar(id="title")
        with VerticalScroll(id="body"):
            yield Static(id="prompt")
            yield CodeView(id="code")
            yield Vertical(id="answer-slot")
        yield StatusLine(id="status")
        yield KeyFooter(compact=True)

    async def on_mount(self) -> None:
        """Show the first question: at once if the app read it before opening the database
        (then the session takes over when loaded), else once today's queue is built."""
        look = self._look
        if look is not None:
            self._looked = look.question_id
            await self._paint(look.question, 1, look.total, look.topic_title, look.code)
            self.call_after_refresh(self._painted.set)  # the session loads after the frame
        else:
            self._painted.set()
        self._opening = self.run_worker(self._open_session(), group="session")

    async def _open_session(self) -> None:
        try:
            await self._painted.wait()
            await self._adopt(await self._open())
        finally:  # what shows after an answer, and the database, once the sitting holds
            # its question, not before (they would share one interpreter); nothing when
            # the learner quit meanwhile (the screen is being taken down)
            if self.is_mounted and not self._closing:
                self.query_one(CodeView).colour()
                self.run_worker(self.after.ready(), group="parts")
                self.mpq.load_backend()

    async def _adopt(self, session: ReviewSession) -> None:
        self.session = session
        if self._looked is None:
            await self._next()
            return
        item = session.show()  # the first look's question, adopted; its demo starts now
        if item is None or item.id != self._looked:  # never expected: it adopted the look
            self._early = None
            await self._next()
            self.tell(self.say("tui.review.queue_changed"))
            return
        self.item, self.question, self._looked = item, item.question, None
        self._fill_starter()
        if self._early is not None:
            raw, self._early = self._early, None
            session.submit(raw)  # checked already, by the first look
            self._start_reveal()

    def on_unmount(self) -> None:
        """Stop any demo still running for this screen."""
        self.after.stop()
        if self.session is not None:
            self.session.close()

    # Showing questions.

    async def _next(self) -> None:
        assert self.session is not None
        session = self.session
        self.item = item = session.show()
        if item is None:
            await self.query_one("#answer-slot").remove_children()
            await self._finish()
            return
        question = item.question
        await self._paint(
            question,
            session.place,
            session.total,
            session.topic_title(question),
            session.code,
            again=session.asked_again,
        )

    async def _paint(
        self,
        question: Question,
        n: int,
        total: int,
        topic: str,
        code: str | None,
        *,
        again: bool = False,
    ) -> None:
        """Put a question on screen, ready for its answer: drawn in one update once its
        answer widget has the focus. Keys pressed meanwhile (the app just started, the
        last rating was typed ahead) are held and then given to that widget, in order."""
        self.runs, self._leave_armed = 1, False
        self.question = question
        self._held = []
        with self.app.batch_update():
            self.after.show()
            slot = self.query_one("#answer-slot")
            await slot.remove_children()
            self.tell_clear()
            title = "tui.review.title_again" if again else "tui.review.title"
            self.query_one(TitleBar).set_text(
                self.say(title, n=n, total=total), f"{topic} · {kind_name(question, self.lang)}"
            )
            prompt = self.query_one("#prompt", Static)
            prompt.update(pack_text(question.prompt.get(self.lang)))
            prompt.display = True
            starter = self.session.starter if self.session is not None else None
            shown = None if starter is not None else code
            # Painting the first look: its colours wait until the sitting holds it.
            self.query_one(CodeView).show(shown, colour_later=self.session is None)
            widget = answer_widget(question, self.lang, starter)
            await slot.mount(widget)
            self.refresh_bindings()
            self.set_focus(widget, scroll_visible=False)  # now: the prompt and code first
            self.query_one("#body").scroll_home(animate=False)
        held, self._held = self._held, None
        for key in held:
            self.app.simulate_key(key)

    def on_key(self, event: events.Key) -> None:
        """A key no widget took while a question is being put on screen: held for its
        answer widget (see _paint)."""
        if self._held is not None:
            event.stop()
            event.prevent_default()
            self._held.append(event.key)

    def _fill_starter(self) -> None:
        """An exercise painted by the first look (before its pack's files were read) gets
        its starter now, unless the learner has typed already."""
        from mpquiz.tui.widgets.program_answer import ProgramAnswer

        starter = self.session.starter if self.session is not None else None
        for editor in self.query(ProgramAnswer):
            if starter and not editor.text.strip():
                editor.starter = starter
                editor.text = starter

    async def _finish(self) -> None:
        await self.after.ready()
        assert self.session is not None
        session = self.session
        self.query_one(TitleBar).set_text(self.say("tui.review.title_done"))
        self.query_one("#prompt").display = False
        self.query_one(CodeView).show(None)
        key = "tui.review.done" if session.answered else "review.nothing_due"
        summary = self.say("review.summary", answered=session.answered, correct=session.correct)
        keys = self.say("tui.review.done_keys" if session.can_undo else "tui.review.done_home")
        lines = [Text(self.say(key), style="bold"), Text(summary), Text("")]
        if session.coming_back:
            from mpquiz.tui.formatting import duration

            wait = session.coming_back[0] - session.clock.now()
            seconds = max(1, int(wait.total_seconds()))
            count = len(session.coming_back)
            lines += [Text(self.say("tui.review.coming_back", count=count, wait=duration(seconds)))]
        self.after.done.update(Group(*lines, Text(keys)))
        self.after.show("done")
        self.refresh_bindings()
        self.query_one("#body").focus()

    def _answer_widget(self) -> AnswerWidget:
        return cast("AnswerWidget", self.query_one("#answer-slot").children[0])

    # Answering and revealing.

    async def on_answered(self, message: Answered) -> None:
        """Hand the answer over; if it fits, stream the demo and wait for the verdict."""
        message.stop()
        if self.phase is not Phase.ANSWER or self.question is None:
            return
        await self.after.ready()
        try:
            if self.session is not None and self._looked is None:
                self.session.submit(message.raw)
            else:  # the session is still loading: the first look checks, the session takes it
                look = self._look
                assert look is not None
                look.check(message.raw)
                self._early = message.raw
        except AnswerError as exc:
            self.tell(self.say(exc.key, **exc.params), severity="error")
            return
        self._answer_widget().freeze()
        if self._checks is not None:
            self._checks.hide()
        self.refresh_bindings()
        self.after.show("output")
        if self._early is not None:  # it reveals once the session is ready
            self.output.show_waiting(self._demo_title())
            return
        self._start_reveal()

    # Exercises: checks on request, giving up (tui.exercise_checks).

    async def on_check_requested(self, message: CheckRequested) -> None:
        """ctrl+r in the editor: run the checks on the program, store nothing."""
        message.stop()
        if self.phase is not Phase.ANSWER or self.session is None or self._looked is not None:
            return
        await self.after.ready()
        self.checks.run(self.session, message.program)

    async def on_gave_up(self, message: GaveUp) -> None:
        """ctrl+g in the editor: give up; the solution and the diff follow."""
        message.stop()
        if self.phase is not Phase.ANSWER or self.session is None or self._looked is not None:
            return
        await self.after.ready()
        self.session.give_up(message.program)
        self._answer_widget().freeze()
        self.checks.hide()
        self.refresh_bindings()
        self._start_reveal()

    @property
    def checks(self) -> ExerciseChecks:
        """The exercise's checks run on request (made with the first exercise's)."""
        if self._checks is None:
            from mpquiz.tui.exercise_checks import ExerciseChecks

            self._checks = ExerciseChecks(self)
        return self._checks

    def _start_reveal(self) -> None:
        assert self.session is not None
        output = self.output
        if self.session.demo is not None:
            output.follow(self.session.demo, self._demo_title())
        elif self.session.starter is not None:  # an exercise: its checks run now
            output.show_waiting(self.say("tui.exercise.checking"))
        body = self.query_one("#body")
        self.call_after_refresh(body.scroll_to_widget, output, top=True, animate=False)
        self._answering = self.run_worker(self._reveal(), group="answer")

    def _demo_title(self) -> str:
        assert self.question is not None
        demo = self.session.demo_name if self.session is not None else None
        title = self.say("tui.demo.title", demo=demo or self.question.demo)
        return title if self.runs == 1 else self.say("tui.demo.title_run", title=title, n=self.runs)

    async def _reveal(self) -> None:
        assert self.session is not None and self.item is not None
        outcome = await self.session.outcome_async()
        question = self.item.question
        output = self.output
        ended = outcome.exercise
        if ended is not None and ended.gave_up:
            pass  # nothing ran: the verdict says so, and the output panel is hidden below
        elif outcome.run is None:
            output.show_blocked(self._demo_title(), reason(outcome.blocked, self.lang))
        else:
            output.show_result(outcome.run)
            output.mark_evidence(outcome.verdict.evidence)
            if ended is not None:
                output.border_title = self.say("tui.exercise.title")
        self._answer_widget().reveal()
        headline = self.after.fill(question, outcome)
        if ended is not None and ended.gave_up:
            output.stop()
            output.display = False
        self.refresh_bindings()
        body = self.query_one("#body")
        body.focus()
        # the verdict in words, then the output
        self.call_after_refresh(body.scroll_to_widget, headline, top=True, animate=False)
        if question.kind.value == "exercise":
            # The editor and its check results above change size as they freeze and
            # hide: scroll again once that layout has settled.
            self.set_timer(0.1, lambda: body.scroll_to_widget(headline, top=True, animate=False))

    # Keys.

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Each key only where it means something (hidden from the footer elsewhere)."""
        if action == "rate_suggested":  # Enter also brings back what comes back later
            coming = self.session is not None and bool(self.session.coming_back)
            return self.phase is Phase.REVEAL or (self.phase is Phase.DONE and coming)
        if action == "rate":
            return self.phase is Phase.REVEAL
        if action == "rerun":  # an exercise's program is checked, not re-run as a demo
            return (
                self.phase is Phase.REVEAL
                and self.outcome is not None
                and (self.outcome.run is not None)
                and self.outcome.exercise is None
            )
        if action == "undo":
            return (
                self.phase is not Phase.WAITING
                and self.session is not None
                and self.session.can_undo
            )
        return True

    async def action_rate(self, value: int) -> None:
        """Commit the answer with this rating and go on."""
        from mpquiz.core.scheduling import Rating

        await self._commit(Rating(value))

    async def action_rate_suggested(self) -> None:
        """Enter: the suggested rating (open questions have none: the learner picks); at
        the end, the questions answered Again, brought back before their step is due."""
        if self.phase is Phase.DONE and self.session is not None and self.session.coming_back:
            self.session.take_early()
            await self._next()
            return
        if self.outcome is None or self.outcome.suggested is None:
            self.tell(self.say("tui.rate.need_self"))
            return
        await self._commit(self.outcome.suggested)

    async def _commit(self, rating: Rating) -> None:
        if self.phase is not Phase.REVEAL or self.session is None:
            return
        await self.mpq.backend()  # a sitting begun on the first look writes once it is open
        self.session.rate(rating)
        self.output.stop()
        await self._next()

    def action_rerun(self) -> None:
        """Run the same demo again, marking the lines that differ from the last run."""
        if self.phase is not Phase.REVEAL or self.session is None or self.item is None:
            return
        demo, blocked = self.session.rerun()
        if demo is None:
            self.tell(reason(blocked, self.lang), severity="warning")
            return
        self.runs += 1
        output = self.output
        output.follow(demo, self._demo_title(), compare=True)
        self.query_one("#body").scroll_to_widget(output, top=True, animate=False)

    async def action_undo(self) -> None:
        """Take back the last rating; its question comes back now, the one on screen next."""
        if self.session is None or self.phase is Phase.WAITING:
            return
        await self.mpq.backend()
        if self.session.undo() is None:
            self.tell(self.say("tui.review.nothing_to_undo"))
            return
        self.output.stop()
        await self._next()
        self.tell(self.say("tui.review.undone"))

    async def action_curve(self) -> None:
        """The question's forgetting curve, over the review (session.forgetting)."""
        if self.item is None:
            return
        question = self.item.question
        await self.mpq.backend()
        self.app.push_screen(self.mpq.screens.curve(f"{question.pack_id}:{question.qid}"))

    async def action_leave(self) -> None:
        """Esc: leave a text field first; then home, keeping every answer given."""
        if is_text_entry(self.focused):
            self.set_focus(None)
            return
        unrated_open = (
            self.phase is Phase.REVEAL
            and self.outcome is not None
            and (self.outcome.suggested is None)
        )
        if unrated_open and not self._leave_armed:
            self._leave_armed = True
            self.tell(self.say("tui.review.rate_before_leaving"), severity="warning")
            return
        await self.keep_answers()
        self.mpq.go_home()

    async def keep_answers(self) -> None:
        """Commit an answer already given before leaving (the app calls this on quit too).

        A demo still running is stopped and the verdict comes from what it printed and the
        key; the suggested rating is applied. An open question needs the learner's own
        rating, so one left unrated is not stored (as in the plain review).
        """
        if self._early is not None and self._opening is not None:
            await self._opening.wait()  # answered before the session loaded: let it load
        if self.phase is Phase.WAITING and self._answering is not None:
            if self.session is not None and self.session.demo is not None:
                self.session.demo.cancel()
            try:
                await self._answering.wait()
            except (WorkerCancelled, WorkerFailed):
                return
        if self.session is not None:
            await self.mpq.backend()
            self.session.keep()
        self.output.stop()
