"""Read-only queries about a learner's progress: counts, per-topic figures, history."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import Engine, case, func
from sqlmodel import Session, col, select

from mpquiz.core.codec import question_from_dict
from mpquiz.core.scheduling import CardState
from mpquiz.store.active import only_active
from mpquiz.store.tables import CardRow, QuestionRow, ReviewRow
from mpquiz.store.values import ReviewFact, StoredQuestion, card_state


class ProgressQueries:
    """Mixed into Store: queries that only read."""

    engine: Engine

    def review_count(self, learner_id: int) -> int:
        """Reviews the learner has given."""
        with Session(self.engine) as s:
            return s.exec(
                select(func.count())
                .select_from(ReviewRow)
                .where(ReviewRow.learner_id == learner_id)
            ).one()

    def topic_stats(
        self, learner_id: int, pack_ids: Iterable[str] | None = None
    ) -> dict[tuple[str, str], dict[str, int]]:
        """Per (pack, topic): active questions, reviews and correct answers of the learner."""
        out: dict[tuple[str, str], dict[str, int]] = {}
        with Session(self.engine) as s:
            q = only_active(
                select(QuestionRow.pack_id, QuestionRow.topic, func.count()), None, None
            ).group_by(QuestionRow.pack_id, QuestionRow.topic)
            for pack_id, topic, n in s.exec(q):
                out[(pack_id, topic)] = {"questions": n, "reviews": 0, "correct": 0}
            r = (
                select(
                    QuestionRow.pack_id,
                    QuestionRow.topic,
                    func.count(),
                    func.sum(case((col(ReviewRow.correct), 1), else_=0)),
                )
                .join(QuestionRow, QuestionRow.id == ReviewRow.question_id)
                .where(ReviewRow.learner_id == learner_id)
                .group_by(QuestionRow.pack_id, QuestionRow.topic)
            )
            for pack_id, topic, n, right in s.exec(r):
                entry = out.setdefault(
                    (pack_id, topic), {"questions": 0, "reviews": 0, "correct": 0}
                )
                entry["reviews"], entry["correct"] = n, int(right or 0)
        if pack_ids is not None:
            wanted = set(pack_ids)
            out = {k: v for k, v in out.items() if k[0] in wanted}
        return out

    def count_due(self, learner_id: int, now: datetime) -> int:
        """Active cards due at `now`."""
        with Session(self.engine) as s:
            q = only_active(
                select(func.count())
                .select_from(CardRow)
                .join(QuestionRow, QuestionRow.id == CardRow.question_id)
                .where(CardRow.learner_id == learner_id, CardRow.due <= now),
                None,
                None,
            )
            return s.exec(q).one()

    def count_unseen(self, learner_id: int) -> int:
        """Active questions the learner has never answered."""
        with Session(self.engine) as s:
            seen = select(CardRow.question_id).where(CardRow.learner_id == learner_id)
            q = only_active(
                select(func.count())
                .select_from(QuestionRow)
                .where(col(QuestionRow.id).not_in(seen)),
                None,
                None,
            )
            return s.exec(q).one()

    def review_log(self, learner_id: int, since: datetime) -> list[ReviewFact]:
        """Every review the learner gave since `since`, oldest first."""
        with Session(self.engine) as s:
            rows = s.exec(
                select(
                    ReviewRow.reviewed_at, ReviewRow.duration_ms, ReviewRow.correct, ReviewRow.mode
                )
                .where(ReviewRow.learner_id == learner_id, ReviewRow.reviewed_at >= since)
                .order_by(ReviewRow.reviewed_at)
            )
            return [ReviewFact(at, ms, ok, mode) for at, ms, ok, mode in rows]

    def due_dates(self, learner_id: int, until: datetime) -> list[datetime]:
        """When each active card of the learner falls due, for those due before `until`."""
        with Session(self.engine) as s:
            query = only_active(
                select(CardRow.due)
                .join(QuestionRow, QuestionRow.id == CardRow.question_id)
                .where(CardRow.learner_id == learner_id, CardRow.due < until)
            )
            return list(s.exec(query))

    def card_states(self, learner_id: int) -> list[tuple[str, str, CardState]]:
        """(pack, topic, card) for every active question the learner has a card for."""
        with Session(self.engine) as s:
            query = only_active(
                select(QuestionRow.pack_id, QuestionRow.topic, CardRow)
                .join(CardRow, CardRow.question_id == QuestionRow.id)
                .where(CardRow.learner_id == learner_id)
            )
            return [(pack, topic, card_state(card)) for pack, topic, card in s.exec(query)]

    def question_pool(
        self,
        learner_id: int,
        *,
        pack_id: str | None = None,
        topics: Iterable[str] | None = None,
        kinds: Iterable[str] | None = None,
    ) -> list[StoredQuestion]:
        """Active questions (with the learner's card, if any) to draw an exam from."""
        with Session(self.engine) as s:
            query = only_active(
                select(QuestionRow, CardRow).outerjoin(
                    CardRow,
                    (CardRow.question_id == QuestionRow.id) & (CardRow.learner_id == learner_id),
                ),
                pack_id,
            )
            if topics is not None:
                query = query.where(col(QuestionRow.topic).in_(list(topics)))
            if kinds is not None:
                query = query.where(col(QuestionRow.kind).in_(list(kinds)))
            query = query.order_by(QuestionRow.pack_id, QuestionRow.position)
            return [
                StoredQuestion(
                    q.id,  # type: ignore[arg-type]
                    question_from_dict(q.data),
                    card_state(card) if card is not None else None,
                )
                for q, card in s.exec(query)
            ]
