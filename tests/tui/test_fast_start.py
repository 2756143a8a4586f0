"""The fast start: the first screen comes before the database is opened, then the app
goes on as if it had been open all along (answers given early, keys pressed early)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest

from mpquiz import paths
from mpquiz.core.errors import StoreError
from mpquiz.packs.builtin import BUILTIN_STAMP, source_fingerprint
from mpquiz.services import Services
from mpquiz.settings import Settings, save_settings
from mpquiz.store.meta import write_meta
from mpquiz.store.repository import Store
from mpquiz.tui.factory import build_app
from mpquiz.tui.screens.review import Phase
from mpquiz.tui.widgets.output_panel import OutputPanel
from tests.tui.conftest import FakeClock, PackOnlyServices, drive, make_services, plain, until


@pytest.fixture
def db(sqlite_url: str) -> Iterator[str]:
    """A database a learner has opened before: the pack in, the learner known."""
    svc = make_services(sqlite_url)
    svc.open()
    write_meta(svc.store, BUILTIN_STAMP, source_fingerprint(paths.builtin_pack_dir()))
    svc.close()
    yield sqlite_url


def _gated(db: str) -> tuple[Services, threading.Event]:
    """Fresh services whose background opening waits for the returned gate."""
    svc = PackOnlyServices(db_url=db, lang_option="en", learner="ana", clock=FakeClock())
    gate = threading.Event()
    warm = svc.warm

    def held() -> None:
        assert gate.wait(20), "the test never opened the gate"
        warm()

    svc.warm = held  # type: ignore[method-assign]
    return svc, gate


def _session_gated(svc: Services) -> threading.Event:
    """Hold the sitting built from the first look (in its thread) until the gate opens."""
    gate = threading.Event()
    early = svc.early_review_session

    def held(look: Any) -> Any:
        assert gate.wait(20), "the test never opened the gate"
        return early(look)

    svc.early_review_session = held  # type: ignore[method-assign]
    return gate


def _reviews(db: str) -> int:
    svc = PackOnlyServices(db_url=db, learner="ana")
    try:
        svc.open()
        return svc.store.review_count(svc.learner_id)
    finally:
        svc.close()


def test_the_review_is_answerable_before_the_database_opens(db: str) -> None:
    svc, gate = _gated(db)
    app = build_app(svc, start="review", fast_start=True)
    assert app.deferred and app.first_look is not None
    assert not svc.opened  # nothing opened through SQLAlchemy yet

    async def script(pilot: Any) -> None:
        screen = pilot.app.screen
        await until(pilot, lambda: screen.item is not None)  # the sitting holds it
        assert screen.question.qid == "basics.exitcode" and not svc.opened
        assert "1 of 6" in plain(screen.query_one("#title"))
        await pilot.press("1", "enter")
        await until(pilot, lambda: screen.phase is Phase.REVEAL)  # the demo ran: no database
        assert screen.outcome.verdict.correct is True and not svc.opened
        assert screen.query_one(OutputPanel).lines == ["child finished", "exitcode: 3"]
        gate.set()  # rating writes: it waits for the database
        await pilot.press("enter")
        await until(pilot, lambda: screen.question.qid == "basics.exitcode-number")
        assert svc.opened

    drive(app, script)
    svc.close()
    assert _reviews(db) == 1


def test_keys_typed_as_the_app_starts_are_given_to_the_first_question(db: str) -> None:
    svc, opened = _gated(db)
    app = build_app(svc, start="review", fast_start=True)

    async def script(pilot: Any) -> None:
        await pilot.press("1", "enter")  # before the question is on screen, or as it shows
        screen = pilot.app.screen
        await until(pilot, lambda: screen.phase is Phase.REVEAL)
        assert screen.question.qid == "basics.exitcode"
        assert screen.outcome.verdict.correct is True
        opened.set()

    drive(app, script)
    svc.close()


def test_quitting_while_the_sitting_loads_ends_cleanly(db: str) -> None:
    svc, opened = _gated(db)
    loaded = _session_gated(svc)
    app = build_app(svc, start="review", fast_start=True)

    async def script(pilot: Any) -> None:
        screen = pilot.app.screen
        await until(pilot, lambda: screen.question is not None)
        await pilot.press("ctrl+q")  # the sitting is still being built from the look
        loaded.set()
        opened.set()

    drive(app, script)  # a failure in a worker would be raised here
    svc.close()
    assert app.failure is None and app.return_code in (0, None)
    assert _reviews(db) == 0


def test_an_answer_given_before_the_sitting_loads_is_kept(db: str) -> None:
    svc, opened = _gated(db)
    loaded = _session_gated(svc)
    app = build_app(svc, start="review", fast_start=True)

    async def script(pilot: Any) -> None:
        screen = pilot.app.screen
        await until(pilot, lambda: screen.question is not None)
        assert screen.question.qid == "basics.exitcode" and screen.session is None
        await pilot.press("1", "enter")  # answered while the sitting is still loading
        assert screen.phase is Phase.WAITING
        assert "starting" in str(screen.query_one(OutputPanel).border_subtitle)
        loaded.set()
        await until(pilot, lambda: screen.phase is Phase.REVEAL)
        assert screen.outcome.verdict.correct is True
        assert screen.query_one(OutputPanel).lines == ["child finished", "exitcode: 3"]
        opened.set()
        await pilot.press("enter")
        await until(pilot, lambda: screen.question.qid == "basics.exitcode-number")

    drive(app, script)
    svc.close()
    assert _reviews(db) == 1


def test_the_database_loads_once_the_sitting_holds_its_question(db: str) -> None:
    svc, opened = _gated(db)
    loaded = _session_gated(svc)
    warmed: list[bool] = []
    held = svc.warm

    def warm() -> None:
        warmed.append(True)
        held()

    svc.warm = warm  # type: ignore[method-assign]
    app = build_app(svc, start="review", fast_start=True)

    async def script(pilot: Any) -> None:
        screen = pilot.app.screen
        await until(pilot, lambda: screen.question is not None)
        await pilot.pause(0.2)
        assert warmed == []  # not while the sitting loads: they would share one core
        loaded.set()
        await until(pilot, lambda: warmed == [True])
        assert screen.item is not None
        opened.set()
        await until(pilot, lambda: app.backend_ready)

    drive(app, script)
    svc.close()


def test_the_session_adopts_the_queue_the_first_frame_read(
    db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    svc, gate = _gated(db)
    app = build_app(svc, start="review", fast_start=True)
    look = app.first_look
    assert look is not None and look.total == len(look.queue.rows) == 6
    read_again: list[object] = []
    monkeypatch.setattr(Store, "day_queue", lambda *a, **k: read_again.append(a) or [])

    async def script(pilot: Any) -> None:
        screen = pilot.app.screen
        await until(pilot, lambda: screen.question is not None)
        gate.set()
        await until(pilot, lambda: screen.item is not None)
        assert screen.item.id == look.question_id and screen.question is look.question
        assert screen.session.total == 6

    drive(app, script)
    svc.close()
    assert read_again == []  # one read of the day's queue, the first frame's


def test_home_fills_its_figures_and_keys_wait_for_the_database(db: str) -> None:
    svc, gate = _gated(db)
    app = build_app(svc, fast_start=True)
    assert app.deferred and app.first_look is None

    async def script(pilot: Any) -> None:
        home = pilot.app.screen
        await until(pilot, lambda: type(home).__name__ == "HomeScreen")
        assert "Reading your progress" in plain(home.query_one("#today"))
        await pilot.press("s")  # waits for the database, then opens
        assert type(pilot.app.screen).__name__ == "HomeScreen"
        gate.set()
        await until(pilot, lambda: type(pilot.app.screen).__name__ == "StatsScreen")
        assert home.board is not None and "Due now" in plain(home.query_one("#today"))

    drive(app, script)
    svc.close()


def test_a_database_failing_in_the_background_ends_the_app_with_its_error(db: str) -> None:
    svc = PackOnlyServices(db_url=db, lang_option="en", learner="ana", clock=FakeClock())

    def broken() -> None:
        raise StoreError("database disk image is malformed: test.db")

    svc.warm = broken  # type: ignore[method-assign]
    app = build_app(svc, fast_start=True)

    async def script(pilot: Any) -> None:
        await until(pilot, lambda: app.failure is not None)

    drive(app, script)
    assert isinstance(app.failure, StoreError) and app.return_code == 1


def test_without_the_conditions_the_database_opens_first(sqlite_url: str) -> None:
    svc = make_services(sqlite_url)  # the meta has no built-in stamp: a sync would run
    svc.close()
    fresh = PackOnlyServices(db_url=sqlite_url, lang_option="en", learner="ana")
    app = build_app(fresh, start="review", fast_start=True)
    assert not app.deferred and app.first_look is None and fresh.opened
    fresh.close()
    newcomer = PackOnlyServices(db_url=sqlite_url, lang_option="en", learner="zoe")
    assert not newcomer.can_defer() and newcomer.first_look() is None


def test_shuffled_options_keep_their_places_when_the_session_takes_over(db: str) -> None:
    save_settings(Settings(shuffle_options=True), paths.config_file())
    for _ in range(3):  # several draws: the order differs, the agreement must not
        _answer_early_by_the_painted_number(db)


def _answer_early_by_the_painted_number(db: str) -> None:
    svc, gate = _gated(db)
    app = build_app(svc, start="review", fast_start=True)
    look = app.first_look
    assert look is not None
    right = next(iter(look.question.correct_options))

    async def script(pilot: Any) -> None:
        screen = pilot.app.screen
        await until(pilot, lambda: screen.question is not None)
        await pilot.press(str(right + 1), "enter")  # by the number painted
        gate.set()
        await until(pilot, lambda: screen.phase is Phase.REVEAL)
        assert screen.item.question.options == look.question.options
        assert screen.outcome.verdict.correct is True

    drive(app, script)
    svc.close()
