"""The state a review sitting keeps: the question on screen, what the learner sees after
answering, the reviews committed (for undo), and what the store keeps of a run."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Protocol

from mpquiz.core.grading import Verdict
from mpquiz.core.refusal import Refusal
from mpquiz.core.scheduling import Rating
from mpquiz.core.shuffle import Shown
from mpquiz.runner import DemoProcess, RunResult
from mpquiz.store.values import ReviewRecord, RunRecord, StoredQuestion

if TYPE_CHECKING:  # loaded with the first exercise, the first verdict
    from mpquiz.session.exercise_run import CheckRun, ExerciseOutcome
    from mpquiz.session.recorded import Recorded


class Ledger(Protocol):
    """Where a review sitting writes its answers: the repository (store.repository.Store),
    or, while it loads after the first frame, a handle that waits for it
    (session.pending.PendingLedger)."""

    def record_review(self, record: ReviewRecord) -> int:
        """Store one answer with its run and new card state; returns its id."""
        ...

    def undo_review(self, review_id: int) -> bool:
        """Take back a review (False if not found)."""
        ...


@dataclass
class Outcome:
    """What the learner sees after answering: the verdict, the run and the next intervals."""

    answer: str
    verdict: Verdict
    run: RunResult | None
    blocked: Refusal | None
    """Why no demo ran, when none did."""
    intervals: dict[Rating, timedelta]
    suggested: Rating | None
    """Good or Again from the verdict; None for open questions, which are self-rated."""
    recorded: Recorded | None = None
    """When this run did not show the key: a run kept in the pack that does."""
    exercise: ExerciseOutcome | None = None
    """An exercise's attempt: its checks, the attempts, the solution once it is shown."""


@dataclass
class Current:
    """The question on screen: how it is shown, its demo, its answer and checks."""

    item: StoredQuestion
    """As the queue holds it (the pack's order)."""
    shown: Shown
    """As the learner sees it (options and candidates perhaps shuffled)."""
    shown_at: float
    started: datetime
    demo: DemoProcess | None
    blocked: Refusal | None
    outcome: Outcome | None = None
    answered_at: float | None = None
    parsed: str | None = None
    """The answer given (checked and normalised), once submitted."""
    attempts: int = 0
    """An exercise's checks run so far."""
    last_check: tuple[str, CheckRun] | None = None
    """An exercise's last check: the text checked, and what it found."""
    gave_up: bool = False
    again: bool = False
    """Shown earlier in this sitting (answered Again, or undone)."""

    @property
    def view(self) -> StoredQuestion:
        """`item` carrying the question as shown."""
        return StoredQuestion(self.item.id, self.shown.question, self.item.card)


@dataclass
class RatedReview:
    """A committed review, kept so it can be undone."""

    review_id: int
    item: StoredQuestion
    correct: bool


def run_record(run: RunResult | None, started: datetime) -> RunRecord | None:
    """What the store keeps of a demo run (None: no run)."""
    if run is None:
        return None
    return RunRecord(
        demo=run.demo,
        args=tuple(run.args),
        started_at=started,
        exit_code=run.exit_code,
        duration_ms=int(run.duration * 1000),
        timed_out=run.timed_out,
        truncated=run.truncated,
        output=run.output,
        error=run.error,
        processes=tuple(p.to_dict() for p in run.processes),
    )
