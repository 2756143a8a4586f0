"""How the store's facade reports failures: one StoreError per database error, nothing half done."""

from __future__ import annotations

import inspect

import pytest
from sqlalchemy import text

from mpquiz.core.errors import StoreError
from mpquiz.core.model import Pack
from mpquiz.core.scheduling import CardState, Rating, Scheduler
from mpquiz.store.repository import ReviewRecord, Store
from tests.conftest import T0


def _drop_reviews(store: Store) -> None:
    with store.engine.begin() as conn:
        conn.execute(text("DROP TABLE review"))


def test_a_failed_read_is_a_store_error_naming_the_database(store: Store) -> None:
    learner = store.learner_id("ana", T0)
    _drop_reviews(store)
    with pytest.raises(StoreError, match="database error") as caught:
        store.review_count(learner)
    assert str(caught.value).startswith(store.where)


def test_a_failed_write_is_a_store_error_and_leaves_nothing_behind(
    store: Store, pack: Pack
) -> None:
    store.sync_pack(pack, T0)
    learner = store.learner_id("ana", T0)
    question = store.unseen(learner, 1)[0].id
    _drop_reviews(store)
    after = Scheduler().review(CardState(), Rating.Good, T0)
    record = ReviewRecord(learner, question, T0, 3, True, "1", 900, "review", None, after)
    with pytest.raises(StoreError):
        store.record_review(record)
    with store.engine.connect() as conn:  # the card written before the review was undone
        assert conn.execute(text("SELECT COUNT(*) FROM card")).scalar() == 0


def test_an_export_that_fails_while_read_is_a_store_error(store: Store) -> None:
    _drop_reviews(store)
    with pytest.raises(StoreError):
        list(store.export_reviews(T0))


def test_other_errors_pass_unchanged(store: Store) -> None:
    with pytest.raises(KeyError):
        store.finish_exam(404, T0, timed_out=False, total=0, correct=0, per_topic={})


def test_the_public_methods_are_the_facades_own_not_wrapped_at_import() -> None:
    public = [m for m in inspect.getmembers(Store, inspect.isfunction) if m[0][0] != "_"]
    assert len(public) > 25
    for name, method in public:
        assert method.__qualname__ == f"Store.{name}"
        assert not hasattr(method, "__wrapped__"), name
