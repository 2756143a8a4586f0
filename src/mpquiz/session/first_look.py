"""The day's first question as the app paints it before the repository has loaded."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from mpquiz.core.codec import question_from_dict
from mpquiz.core.inert import inert
from mpquiz.core.shuffle import Shown, as_shown
from mpquiz.core.text import Text
from mpquiz.store.first_look import FirstLookRow
from mpquiz.store.queue_reads import DayQueue

if TYPE_CHECKING:
    from mpquiz.core.kinds import Question


class FirstLook(NamedTuple):
    """What the review screen shows first; the session, once loaded, adopts it: this
    queue, and this first question shown this way (Services.early_review_session)."""

    question_id: int
    shown: Shown
    """The first question as shown: options and candidates in their order on screen."""
    queue: DayQueue
    """Today's queue, as read for the first frame."""
    total: int
    """The length of today's queue."""
    topic_title: str
    code: str | None
    """The code shown with the question (a predict question shows its demo's)."""
    learner_id: int
    tuning: tuple[object, object] = (None, None)
    """The learner's own FSRS parameters and desired retention, as stored."""

    @property
    def question(self) -> Question:
        """The first question, as shown."""
        return self.shown.question

    def check(self, raw: str) -> str:
        """Check an answer given before the session took over (raises AnswerError); the
        session takes it as it is once loaded."""
        return self.question.parse(raw)


def first_look(
    look: FirstLookRow,
    lang: str,
    code_of: Callable[[Question], str | None],
    rng: random.Random | None = None,
) -> FirstLook:
    """Decode a look's question, shuffled with `rng` (the session's, which goes on from
    there), and name its topic in `lang`. `code_of` reads the code shown from the pack's
    own files (session.demos.DemoLauncher.code)."""
    shown = as_shown(question_from_dict(json.loads(look.data)), rng)
    question = shown.question
    titles = json.loads(look.pack.topics).get(question.topic)
    title = Text(titles).get(lang) if titles else inert(question.topic)
    return FirstLook(
        look.question_id,
        shown,
        look.queue,
        look.total,
        title,
        code_of(question),
        look.learner_id,
        look.tuning,
    )
