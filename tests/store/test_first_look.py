"""The first look (store.first_look) sees what the day's queue will show: same first question,
same length, on random histories of answers, undos, retired questions and packs."""

from __future__ import annotations

import dataclasses
import json
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mpquiz.core.model import Pack, Text
from mpquiz.core.scheduling import CardState, Rating, Scheduler
from mpquiz.session.queue import build_queue
from mpquiz.store.engine import open_engine
from mpquiz.store.first_look import first_question, sqlite_file
from mpquiz.store.meta import write_meta
from mpquiz.store.queue_reads import Values
from mpquiz.store.repository import ReviewRecord, Store
from mpquiz.store.version import SCHEMA_VERSION
from tests.conftest import T0

META = {"schema_version": str(SCHEMA_VERSION)}


def _packs(mini: Pack) -> list[Pack]:
    """The mini pack grown to 12 questions over 3 topics, and a second, built-in pack."""
    topics = ("basics", "more", "third")
    grown = tuple(
        dataclasses.replace(
            mini.questions[i % len(mini.questions)],
            qid=f"q{i}",
            topic=topics[i % 3],
            position=i,
        )
        for i in range(12)
    )
    big = dataclasses.replace(
        mini, topics={t: Text({"en": t.title()}) for t in topics}, questions=grown
    )
    other = dataclasses.replace(
        big,
        id="aaa-builtin",
        builtin=True,
        questions=tuple(dataclasses.replace(q, pack_id="aaa-builtin") for q in grown[:5]),
    )
    return [big, other]


Step = tuple[str, int, int, int]
steps = st.lists(
    st.tuples(
        st.sampled_from(["answer", "answer", "answer", "undo", "retire", "later", "other"]),
        st.integers(0, 40),
        st.integers(1, 4),
        st.integers(0, 3000),
    ),
    max_size=25,
)


def _play(store: Store, packs: list[Pack], history: list[Step]) -> tuple[int, object]:
    """Apply random steps (answers through the real queue, undos, retirements, time)."""
    scheduler = Scheduler()
    ana = store.learner_id("ana", T0)
    ben = store.learner_id("ben", T0)
    now, day = T0, T0.replace(hour=0)
    done: list[int] = []
    for action, pick, rating, minutes in history:
        now += timedelta(minutes=minutes)
        learner = ben if action == "other" else ana
        if action in ("answer", "other"):
            queue = build_queue(store, learner, now, day, 8)
            if not queue:
                continue
            item = queue[pick % len(queue)]
            after = scheduler.review(item.card or CardState(), Rating(rating), now)
            done.append(
                store.record_review(
                    ReviewRecord(
                        learner,
                        item.id,
                        now,
                        rating,
                        rating > 1,
                        "1",
                        10,
                        "review",
                        item.card,
                        after,
                    )
                )
            )
        elif action == "undo" and done:
            store.undo_review(done.pop())  # as a sitting does: the latest answer
        elif action == "retire":
            pack = packs[pick % 2]
            kept = tuple(q for i, q in enumerate(pack.questions) if i != pick % len(pack.questions))
            packs[pick % 2] = dataclasses.replace(pack, version=f"v{pick}", questions=kept)
            store.sync_pack(packs[pick % 2], now)
        elif action == "later":
            now += timedelta(days=pick % 5)
    return ana, now


@pytest.fixture
def file_store(sqlite_url: str):
    opened = Store(open_engine(sqlite_url))
    yield opened
    opened.close()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    history=steps,
    new_per_day=st.integers(0, 6),
    scope=st.sampled_from([(None, None), ("mini", None), (None, "more"), ("aaa-builtin", "third")]),
    ahead=st.integers(0, 60 * 24 * 8),
)
def test_the_first_look_matches_the_queue(
    tmp_path_factory: pytest.TempPathFactory,
    pack: Pack,
    history: list[Step],
    new_per_day: int,
    scope: tuple[str | None, str | None],
    ahead: int,
) -> None:
    db = tmp_path_factory.mktemp("look") / "g.db"
    store = Store(open_engine(f"sqlite:///{db}"))
    try:
        packs = _packs(pack)
        for p in packs:
            store.sync_pack(p, T0)
        ana, now = _play(store, packs, history)
        now += timedelta(minutes=ahead)
        day = now - timedelta(hours=now.hour)
        pack_id, topic = scope
        look = first_question(
            db, meta=META, learner="ana", now=now, day_start=day,
            new_per_day=new_per_day, pack_id=pack_id, topic=topic,
        )  # fmt: skip
        queue = build_queue(store, ana, now, day, new_per_day, pack_id=pack_id, topic=topic)
        if not queue:
            assert look is None
            return
        assert look is not None
        assert (look.question_id, look.total) == (queue[0].id, len(queue))
        assert json.loads(look.data)["qid"] == queue[0].question.qid
        assert look.pack.id == queue[0].question.pack_id
    finally:
        store.close()


def test_it_gives_up_on_anything_unusual(file_store: Store, sqlite_url: str, pack: Pack) -> None:
    db = sqlite_file(sqlite_url)
    assert db is not None
    file_store.sync_pack(pack, T0)
    ana = dict(learner="ana", now=T0, day_start=T0, new_per_day=5)
    assert first_question(db, meta=META, **ana) is None  # no such learner yet
    file_store.learner_id("ana", T0)
    assert first_question(db, meta=META, **ana) is not None
    assert first_question(db, meta={"schema_version": "99"}, **ana) is None
    assert first_question(db, meta={**META, "builtin_pack_source": "x"}, **ana) is None
    write_meta(file_store, "builtin_pack_source", "x")
    assert first_question(db, meta={**META, "builtin_pack_source": "x"}, **ana) is not None
    assert first_question(db.with_name("absent.db"), meta=META, **ana) is None
    garbage = db.with_name("garbage.db")
    garbage.write_bytes(b"not a database" * 100)
    assert first_question(garbage, meta=META, **ana) is None


def test_only_plain_sqlite_file_urls_are_looked_at(tmp_path: Path) -> None:
    assert sqlite_file(f"sqlite:///{tmp_path}/a.db") == tmp_path / "a.db"
    assert sqlite_file("sqlite:///rel.db") == Path("rel.db")
    for url in ("sqlite://", "sqlite:///:memory:", "sqlite:///a.db?mode=ro", "postgresql://x/y",
                "sqlite+pysqlite:///a.db", "sqlite:///a%20b.db"):  # fmt: skip
        assert sqlite_file(url) is None


def test_times_are_written_as_the_repository_writes_them(file_store: Store, pack: Pack) -> None:
    file_store.sync_pack(pack, T0)
    file_store.learner_id("ana", T0 + timedelta(microseconds=5))
    with file_store.engine.connect() as conn:
        raw = conn.exec_driver_sql("SELECT created_at FROM learner").scalar_one()
    # The queue's reads compare times as text in SQLite: they must be written alike.
    assert raw == Values(sqlite=True).time(T0 + timedelta(microseconds=5))


def _record(store: Store, learner: int, question_id: int, when, due, before=None) -> int:
    after = CardState(state=2, step=None, stability=3.0, difficulty=5.0, due=due, last_review=when)
    return store.record_review(
        ReviewRecord(learner, question_id, when, 3, True, "1", 10, "review", before, after)
    )


def _look(db: Path, now, **kw):
    return first_question(
        db, meta=META, learner="ana", now=now, day_start=now.replace(hour=0), **kw
    )


def test_most_overdue_first_not_first_answered(file_store: Store, pack: Pack) -> None:
    db = Path(str(file_store.engine.url.database))
    file_store.sync_pack(pack, T0)
    ana = file_store.learner_id("ana", T0)
    first, second = (q.id for q in file_store.unseen(ana, 2))
    _record(file_store, ana, first, T0, T0 + timedelta(days=3))
    _record(file_store, ana, second, T0, T0 + timedelta(days=1))
    now = T0 + timedelta(days=4)
    look = _look(db, now, new_per_day=0)
    assert look is not None and (look.question_id, look.total) == (second, 2)


def test_retired_questions_and_old_cards_do_not_count(file_store: Store, pack: Pack) -> None:
    db = Path(str(file_store.engine.url.database))
    file_store.sync_pack(pack, T0)
    ana = file_store.learner_id("ana", T0)
    old = file_store.unseen(ana, 1)[0].id
    first_answer = T0 - timedelta(days=5)
    card = CardState(state=2, step=None, stability=3.0, difficulty=5.0, due=T0, last_review=T0)
    _record(file_store, ana, old, first_answer, T0)
    _record(file_store, ana, old, T0, T0 + timedelta(days=9), before=card)  # not a new card
    look = _look(db, T0, new_per_day=1)
    assert look is not None and look.total == 1  # today's allowance is untouched
    retired = dataclasses.replace(
        pack, version="2", questions=pack.questions[:1] + pack.questions[2:]
    )
    file_store.sync_pack(retired, T0)
    look = _look(db, T0, new_per_day=1)
    assert look is not None
    assert json.loads(look.data)["qid"] == pack.questions[2].qid  # the retired one is skipped
