"""Which demo a question runs, decided on this machine, and starting it.

The database says which question is asked; it never says what runs. For every run:

1. the pack's folder is found by its id on this machine (packs.places), never from a
   folder stored in the database;
2. its manifest (packs.manifest: every file of its demos folder, and how each question
   runs) is read from those files; the built-in pack's must equal the lock recorded when
   mpquiz was built, any other pack's must equal the manifest the learner trusted;
3. the question's demo, arguments and timeout as the database holds them must equal the
   run plan in that manifest, else the row is refused, naming the pack and question;
4. the demo file must resolve inside the demos folder.

Only then does the demo start, from the manifest's plan. A refused run is a `Refusal`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from mpquiz.core.refusal import Refusal
from mpquiz.i18n import keyed
from mpquiz.packs.builtin_lock import read_lock
from mpquiz.packs.manifest import (
    Manifest,
    ManifestError,
    RunPlan,
    demo_files,
    read_manifest,
)
from mpquiz.packs.places import PackPlaces
from mpquiz.runner import DemoProcess, DemoSpec, start_demo
from mpquiz.session.demo_code import DemoCode, inside

if TYPE_CHECKING:
    from mpquiz.core.kinds import Question

MAX_TIMEOUT = 60.0

BUILTIN, TRUSTED, UNTRUSTED_STATE, CHANGED_STATE = "builtin", "trusted", "untrusted", "changed"
ABSENT, DAMAGED = "absent", "damaged"
"""ABSENT: the pack's files are not on this machine; DAMAGED: the built-in pack's files
are not as shipped."""


class TrustPolicy(Protocol):
    """What the learner trusted (packs.trust.TrustStore is the real one)."""

    def trusted(self, pack_id: str) -> Manifest | None:
        """The trusted manifest of the pack, or None."""
        ...

    def was_trusted(self, pack_id: str) -> bool:
        """True when the pack was trusted once (so a mismatch means it changed)."""
        ...


class TrustLocalFiles:
    """Trusts whatever the pack's files on this machine say: for tests, and for runs the
    learner has just confirmed (`pack validate --run --yes`)."""

    def trusted(self, pack_id: str) -> Manifest | None:
        return None

    def was_trusted(self, pack_id: str) -> bool:
        return True


@dataclass(frozen=True)
class DemoPlan:
    """The demo a question would run, or why it will not run."""

    spec: DemoSpec | None
    blocked: Refusal | None = None


def _command(demo: str, args: tuple[str, ...]) -> str:
    return " ".join([demo, *args])


class DemoLauncher:
    """Starts questions' demos, after the checks above."""

    def __init__(
        self,
        places: PackPlaces,
        trust: TrustPolicy,
        *,
        start: Callable[[DemoSpec], DemoProcess] = start_demo,
        builtin_lock: Callable[[], Manifest] | None = None,
    ) -> None:
        self.places = places
        self._trust = trust
        self._start = start
        self._builtin_lock = builtin_lock or (lambda: read_lock(places.builtin_dir))
        self.shown = DemoCode(places, self._builtin_lock)
        """What questions show of their demos, from the packs' own files."""

    # What a pack may run.

    def local_manifest(self, pack_id: str) -> Manifest:
        """The pack's manifest as its files on this machine are now (nothing checked).

        Raises:
            ManifestError: the pack is not here, or its files do not read.
        """
        folder = self.places.folder(pack_id)
        demos = self.places.demos(pack_id)
        if folder is None or demos is None or not self.places.installed(pack_id):
            raise keyed(ManifestError, "demo.pack_missing", pack=pack_id)
        manifest = read_manifest(folder, demos)
        if manifest.pack_id != pack_id:
            raise keyed(ManifestError, "demo.pack_mismatch", pack=pack_id, other=manifest.pack_id)
        return manifest

    def checked_manifest(self, pack_id: str) -> Manifest | Refusal:
        """The manifest the pack may run by, or why none may run."""
        if self.places.is_builtin(pack_id):
            return self._builtin(pack_id)
        if not self.places.installed(pack_id):
            return Refusal.of("demo.not_here", pack=pack_id)
        try:
            current = self.local_manifest(pack_id)
        except ManifestError as exc:
            return Refusal.of("demo.unreadable", pack=pack_id, reason=exc)
        if current.escapes:
            return Refusal.of("trust.link_out", pack=pack_id, file=current.escapes[0])
        if isinstance(self._trust, TrustLocalFiles):
            return current
        trusted = self._trust.trusted(pack_id)
        if trusted is not None and trusted.digest == current.digest:
            return current
        if trusted is None and not self._trust.was_trusted(pack_id):
            return Refusal.of("trust.untrusted", pack=pack_id)
        changed = current.changed_files(trusted) if trusted is not None else []
        files = ", ".join(changed[:3]) + (" …" if len(changed) > 3 else "")
        return Refusal.of("trust.changed", pack=pack_id, files=files or "pack.toml, questions/")

    def _builtin(self, pack_id: str) -> Manifest | Refusal:
        try:
            lock = self._builtin_lock()
            files, escapes = demo_files(self.places.builtin_demos, bytecode=False)
        except ManifestError as exc:
            return Refusal.of("trust.builtin_unsealed", reason=exc)
        if files != lock.files or escapes:
            current = Manifest(pack_id, files, {})
            changed = current.changed_files(lock) or list(escapes)
            return Refusal.of("trust.builtin_changed", file=changed[0])
        return lock

    def state(self, pack_id: str) -> str:
        """BUILTIN, TRUSTED, UNTRUSTED_STATE, CHANGED_STATE, ABSENT or DAMAGED."""
        checked = self.checked_manifest(pack_id)
        if isinstance(checked, Manifest):
            return BUILTIN if self.places.is_builtin(pack_id) else TRUSTED
        if self.places.is_builtin(pack_id):
            return DAMAGED
        return {
            "demo.not_here": ABSENT,
            "trust.untrusted": UNTRUSTED_STATE,
        }.get(checked.key, CHANGED_STATE)

    # What a question runs.

    def plan(self, question: Question) -> DemoPlan:
        """The spec to run for `question`, or the reason it cannot run."""
        checked = self.checked_manifest(question.pack_id)
        if isinstance(checked, Refusal):
            return DemoPlan(None, checked)
        plan = checked.runs.get(question.qid)
        where = {"pack": question.pack_id, "qid": question.qid}
        if plan is None:
            return DemoPlan(None, Refusal.of("demo.not_in_pack", **where))
        stored = RunPlan(question.demo, tuple(question.args), question.timeout)
        if stored != plan:
            return DemoPlan(
                None,
                Refusal.of(
                    "demo.row_mismatch",
                    **where,
                    stored=_command(stored.demo, stored.args),
                    here=_command(plan.demo, plan.args),
                ),
            )
        return self._spec(question.pack_id, plan.demo, plan.args, plan.timeout, checked)

    def plan_file(
        self,
        pack_id: str,
        demo: str,
        args: tuple[str, ...] = (),
        timeout: float | None = None,
    ) -> DemoPlan:
        """The spec to run one of a pack's demo files by name (the demo browser, `mpquiz
        demo run`): the files are checked as for a question; the arguments are only text
        handed to the demo, and the timeout is capped at MAX_TIMEOUT."""
        checked = self.checked_manifest(pack_id)
        if isinstance(checked, Refusal):
            return DemoPlan(None, checked)
        if demo not in checked.files or not demo.endswith(".py"):
            return DemoPlan(None, Refusal.of("demo.missing", file=demo))
        return self._spec(pack_id, demo, args, timeout, checked)

    def _spec(
        self,
        pack_id: str,
        demo: str,
        args: tuple[str, ...],
        timeout: float | None,
        manifest: Manifest,
    ) -> DemoPlan:
        folder = self.places.demos(pack_id)
        script = inside(folder, demo) if folder is not None else None
        if script is None or not script.is_file():
            return DemoPlan(None, Refusal.of("demo.missing", file=demo))
        limit = min(timeout or manifest.demo_timeout, MAX_TIMEOUT)
        return DemoPlan(DemoSpec(script=script, args=args, timeout=limit))

    def start(self, question: Question) -> tuple[DemoProcess | None, Refusal | None]:
        """Start the question's demo now: the running process, or why it did not start."""
        return self._run(self.plan(question))

    def start_file(
        self,
        pack_id: str,
        demo: str,
        args: tuple[str, ...] = (),
        timeout: float | None = None,
    ) -> tuple[DemoProcess | None, Refusal | None]:
        """Start a pack's demo file by name, under the same checks (see plan_file)."""
        return self._run(self.plan_file(pack_id, demo, args, timeout))

    def start_spec(self, spec: DemoSpec) -> DemoProcess:
        """Start a spec this launcher planned (an exercise's program is one: its pack's
        plan, with the learner's file as the script)."""
        return self._start(spec)

    def _run(self, plan: DemoPlan) -> tuple[DemoProcess | None, Refusal | None]:
        if plan.spec is None:
            return None, plan.blocked
        return self._start(plan.spec), None

    # What is shown (session.demo_code, without the runner: the first frame uses it).

    def local_plan(self, question: Question) -> RunPlan | None:
        """How the pack's files on this machine say the question runs (unchecked)."""
        return self.shown.local_plan(question)

    def code(self, question: Question) -> str | None:
        """The code shown with the question, from the pack's own demo file, if any."""
        return self.shown.code(question)

    def demo_name(self, question: Question) -> str:
        """The demo the question runs, as its pack's files name it."""
        return self.shown.demo_name(question)

    def file_source(self, pack_id: str, demo: str) -> str | None:
        """The source of one of the pack's demo files (made inert), or None."""
        return self.shown.file_source(pack_id, demo)

    def demo_files(self, pack_id: str) -> list[str]:
        """The pack's runnable demo files (`.py`), for the demo browser."""
        try:
            if self.places.is_builtin(pack_id):
                files = self._builtin_lock().files
            else:
                files = self.local_manifest(pack_id).files
        except ManifestError:
            return []
        return sorted(name for name in files if name.endswith(".py"))
