"""The daily limit of new questions counts within the review's scope: a pack just added
can be tried at once after the day's new questions went to another pack, and the first
look (store.first_look) agrees with the queue on it."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from mpquiz.core.model import Pack
from mpquiz.core.scheduling import CardState, Rating, Scheduler
from mpquiz.session.queue import build_queue, new_allowance
from mpquiz.store.engine import open_engine
from mpquiz.store.first_look import first_question
from mpquiz.store.repository import ReviewRecord, Store
from mpquiz.store.version import SCHEMA_VERSION
from tests.conftest import T0

DAY = T0.replace(hour=0)
NOW = T0 + timedelta(hours=2)


def _other(pack: Pack) -> Pack:
    """The mini pack again under another id, as a pack an instructor just added."""
    return dataclasses.replace(
        pack,
        id="mypack",
        builtin=False,
        questions=tuple(dataclasses.replace(q, pack_id="mypack") for q in pack.questions),
    )


@pytest.fixture
def two_packs(tmp_path: Path, pack: Pack) -> Iterator[tuple[Store, Path, int]]:
    """A store with the "built-in" pack and one just added; the learner has used today's
    new questions (limit 2) on the built-in one."""
    db = tmp_path / "n.db"
    store = Store(open_engine(f"sqlite:///{db}"))
    builtin = dataclasses.replace(pack, builtin=True)
    store.sync_pack(builtin, T0)
    store.sync_pack(_other(pack), T0)
    ana = store.learner_id("ana", T0)
    scheduler = Scheduler()
    for item in build_queue(store, ana, T0, DAY, 2):
        assert item.question.pack_id == builtin.id
        after = scheduler.review(CardState(), Rating.Good, T0)
        record = ReviewRecord(ana, item.id, T0, 3, True, "1", 10, "review", None, after)
        store.record_review(record)
    yield store, db, ana
    store.close()


def _look(db: Path, new_per_day: int, pack_id: str | None = None, topic: str | None = None):
    return first_question(
        db,
        meta={"schema_version": str(SCHEMA_VERSION)},
        learner="ana",
        now=NOW,
        day_start=DAY,
        new_per_day=new_per_day,
        pack_id=pack_id,
        topic=topic,
    )


def test_a_pack_just_added_can_be_tried_after_the_days_new_questions(
    two_packs: tuple[Store, Path, int],
) -> None:
    store, db, ana = two_packs
    # Everything together: the day's two new questions are used up.
    assert [q.question.pack_id for q in build_queue(store, ana, NOW, DAY, 2)] == []
    assert new_allowance(store, ana, DAY, 2) == 0
    assert _look(db, 2) is None
    # The new pack alone: its own two new questions, in the queue and in the first look.
    queue = build_queue(store, ana, NOW, DAY, 2, pack_id="mypack")
    assert [q.question.pack_id for q in queue] == ["mypack", "mypack"]
    assert new_allowance(store, ana, DAY, 2, pack_id="mypack") == 2
    look = _look(db, 2, pack_id="mypack")
    assert look is not None and (look.question_id, look.total) == (queue[0].id, 2)
    # The built-in pack alone still has none left today.
    assert build_queue(store, ana, NOW, DAY, 2, pack_id="mini") == []
    assert _look(db, 2, pack_id="mini") is None


def test_a_topic_counts_only_its_own_new_questions(two_packs: tuple[Store, Path, int]) -> None:
    store, db, ana = two_packs
    # The two new questions started today are both of the topic "basics".
    assert new_allowance(store, ana, DAY, 2, topic="basics") == 0
    assert build_queue(store, ana, NOW, DAY, 2, topic="basics") == []
    assert _look(db, 2, topic="basics") is None
    queue = build_queue(store, ana, NOW, DAY, 2, topic="more")
    assert [(q.question.pack_id, q.question.topic) for q in queue] == [
        ("mini", "more"),
        ("mypack", "more"),
    ]
    look = _look(db, 2, topic="more")
    assert look is not None and (look.question_id, look.total) == (queue[0].id, 2)
