"""Reviews: storing one answer with its demo run and new card state, and taking it back."""

from __future__ import annotations

from sqlalchemy import delete, func
from sqlmodel import Session, col, select

from mpquiz.core.scheduling import CardState
from mpquiz.core.study_time import time_on_question, time_shown
from mpquiz.store.tables import CardRow, DemoRunRow, QuestionRow, ReviewRow, UnseenStartRow
from mpquiz.store.values import ReviewRecord, card_from_dict, card_to_dict


def record_review(*, session: Session, record: ReviewRecord) -> int:
    """Store one answer, its demo run and the new card state (the caller commits them as one
    transaction); returns the review's id."""
    study_ms = _time_on_question(session, record)
    run_id = None
    if record.run is not None:
        run = DemoRunRow(
            demo=record.run.demo,
            args=list(record.run.args),
            started_at=record.run.started_at,
            exit_code=record.run.exit_code,
            duration_ms=record.run.duration_ms,
            timed_out=record.run.timed_out,
            truncated=record.run.truncated,
            error=(record.run.error or None) and record.run.error[:500],
            output=record.run.output,
            processes=list(record.run.processes) or None,
        )
        session.add(run)
        session.flush()
        run_id = run.id
    card = session.exec(
        select(CardRow).where(
            col(CardRow.learner_id) == record.learner_id,
            col(CardRow.question_id) == record.question_id,
        )
    ).first()
    if card is None:
        card = CardRow(
            learner_id=record.learner_id,
            question_id=record.question_id,
            state=record.after.state,
            created_at=record.reviewed_at,
            due=record.reviewed_at,
        )
    _apply(card, record.after)
    card.reps += 1
    card.lapses += int(
        record.rating == 1 and record.before is not None and not record.before.is_new
    )
    session.add(card)
    session.flush()
    assert card.id is not None  # set by the flush
    review = ReviewRow(
        learner_id=record.learner_id,
        question_id=record.question_id,
        card_id=card.id,
        reviewed_at=record.reviewed_at,
        rating=record.rating,
        correct=record.correct,
        answer=record.answer,
        duration_ms=record.duration_ms,
        mode=record.mode,
        demo_run_id=run_id,
        card_before=card_to_dict(record.before) if record.before else None,
        new_card=record.before is None or record.before.is_new,
        exam_id=record.exam_id,
        proof=record.proof,
        exercise=record.exercise,
        study_ms=study_ms,
    )
    session.add(review)
    session.flush()
    assert review.id is not None  # set by the flush
    return review.id


def _time_on_question(session: Session, record: ReviewRecord) -> int:
    """The time spent on the question, shown until rated (core.study_time): the next
    question is shown as the last one is rated, so it is the time since the learner's
    previous answer, when that fits; the span the sitting measured, when it did."""
    if record.shown_ms is not None:
        return time_shown(record.shown_ms, exercise=record.exercise is not None)
    previous = session.exec(
        select(func.max(ReviewRow.reviewed_at)).where(
            col(ReviewRow.learner_id) == record.learner_id,
            col(ReviewRow.reviewed_at) <= record.reviewed_at,
        )
    ).one()
    since = None
    if previous is not None:
        since = int((record.reviewed_at - previous).total_seconds() * 1000)
    return time_on_question(record.duration_ms, since, exercise=record.exercise is not None)


def undo_review(*, session: Session, review_id: int) -> bool:
    """Take back a review: the card returns to its state before it. False if not found."""
    review = session.get(ReviewRow, review_id)
    if review is None:
        return False
    card = session.get(CardRow, review.card_id)
    assert card is not None  # a review's card is kept while the review is
    if review.card_before is None:
        session.delete(review)
        session.flush()
        session.delete(card)
        # The question is new again: it may lie below the unseen start of its pack.
        session.exec(
            delete(UnseenStartRow).where(
                col(UnseenStartRow.learner_id) == card.learner_id,
                col(UnseenStartRow.pack_id).in_(
                    select(QuestionRow.pack_id).where(col(QuestionRow.id) == card.question_id)
                ),
            )
        )
    else:
        _apply(card, card_from_dict(review.card_before))
        card.reps = max(0, card.reps - 1)
        session.add(card)
        session.delete(review)
    return True


def _apply(row: CardRow, card: CardState) -> None:
    row.state, row.step, row.stability, row.difficulty = (
        card.state,
        card.step,
        card.stability,
        card.difficulty,
    )
    if card.due is not None:
        row.due = card.due
    row.last_review = card.last_review
