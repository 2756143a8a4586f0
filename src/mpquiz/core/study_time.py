"""The time a learner spends on a question, as "time studied" counts it.

A question's time runs from the moment it is shown until the learner is done with it (the
rating), so reading the demo's output and the explanation counts as much as answering. The
review measures that span itself (time_shown). Where a sitting does not, it is reckoned:
the next question is shown as soon as the last one is rated, so the span is the time
since the learner's previous answer was stored, trusted only when it is at least the
time measured to answer (`duration_ms`, shown → answered) and at most the cap: a longer
span is a new sitting, or a learner who walked away, and then only the time to answer
counts, itself capped. The caps are a few minutes for a question, more for an exercise,
which is written in an editor.
"""

from __future__ import annotations

QUESTION_CAP_MS = 5 * 60 * 1000
"""The most one question counts (a learner who walked away is not studying)."""
EXERCISE_CAP_MS = 30 * 60 * 1000
"""The most one exercise counts: writing a program takes longer."""


def cap_ms(*, exercise: bool) -> int:
    """The most a question (or an exercise) counts."""
    return EXERCISE_CAP_MS if exercise else QUESTION_CAP_MS


def time_shown(shown_ms: int, *, exercise: bool) -> int:
    """Milliseconds studied on a question whose sitting measured it from shown to rated."""
    return min(max(0, shown_ms), cap_ms(exercise=exercise))


def time_on_question(answer_ms: int, since_previous_ms: int | None, *, exercise: bool) -> int:
    """Milliseconds studied on one question.

    `answer_ms` is the time from the question shown to the answer given; `since_previous_ms`
    the time since the learner's previous answer was stored (None for a first answer).
    """
    cap = cap_ms(exercise=exercise)
    answer = max(0, answer_ms)
    if since_previous_ms is not None and answer <= since_previous_ms <= cap:
        return since_previous_ms
    return min(answer, cap)
