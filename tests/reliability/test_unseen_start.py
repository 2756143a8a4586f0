"""The unseen start is only a cache: it never hides a question that is new.

`Store.unseen` starts each pack's scan where the learner's earlier scans found every
question before it answered (the `unseen_start` table). These tests check the three
ways that could go wrong: an undo that makes a question new again, a pack sync that adds
or moves questions below the unseen start, and a scan narrowed to one topic.
"""

from __future__ import annotations

import dataclasses
from datetime import timedelta

from mpquiz.core.model import Pack
from mpquiz.core.scheduling import CardState, Rating, Scheduler
from mpquiz.store.repository import ReviewRecord, Store
from tests.conftest import T0


def _answer(store: Store, learner: int, question_id: int) -> int:
    after = Scheduler().review(CardState(), Rating.Good, T0)
    record = ReviewRecord(learner, question_id, T0, 3, True, "1", 1, "review", None, after)
    return store.record_review(record)


def _qids(store: Store, learner: int, **kw: str) -> list[str]:
    return [q.question.qid for q in store.unseen(learner, 10, **kw)]


def test_answered_questions_leave_the_new_list_in_order(store: Store, pack: Pack) -> None:
    store.sync_pack(pack, T0)
    ana = store.learner_id("ana", T0)
    order = _qids(store, ana)
    for n in range(len(order)):
        assert _qids(store, ana) == order[n:]
        _answer(store, ana, store.unseen(ana, 1)[0].id)
    assert _qids(store, ana) == [] and store.unseen(ana, 0) == []


def test_an_undone_first_answer_makes_the_question_new_again(store: Store, pack: Pack) -> None:
    store.sync_pack(pack, T0)
    ana = store.learner_id("ana", T0)
    first = [_answer(store, ana, q.id) for q in store.unseen(ana, 3)]
    assert len(_qids(store, ana)) == 1  # the unseen start now sits past the first three
    assert store.undo_review(first[0])
    assert _qids(store, ana)[0] == pack.questions[0].qid


def test_a_sync_that_adds_a_question_before_the_unseen_start_shows_it(
    store: Store, pack: Pack
) -> None:
    store.sync_pack(pack, T0)
    ana = store.learner_id("ana", T0)
    for q in store.unseen(ana, 4):
        _answer(store, ana, q.id)
    assert _qids(store, ana) == []
    early = dataclasses.replace(pack.questions[0], qid="basics.early", position=-1)
    v2 = dataclasses.replace(pack, version="1.1.0", questions=(early, *pack.questions))
    store.sync_pack(v2, T0 + timedelta(days=1))
    assert _qids(store, ana) == ["basics.early"]


def test_a_topic_scan_does_not_move_the_unseen_start_past_other_topics(
    store: Store, pack: Pack
) -> None:
    store.sync_pack(pack, T0)
    ana, ben = store.learner_id("ana", T0), store.learner_id("ben", T0)
    more = _qids(store, ana, topic="more")
    assert more == ["more.why"]
    assert _qids(store, ana) == [q.qid for q in pack.questions]  # nothing skipped
    _answer(store, ben, store.unseen(ben, 1)[0].id)
    assert len(_qids(store, ana)) == 4  # another learner's answers change nothing
    assert _qids(store, ana, pack_id="mini") == [q.qid for q in pack.questions]
