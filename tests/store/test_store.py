"""Storage on a temporary SQLite file: round trips, pack sync rules, schema versions."""

from __future__ import annotations

import dataclasses
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from mpquiz.core.errors import StoreError
from mpquiz.core.model import Pack, Text
from mpquiz.core.scheduling import CardState, Rating, Scheduler
from mpquiz.store import migrations
from mpquiz.store.engine import open_engine
from mpquiz.store.repository import ReviewRecord, RunRecord, Store
from tests.conftest import T0


def _answer(
    store: Store,
    learner: int,
    question_id: int,
    rating: Rating,
    at=T0,
    before: CardState | None = None,
) -> int:
    after = Scheduler().review(before or CardState(), rating, at)
    run = RunRecord("exitcode.py", ("--x",), at, 0, 120, False, False, "exitcode: 3")
    return store.record_review(
        ReviewRecord(
            learner,
            question_id,
            at,
            int(rating),
            rating != Rating.Again,
            "1",
            4200,
            "review",
            before,
            after,
            run,
        )
    )


def test_sqlite_is_tuned(sqlite_url: str) -> None:
    store = Store(open_engine(sqlite_url))
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 1000
        assert migrations.schema_version(conn) == migrations.LATEST
    store.close()


def test_review_round_trip(store: Store, pack: Pack) -> None:
    store.sync_pack(pack, T0)
    learner = store.learner_id("ana", T0)
    assert store.learner_id("ana", T0) == learner
    first = store.unseen(learner, 10)
    assert [q.question.qid for q in first] == [q.qid for q in pack.questions]
    assert first[0].question == dataclasses.replace(pack.questions[0], pack_id="mini")
    _answer(store, learner, first[0].id, Rating.Again)
    assert store.review_count(learner) == 1
    assert store.new_introduced_since(learner, T0) == 1
    assert store.count_unseen(learner) == 3
    assert store.due(learner, T0, 10) == []
    due = store.due(learner, T0 + timedelta(minutes=15), 10)
    assert [d.id for d in due] == [first[0].id]
    assert due[0].card is not None and due[0].card.last_review == T0
    with store.engine.connect() as conn:
        row = conn.execute(
            text(
                "SELECT r.answer, r.duration_ms, r.mode, d.output, d.args "
                "FROM review r JOIN demo_run d ON d.id = r.demo_run_id"
            )
        ).one()
    assert row[:4] == ("1", 4200, "review", "exitcode: 3") and "--x" in row[4]


def test_due_is_most_overdue_first(store: Store, pack: Pack) -> None:
    store.sync_pack(pack, T0)
    learner = store.learner_id("ana", T0)
    ids = [q.id for q in store.unseen(learner, 10)]
    _answer(store, learner, ids[0], Rating.Good, at=T0 + timedelta(minutes=3))
    _answer(store, learner, ids[1], Rating.Again, at=T0)
    later = T0 + timedelta(days=3)
    assert [d.id for d in store.due(learner, later, 10)] == [ids[1], ids[0]]


def test_learners_are_separate(store: Store, pack: Pack) -> None:
    store.sync_pack(pack, T0)
    ana, ben = store.learner_id("ana", T0), store.learner_id("ben", T0)
    _answer(store, ana, store.unseen(ana, 1)[0].id, Rating.Good)
    assert store.review_count(ben) == 0 and store.count_unseen(ben) == 4


def test_undo_restores_the_card(store: Store, pack: Pack) -> None:
    store.sync_pack(pack, T0)
    learner = store.learner_id("ana", T0)
    qid = store.unseen(learner, 1)[0].id
    first = _answer(store, learner, qid, Rating.Good)
    card = store.due(learner, T0 + timedelta(days=9), 1)[0].card
    second = _answer(store, learner, qid, Rating.Easy, at=T0 + timedelta(days=9), before=card)
    assert store.undo_review(second)
    again = store.due(learner, T0 + timedelta(days=9), 1)[0].card
    assert again == card
    assert store.undo_review(first) and store.count_unseen(learner) == 4
    assert not store.undo_review(first)


def test_sync_adds_updates_and_retires_keeping_progress(store: Store, pack: Pack) -> None:
    report = store.sync_pack(pack, T0)
    assert (report.added, report.updated, report.retired) == (4, 0, 0)
    assert store.sync_pack(pack, T0).skipped
    learner = store.learner_id("ana", T0)
    answered = store.unseen(learner, 1)[0]
    _answer(store, learner, answered.id, Rating.Good)

    changed = dataclasses.replace(pack.questions[0], prompt=Text({"es": "nuevo", "en": "new"}))
    new_q = dataclasses.replace(pack.questions[1], qid="basics.brand-new", position=9)
    v2 = dataclasses.replace(pack, version="1.1.0", questions=(changed, pack.questions[2], new_q))
    report = store.sync_pack(v2, T0 + timedelta(days=1))
    assert (report.added, report.updated, report.retired, report.unchanged) == (1, 1, 2, 1)

    later = T0 + timedelta(days=30)
    due = store.due(learner, later, 10)
    assert [d.id for d in due] == [answered.id]  # same row: progress kept
    assert due[0].question.prompt.get("en") == "new"
    assert store.review_count(learner) == 1  # reviews of retired questions are kept
    assert {q.question.qid for q in store.unseen(learner, 10)} == {
        "basics.children",
        "basics.brand-new",
    }
    # a retired question that comes back is active again, with its id
    assert store.sync_pack(pack, later).updated >= 2


def test_sync_is_one_transaction(store: Store, pack: Pack, monkeypatch: pytest.MonkeyPatch) -> None:
    store.sync_pack(pack, T0)
    bad = dataclasses.replace(
        pack,
        version="2.0.0",
        questions=(
            dataclasses.replace(pack.questions[0], prompt=Text({"en": "changed"})),
            *pack.questions[1:],
        ),
    )
    # fail half-way through the sync: the pack's row and the changed question are
    # written, the unseen starts not yet cleared
    from mpquiz.store import pack_queries

    steps: list[str] = []
    real_update = pack_queries.update

    def update(table):  # type: ignore[no-untyped-def]
        steps.append("update")
        return real_update(table)

    def delete(table):  # type: ignore[no-untyped-def]
        steps.append("delete")
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(pack_queries, "update", update)
    monkeypatch.setattr(pack_queries, "delete", delete)
    with pytest.raises(RuntimeError):
        store.sync_pack(bad, T0)
    monkeypatch.undo()
    assert steps == ["update", "delete"]
    learner = store.learner_id("ana", T0)
    prompts = [q.question.prompt.get("en") for q in store.unseen(learner, 10)]
    assert "changed" not in prompts and len(prompts) == 4
    assert store.packs()[0].version == "1.0.0"


def test_a_synced_question_is_stored_as_its_json_object(store: Store, pack: Pack) -> None:
    """The payload is encoded once (for its hash and its row): what the row holds is the
    question's JSON object, not a JSON string, on every backend."""
    import json

    from mpquiz.core.codec import question_from_dict, question_to_dict

    store.sync_pack(pack, T0)
    with store.engine.connect() as conn:
        rows = dict(conn.execute(text("SELECT qid, data FROM question")).all())
    for question in pack.questions:
        stored = rows[question.qid]
        data = json.loads(stored) if isinstance(stored, str) else stored
        assert isinstance(data, dict)
        assert data == question_to_dict(question) | {"pack_id": pack.id}
        assert question_from_dict(data) == dataclasses.replace(question, pack_id=pack.id)


def test_newer_schema_is_refused_and_older_upgraded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "v.db"
    open_engine(f"sqlite:///{path}").dispose()
    con = sqlite3.connect(path)
    con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="newer"):
        open_engine(f"sqlite:///{path}")

    con = sqlite3.connect(path)
    con.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    applied = []
    monkeypatch.setattr(migrations, "LATEST", 2)
    monkeypatch.setitem(
        migrations.STEPS,
        2,
        lambda conn: applied.append(
            conn.execute(text("ALTER TABLE learner ADD COLUMN nickname TEXT"))
        ),
    )
    import mpquiz.store.engine as engine_mod

    monkeypatch.setattr(
        engine_mod, "migrate", lambda conn, where: migrations.migrate(conn, latest=2, where=where)
    )
    open_engine(f"sqlite:///{path}").dispose()
    con = sqlite3.connect(path)
    assert con.execute("SELECT value FROM meta").fetchone() == ("2",)
    assert "nickname" in [r[1] for r in con.execute("PRAGMA table_info(learner)")]
    con.close()
    assert len(applied) == 1


def test_not_a_database_and_foreign_database(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match=r"junk\.db"):
        open_engine(f"sqlite:///{junk}")
    assert junk.read_bytes() == b"this is not sqlite" * 100
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE t (x)")
    con.close()
    with pytest.raises(StoreError, match="not an mpquiz database"):
        open_engine(f"sqlite:///{other}")
