"""Builds mpquiz's parts from the global options and settings; shared by the CLI and the TUI."""

from __future__ import annotations

import dataclasses
import getpass
import os
import random
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mpquiz import paths
from mpquiz.packs.builtin import BUILTIN_STAMP, builtin_pack, source_fingerprint
from mpquiz.session.clock import Clock
from mpquiz.settings import Settings, load_settings

# The storage and session modules load SQLAlchemy (about half a second): they are imported
# where first needed, so the app can paint its first screen before (see first_look, warm).
if TYPE_CHECKING:
    from mpquiz.core.scheduling import Scheduler, Tuning
    from mpquiz.packs.places import PackPlaces
    from mpquiz.packs.trust import TrustStore
    from mpquiz.session.classroom import ClassReport
    from mpquiz.session.dashboard import Dashboard, History
    from mpquiz.session.demo_code import DemoCode
    from mpquiz.session.demos import DemoLauncher
    from mpquiz.session.exam import ExamSession, ExamSettings
    from mpquiz.session.first_look import FirstLook
    from mpquiz.session.forgetting import Curve
    from mpquiz.session.pack_shelf import PackShelf
    from mpquiz.session.review import ReviewSession
    from mpquiz.session.tuning import Optimizing
    from mpquiz.store.repository import Store
    from mpquiz.store.values import PackInfo, SyncReport


def default_learner() -> str:
    """The login name, the default learner."""
    try:
        return getpass.getuser() or "learner"
    except (KeyError, OSError):
        return os.environ.get("USER") or "learner"


@dataclass
class _Opened:
    """The database once open, and the learner's row in it (once asked for)."""

    store: Store
    learner_id: int | None = None


@dataclass
class Services:
    """Everything a command needs, created lazily so `--help` stays fast."""

    db_url: str | None = None
    lang_option: str | None = None
    learner: str | None = None
    config_path: Path | None = None
    clock: Clock = field(default_factory=Clock)
    notices: list[str] = field(default_factory=list)
    """What the learner was told while opening (see notice)."""
    quiet_notices: bool = False
    """True while the app shows notices itself (it prints them on exit too)."""
    _opened: _Opened | None = field(default=None, init=False, repr=False)
    _opening: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)
    _ever_opened: bool = field(default=False, init=False, repr=False)
    _after_open: list[Callable[[Store], object]] = field(
        default_factory=list, init=False, repr=False
    )
    _tuning: Tuning | None = field(default=None, init=False, repr=False)
    """The learner's own FSRS settings, once read (open(), or the first look)."""
    _scheduler: Scheduler | None = field(default=None, init=False, repr=False)

    @cached_property
    def settings(self) -> Settings:
        """The user's settings file, or the defaults."""
        return load_settings(self.config_path or paths.config_file())

    @cached_property
    def lang(self) -> str:
        """--lang, then the settings' language, then MPQUIZ_LANG, then the system locale
        (as cli.language.cli_language, which decides the command line's before parsing)."""
        from mpquiz.i18n import pick_language

        return pick_language(
            self.lang_option, self.settings.language or None, os.environ.get("MPQUIZ_LANG")
        )

    @property
    def url(self) -> str:
        """--db, then MPQUIZ_DB, then the `database` setting, then SQLite in the data folder."""
        return (
            self.db_url
            or os.environ.get("MPQUIZ_DB")
            or self.settings.database
            or paths.default_db_url()
        )

    def open(self, *, as_learner: bool = True) -> Store:
        """Open the database: the one step that touches it before any query.

        An SQLite file is looked at and backed up once a day first (store.opening); the
        schema is created or upgraded; the built-in pack is synced when its files changed;
        with `as_learner` (not for an instructor's class report) the learner's row is made
        on first use. Idempotent and safe from several threads (the app opens it in the
        background while painting its first screen).

        Raises:
            StoreError, BadInput: the database cannot be used.
        """
        with self._opening:
            if self._opened is None:
                self.settings  # noqa: B018 (a broken settings file fails before the database is touched)
                from mpquiz.store.opening import open_store

                today = self.clock.now().astimezone().date()
                store = open_store(self.url, today, notify=self.notice)
                try:
                    self.sync_builtin(store)
                except BaseException:
                    store.close()
                    raise
                self._opened = _Opened(store)
                self._ever_opened = True
                actions, self._after_open = self._after_open, []
                for action in actions:
                    action(store)
            opened = self._opened
            if as_learner and opened.learner_id is None:
                opened.learner_id = opened.store.learner_id(self.learner_name, self.clock.now())
                self._tuning = opened.store.tuning(opened.learner_id)
            return opened.store

    @property
    def opened(self) -> bool:
        """True while the database is open (after open(), before close())."""
        return self._opened is not None

    @property
    def was_opened(self) -> bool:
        """True once open() has succeeded, even after close()."""
        return self._ever_opened

    @property
    def store(self) -> Store:
        """The database (open() it first)."""
        return self._require().store

    @property
    def learner_id(self) -> int:
        """The learner's row id (known once the database is open for the learner)."""
        learner_id = self._require().learner_id
        if learner_id is None:
            raise RuntimeError("Services.open(as_learner=True) first")
        return learner_id

    def _require(self) -> _Opened:
        if self._opened is None:
            raise RuntimeError("Services.open() the database first")
        return self._opened

    def notice(self, message: str) -> None:
        """Something the learner must hear about (a database that was empty): kept in
        `notices` for the app to show, and printed on stderr unless `quiet_notices`."""
        self.notices.append(message)
        if not self.quiet_notices:
            _tell(message)

    def repeat_notices(self) -> None:
        """Print every notice on stderr (after the app, whose screen showed them)."""
        for message in self.notices:
            _tell(message)

    def sync_builtin(self, store: Store) -> SyncReport | None:
        """Bring the stored copy of the bundled pack up to date; None when it already was.

        Loading and validating the pack costs more than anything else at start-up, so a
        fingerprint of its raw files (and of this mpquiz's version) skips it when nothing
        changed since the last sync of this database.
        """
        from mpquiz.store.meta import read_meta, write_meta

        root = paths.builtin_pack_dir()
        stamp = source_fingerprint(root)
        if read_meta(store, BUILTIN_STAMP) == stamp:
            return None
        report = store.sync_pack(builtin_pack(stamp), self.clock.now())
        write_meta(store, BUILTIN_STAMP, stamp)
        return report

    @cached_property
    def learner_name(self) -> str:
        """--learner, else the login name."""
        return self.learner or default_learner()

    @property
    def scheduler(self) -> Scheduler:
        """The learner's FSRS scheduler: their own parameters and desired retention once
        known (schema 8: the database, or the first look), else FSRS's defaults and the
        settings' desired retention."""
        from mpquiz.core.scheduling import Scheduler, Tuning

        tuning = self._tuning or Tuning()
        retention = tuning.desired_retention or self.settings.desired_retention
        kept = self._scheduler
        if (
            kept is None
            or kept.parameters != tuning.parameters
            or kept.desired_retention != retention
        ):
            kept = self._scheduler = Scheduler(retention, parameters=tuning.parameters)
        return kept

    @property
    def own_retention(self) -> float | None:
        """The learner's own desired retention (schema 8), None: the settings'."""
        return self._tuning.desired_retention if self._tuning else None

    def set_retention(self, retention: float | None) -> None:
        """Keep `retention` as the learner's own desired retention (None: back to the
        settings'); the scheduler aims the next intervals at it."""
        self.store.save_retention(self.learner_id, retention)
        self._tuning = self.store.tuning(self.learner_id)

    def optimize(self, *, dry_run: bool = False) -> Optimizing:
        """Fit the learner's FSRS parameters to their reviews (core.optimizer); when they
        predict those reviews better than what the learner has, keep them and reschedule
        the learner's cards with them (`dry_run`: report only). The scheduler uses them
        from then on.

        Raises:
            NotEnoughReviews: too few reviews to fit.
        """
        from mpquiz.session.tuning import optimize_learner

        store = self.store
        result = optimize_learner(
            store,
            self.learner_id,
            self._tuning,
            self.clock.now(),
            retention=self.scheduler.desired_retention,
            dry_run=dry_run,
        )
        if not dry_run:
            self._tuning = store.tuning(self.learner_id)
        return result

    @cached_property
    def trust(self) -> TrustStore:
        """This machine's trusted demo hashes."""
        from mpquiz.packs.trust import TrustStore

        return TrustStore(paths.data_dir() / "trust.json")

    @property
    def packs_root(self) -> Path:
        """Where added packs are copied."""
        return paths.data_dir() / "packs"

    @cached_property
    def places(self) -> PackPlaces:
        """Where each pack's files are on this machine (never taken from the database)."""
        from mpquiz.packs.places import PackPlaces

        return PackPlaces.here(self.packs_root)

    @cached_property
    def demo_code(self) -> DemoCode:
        """What questions show of their demos (light: the first frame uses it)."""
        from mpquiz.session.demo_code import DemoCode

        return DemoCode(self.places)

    @cached_property
    def launcher(self) -> DemoLauncher:
        """Decides what each question runs here, and starts it (see session.demos)."""
        from mpquiz.session.demos import DemoLauncher

        return DemoLauncher(self.places, self.trust)

    def review_session(
        self,
        *,
        pack_id: str | None = None,
        topic: str | None = None,
        new_per_day: int | None = None,
    ) -> ReviewSession:
        """Today's review for the learner, optionally narrowed to one pack or topic."""
        from mpquiz.session.queue import build_queue
        from mpquiz.session.review import ReviewSession

        now = self.clock.now()
        limit = self.settings.new_per_day if new_per_day is None else new_per_day
        items = build_queue(
            self.store,
            self.learner_id,
            now,
            self.clock.day_start(now),
            limit,
            pack_id=pack_id,
            topic=topic,
        )
        return ReviewSession(
            self.store,
            self.scheduler,
            self.learner_id,
            self.launcher,
            items,
            lang=self.lang,
            clock=self.clock,
            packs={p.id: p for p in self.store.packs()},
            rng=self._shuffler,
        )

    def early_review_session(self, look: FirstLook) -> ReviewSession:
        """Today's review as the first frame read it (first_look), before the repository
        has loaded: its queue, and its first question shown as painted, not read again.
        What the sitting writes waits for the repository (PendingLedger), which the app
        opens in the background meanwhile; the packs' facts are read from it when first
        needed, after the first question."""
        from mpquiz.core.scheduling import Tuning
        from mpquiz.session.pending import PendingLedger, StoredPacks
        from mpquiz.session.review import ReviewSession
        from mpquiz.store.values import stored_queue

        if self._tuning is None:  # the look read the learner's row as the session will
            self._tuning = Tuning.read(*look.tuning)

        moved = look.queue.moved
        if moved:  # the look is read-only: the unseen starts it moved are saved later
            self.after_open(lambda store: store.save_unseen_starts(look.learner_id, moved))
        return ReviewSession(
            PendingLedger(self.open),
            self.scheduler,
            look.learner_id,
            self.launcher,
            stored_queue(look.queue),
            lang=self.lang,
            clock=self.clock,
            packs=StoredPacks(lambda: self.open().packs()),
            rng=self._shuffler,
            first_shown=(look.question_id, look.shown),
        )

    def after_open(self, action: Callable[[Store], object]) -> None:
        """Run `action` on the repository once it is open: now if it is, else right after
        open() opens it (in the thread that opens it)."""
        with self._opening:
            if self._opened is None:
                self._after_open.append(action)
                return
            store = self._opened.store
        action(store)

    def trust_state(self, pack: PackInfo) -> str:
        """ "builtin", "trusted", "untrusted", "changed", "absent" or "damaged" (see
        session.demos)."""
        return self.launcher.state(pack.id)

    def exam_session(self, settings: ExamSettings) -> ExamSession:
        """A new exam (call start() on it to draw the questions and start the clock)."""
        from mpquiz.session.exam import ExamSession

        packs = self.store.packs()
        return ExamSession(
            self.store,
            self.scheduler,
            self.learner_id,
            self.launcher,
            dataclasses.replace(settings, shuffle=self.settings.shuffle_options),
            clock=self.clock,
            lang=self.lang,
            packs={p.id: p for p in packs},
        )

    def dashboard(self) -> Dashboard:
        """The home screen's figures."""
        from mpquiz.session.dashboard import dashboard

        return dashboard(
            self.store,
            self.scheduler,
            self.learner_id,
            self.learner_name,
            self.clock,
            self.settings.new_per_day,
            self.lang,
            self._tuning.optimized_reviews if self._tuning else 0,
        )

    def history(self) -> History:
        """The stats screen's figures."""
        from mpquiz.session.dashboard import history

        return history(self.store, self.scheduler, self.learner_id, self.clock, self.lang)

    def pack_shelf(self) -> PackShelf:
        """The installed packs, their trust and their demo files, for the app's screens."""
        from mpquiz.i18n import t
        from mpquiz.session.pack_shelf import PackShelf

        store = self.store
        return PackShelf(
            store,
            self.launcher,
            self.trust,
            lambda: store.question_counts(None),
            lambda file: t("pack.trust.link_out", self.lang, file=file),
        )

    def stats(self) -> dict[str, Any]:
        """The learner's figures for `mpquiz stats` (see session.stats.learner_stats)."""
        from mpquiz.session.stats import learner_stats

        now = self.clock.now()
        return learner_stats(
            self.store,
            self.learner_id,
            self.learner_name,
            now,
            self.clock.day_start(now),
            self.settings.new_per_day,
            self.lang,
            self.scheduler,
            self._tuning,
            self.clock.zone,
        )

    def class_report(self, days: int = 30, pack_id: str | None = None) -> ClassReport:
        """The instructor's report over the last `days` days (session.classroom)."""
        from mpquiz.session.classroom import class_report

        return class_report(
            self.store,
            self.scheduler,
            self.clock.now(),
            since_days=days,
            pack_id=pack_id,
            lang=self.lang,
        )

    def forgetting_curve(self, name: str) -> Curve:
        """One question's predicted recall over time, with the learner's answers.

        Raises:
            BadInput: no question is called `name`.
        """
        from mpquiz.core.errors import BadInput
        from mpquiz.core.refusal import Refusal
        from mpquiz.i18n import reason
        from mpquiz.session.forgetting import forgetting_curve

        found = forgetting_curve(
            self.store, self.scheduler, self.learner_id, name, self.clock.now()
        )
        if isinstance(found, Refusal):
            raise BadInput(reason(found, self.lang))
        return found

    # Starting fast: the first screen before the repository (see store.first_look).

    def _first_look_terms(self) -> tuple[Path, dict[str, str]] | None:
        """The SQLite file and the meta values a first look needs, if the URL allows one."""
        from mpquiz.store.first_look import sqlite_file
        from mpquiz.store.version import SCHEMA_VERSION

        db = sqlite_file(self.url)
        if db is None or self.opened:
            return None
        stamp = source_fingerprint(paths.builtin_pack_dir())
        return db, {"schema_version": str(SCHEMA_VERSION), BUILTIN_STAMP: stamp}

    def can_defer(self) -> bool:
        """True when the database may be opened after the first screen is painted: an SQLite
        file the repository will not change on opening, with this learner in it. Otherwise
        it is opened first, so its errors come before any screen."""
        from mpquiz.store.first_look import ready

        terms = self._first_look_terms()
        return terms is not None and ready(terms[0], meta=terms[1], learner=self.learner_name)

    def first_look(
        self,
        *,
        pack_id: str | None = None,
        topic: str | None = None,
        new_per_day: int | None = None,
    ) -> FirstLook | None:
        """Today's first question, read without loading the repository (store.first_look), or
        None when that cannot be relied on (see can_defer) or nothing is due."""
        from mpquiz.session.first_look import first_look
        from mpquiz.store.first_look import first_question

        terms = self._first_look_terms()
        if terms is None:
            return None
        now = self.clock.now()
        look = first_question(
            terms[0],
            meta=terms[1],
            learner=self.learner_name,
            now=now,
            day_start=self.clock.day_start(now),
            new_per_day=self.settings.new_per_day if new_per_day is None else new_per_day,
            pack_id=pack_id,
            topic=topic,
        )
        if look is None:
            return None
        return first_look(look, self.lang, self.demo_code.code, self._shuffler)

    @cached_property
    def _shuffler(self) -> random.Random | None:
        """Shuffles options for this run of mpquiz (None: the pack's order): one, so the
        session goes on from the first look's draw."""
        return random.Random() if self.settings.shuffle_options else None

    def warm(self) -> None:
        """Open the database and load what the screens use next (for a background thread)."""
        self.open()
        _ = self.scheduler
        import mpquiz.session.dashboard
        import mpquiz.session.exam
        import mpquiz.session.queue
        import mpquiz.session.review  # noqa: F401

    def close(self) -> None:
        """Release the database, if it was opened."""
        with self._opening:
            if self._opened is not None:
                self._opened.store.close()
                self._opened = None


def _tell(message: str) -> None:
    """A notice as one line on stderr, like mpquiz's errors."""
    print(f"mpquiz: {message}", file=sys.stderr, flush=True)
