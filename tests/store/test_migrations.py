"""The schema upgrade path, the same on every backend."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from mpquiz.core.errors import StoreError
from mpquiz.store import migrations
from mpquiz.store.engine import open_engine
from mpquiz.store.version import SCHEMA_VERSION
from tests.conftest import T0


def _set_version(url: str, version: int) -> None:
    engine = open_engine(url)
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE meta SET value = :v WHERE key = 'schema_version'"), {"v": str(version)}
        )
    engine.dispose()


def test_a_new_database_gets_the_latest_version(db_url: str) -> None:
    engine = open_engine(db_url)
    with engine.connect() as conn:
        assert migrations.schema_version(conn) == migrations.LATEST
        assert {"learner", "pack", "question", "card", "review", "demo_run", "exam"} <= set(
            inspect(conn).get_table_names()
        )
    engine.dispose()


def test_a_newer_database_is_refused(db_url: str) -> None:
    _set_version(db_url, migrations.LATEST + 5)
    with pytest.raises(StoreError, match="newer than this mpquiz"):
        open_engine(db_url)


def test_an_older_database_is_upgraded_in_place(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_engine(db_url).dispose()
    applied: list[int] = []

    def step(conn) -> None:
        conn.execute(text("ALTER TABLE learner ADD COLUMN nickname VARCHAR(40)"))
        applied.append(1)

    latest = migrations.LATEST + 1
    monkeypatch.setitem(migrations.STEPS, latest, step)
    import mpquiz.store.engine as engine_mod

    monkeypatch.setattr(
        engine_mod,
        "migrate",
        lambda conn, where: migrations.migrate(conn, latest=latest, where=where),
    )
    engine = open_engine(db_url)
    with engine.connect() as conn:
        assert migrations.schema_version(conn) == latest
        assert "nickname" in {c["name"] for c in inspect(conn).get_columns("learner")}
    engine.dispose()
    open_engine(db_url).dispose()  # already upgraded: the step does not run twice
    assert applied == [1]


def test_the_written_version_is_the_last_step() -> None:
    assert migrations.LATEST == max(migrations.STEPS) == SCHEMA_VERSION


@pytest.mark.parametrize("stored", ["two", "", "2.5", "-1", "9" * 5000])
def test_a_version_that_is_not_a_number_is_refused(
    db_url: str, sqlite_url: str, stored: str
) -> None:
    if len(stored) > 256:  # more than PostgreSQL's meta.value holds: SQLite only
        db_url = sqlite_url
    engine = open_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE meta SET value = :v WHERE key = 'schema_version'"), {"v": stored})
    engine.dispose()
    with pytest.raises(StoreError, match="is not a number") as err:
        open_engine(db_url)
    assert "\n" not in str(err.value)


def test_the_migrations_refuse_a_bad_version_on_any_backend(db_url: str) -> None:
    engine = open_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE meta SET value = 'x' WHERE key = 'schema_version'"))
        with pytest.raises(StoreError, match=r"schema version 'x' is not a number"):
            migrations.migrate(conn, where="the database")
    engine.dispose()


def test_stored_questions_are_rewritten_as_their_kind(db_url: str, mini_pack_dir: Path) -> None:
    """Version 3: a row in the old bag format (every field of every kind) comes out
    holding its kind's fields only, with a matching hash, and reads back the same."""
    import json

    from mpquiz.core.codec import question_from_dict
    from mpquiz.packs.loader import load_pack
    from mpquiz.store.repository import Store
    from mpquiz.store.tables import QuestionRow
    from mpquiz.store.values import content_hash

    table = QuestionRow.__table__  # type: ignore[attr-defined]
    store = Store(open_engine(db_url))
    store.sync_pack(load_pack(mini_pack_dir), T0)
    store.close()
    old_bag = {"options": [], "answer": None, "unit": None, "match": "exact", "expected": "",
               "candidates": [], "model_answer": None, "key_points": []}  # fmt: skip
    engine = open_engine(db_url)
    with engine.begin() as conn:
        rows = conn.execute(text("SELECT id, data FROM question")).all()
        before = {}
        for row_id, stored in rows:
            data = stored if isinstance(stored, dict) else json.loads(stored)
            before[row_id] = question_from_dict(data)
            bag = {**old_bag, **{k: v for k, v in data.items() if k != "v"}}
            conn.execute(table.update().where(table.c.id == row_id).values(data=bag))
        conn.execute(text("UPDATE meta SET value = '2' WHERE key = 'schema_version'"))
    engine.dispose()
    engine = open_engine(db_url)  # migrates
    with engine.connect() as conn:
        for row_id, stored, digest in conn.execute(
            text("SELECT id, data, content_hash FROM question")
        ):
            data = stored if isinstance(stored, dict) else json.loads(stored)
            assert data["v"] == 2 and digest == content_hash(data)
            common = set(before[row_id].common_dict())
            kind_fields = {f.name for f in dataclasses.fields(before[row_id])} - common
            assert set(data) - {"v", "kind"} - common == kind_fields, data["kind"]
            assert question_from_dict(data) == before[row_id]
    engine.dispose()


def test_the_unseen_start_cache_keeps_its_rows_under_its_new_name(
    db_url: str, mini_pack_dir: Path
) -> None:
    """Version 4: `new_frontier`, as a version-3 database has it, becomes `unseen_start`."""
    from mpquiz.packs.loader import load_pack
    from mpquiz.store.repository import Store

    store = Store(open_engine(db_url))
    store.sync_pack(load_pack(mini_pack_dir), T0)
    learner = store.learner_id("ana", T0)
    store.close()
    engine = open_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("ALTER TABLE unseen_start RENAME TO new_frontier"))
        conn.execute(
            text("INSERT INTO new_frontier (learner_id, pack_id, position) VALUES (:l, 'mini', 2)"),
            {"l": learner},
        )
        conn.execute(text("UPDATE meta SET value = '3' WHERE key = 'schema_version'"))
    engine.dispose()
    engine = open_engine(db_url)
    with engine.connect() as conn:
        assert not inspect(conn).has_table("new_frontier")
        rows = conn.execute(text("SELECT learner_id, pack_id, position FROM unseen_start")).all()
        assert [tuple(r) for r in rows] == [(learner, "mini", 2)]
        assert migrations.schema_version(conn) == SCHEMA_VERSION
    engine.dispose()


def test_reviews_and_runs_of_a_version_4_database_gain_proof_and_processes(
    db_url: str, mini_pack_dir: Path
) -> None:
    """Version 5: `review.proof` and `demo_run.processes`; older rows keep NULL there (no
    claim about what their run showed) and still read."""
    from mpquiz.packs.loader import load_pack
    from mpquiz.store.repository import Store

    store = Store(open_engine(db_url))
    store.sync_pack(load_pack(mini_pack_dir), T0)
    store.learner_id("ana", T0)
    store.close()
    engine = open_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("ALTER TABLE review DROP COLUMN proof"))
        conn.execute(text("ALTER TABLE demo_run DROP COLUMN processes"))
        conn.execute(text("UPDATE meta SET value = '4' WHERE key = 'schema_version'"))
    with engine.connect() as conn:
        assert "proof" not in {c["name"] for c in inspect(conn).get_columns("review")}
    engine.dispose()
    engine = open_engine(db_url)
    with engine.connect() as conn:
        assert migrations.schema_version(conn) == SCHEMA_VERSION
        assert "proof" in {c["name"] for c in inspect(conn).get_columns("review")}
        assert "processes" in {c["name"] for c in inspect(conn).get_columns("demo_run")}
    engine.dispose()


def test_reviews_of_a_version_5_database_gain_the_exercise_column(
    db_url: str, mini_pack_dir: Path
) -> None:
    """Version 6: `review.exercise` (an exercise's checks); older reviews keep NULL."""
    from mpquiz.packs.loader import load_pack
    from mpquiz.store.repository import Store

    store = Store(open_engine(db_url))
    store.sync_pack(load_pack(mini_pack_dir), T0)
    store.learner_id("ana", T0)
    store.close()
    engine = open_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("ALTER TABLE review DROP COLUMN exercise"))
        conn.execute(text("UPDATE meta SET value = '5' WHERE key = 'schema_version'"))
    engine.dispose()
    engine = open_engine(db_url)
    with engine.connect() as conn:
        assert migrations.schema_version(conn) == SCHEMA_VERSION
        assert "exercise" in {c["name"] for c in inspect(conn).get_columns("review")}
    engine.dispose()


def test_reviews_of_a_version_6_database_gain_their_study_time(
    db_url: str, mini_pack_dir: Path
) -> None:
    """Version 7: `review.study_ms` (the time on the question, core.study_time), worked out
    for the reviews already stored from their times, learner by learner."""
    from datetime import timedelta

    from mpquiz.core.scheduling import CardState, Rating, Scheduler
    from mpquiz.packs.loader import load_pack
    from mpquiz.store.repository import ReviewRecord, Store

    store = Store(open_engine(db_url))
    store.sync_pack(load_pack(mini_pack_dir), T0)
    ana, ben = store.learner_id("ana", T0), store.learner_id("ben", T0)
    after = Scheduler().review(CardState(), Rating.Good, T0)
    ids = [q.id for q in store.unseen(ana, 4)]
    seconds = [0, 30, 100, 4000]  # the last one after a pause longer than the cap
    for qid, s in zip(ids, seconds, strict=True):
        at = T0 + timedelta(seconds=s)
        store.record_review(ReviewRecord(ana, qid, at, 3, True, "1", 7_000, "review", None, after))
    store.record_review(
        ReviewRecord(
            ben, ids[0], T0 + timedelta(seconds=50), 3, True, "1", 9_000, "exam", None, after
        )
    )
    store.close()
    engine = open_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("ALTER TABLE review DROP COLUMN study_ms"))
        conn.execute(text("UPDATE meta SET value = '6' WHERE key = 'schema_version'"))
    engine.dispose()
    engine = open_engine(db_url)
    with engine.connect() as conn:
        assert migrations.schema_version(conn) == SCHEMA_VERSION
        rows = conn.execute(
            text("SELECT learner_id, study_ms FROM review ORDER BY learner_id, reviewed_at")
        ).all()
    engine.dispose()
    assert [tuple(r) for r in rows] == [
        (ana, 7_000),
        (ana, 30_000),
        (ana, 70_000),
        (ana, 7_000),
        (ben, 9_000),
    ]


def test_learners_of_a_version_7_database_gain_their_own_fsrs_settings(
    db_url: str, mini_pack_dir: Path
) -> None:
    """Version 8: `learner.fsrs_parameters`, `desired_retention`, `optimized_at` and
    `optimized_reviews`; every learner already there starts on the defaults."""
    from mpquiz.core.scheduling import Tuning
    from mpquiz.store.repository import Store

    store = Store(open_engine(db_url))
    ana = store.learner_id("ana", T0)
    store.close()
    engine = open_engine(db_url)
    with engine.begin() as conn:
        for column in ("fsrs_parameters", "desired_retention", "optimized_at", "optimized_reviews"):
            conn.execute(text(f"ALTER TABLE learner DROP COLUMN {column}"))
        conn.execute(text("UPDATE meta SET value = '7' WHERE key = 'schema_version'"))
    with engine.connect() as conn:
        assert "fsrs_parameters" not in {c["name"] for c in inspect(conn).get_columns("learner")}
    engine.dispose()
    store = Store(open_engine(db_url))
    try:
        assert store.tuning(ana) == Tuning()
        store.save_tuning(ana, (0.5,) * 21, T0, reviews=450)
        assert store.tuning(ana) == Tuning((0.5,) * 21, None, T0, 450)
        assert store.learner_id("ben", T0) != ana
        assert store.tuning(store.learner_id("ben", T0)) == Tuning()
    finally:
        store.close()
