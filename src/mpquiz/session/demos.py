"""Which demo a question runs, with what limits, and whether it may run at all."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from mpquiz.core.model import Question
from mpquiz.packs.trust import UNTRUSTED, TrustStore, demo_hashes
from mpquiz.runner import DemoProcess, DemoSpec, start_demo
from mpquiz.store.repository import PackInfo

MAX_TIMEOUT = 60.0

TrustCheck = Callable[[PackInfo, Path, str], str | None]
"""(pack, demos folder, demo file) -> None when it may run, else why not (a message key)."""


def builtin_only(pack: PackInfo, demos_dir: Path, demo: str) -> str | None:
    """The strictest rule: only the built-in pack runs its demos."""
    return None if pack.builtin else UNTRUSTED


BUILTIN, TRUSTED, UNTRUSTED_STATE, CHANGED_STATE = "builtin", "trusted", "untrusted", "changed"


def trust_state(store: TrustStore, pack: PackInfo, demos_dir: Path) -> str:
    """BUILTIN, TRUSTED (exactly its current demo files), CHANGED (other versions of
    them were trusted) or UNTRUSTED_STATE."""
    if pack.builtin:
        return BUILTIN
    trusted = store.trusted(pack.id)
    if not trusted:
        return UNTRUSTED_STATE
    return TRUSTED if trusted == demo_hashes(demos_dir) else CHANGED_STATE


def trust_rule(store: TrustStore) -> TrustCheck:
    """The built-in pack is trusted; any other demo runs only if this machine trusts it."""

    def check(pack: PackInfo, demos_dir: Path, demo: str) -> str | None:
        return None if pack.builtin else store.check(pack.id, demos_dir, demo)

    return check


@dataclass(frozen=True)
class DemoPlan:
    """The demo a question would run, or why it will not run."""

    spec: DemoSpec | None
    blocked: str | None = None


class DemoLauncher:
    """Starts questions' demos, honouring each pack's folder, timeout and trust."""

    def __init__(
        self,
        packs: list[PackInfo],
        *,
        trust: TrustCheck = builtin_only,
        demos_dir_for: Callable[[PackInfo], Path] | None = None,
        start: Callable[[DemoSpec], DemoProcess] = start_demo,
    ) -> None:
        self._packs = {p.id: p for p in packs}
        self._trust = trust
        self._demos_dir_for = demos_dir_for or (lambda p: Path(p.demos_dir))
        self._start = start

    def plan(self, question: Question) -> DemoPlan:
        """The spec to run for `question`, or the reason it cannot run."""
        return self.plan_file(question.pack_id, question.demo, question.args, question.timeout)

    def plan_file(
        self,
        pack_id: str,
        demo: str,
        args: tuple[str, ...] = (),
        timeout: float | None = None,
    ) -> DemoPlan:
        """The spec to run a pack's demo file (`timeout` default: the pack's), or why not."""
        pack = self._packs.get(pack_id)
        if pack is None:
            return DemoPlan(None, "demo.no_pack")
        demos_dir = self._demos_dir_for(pack)
        script = demos_dir / demo
        if not script.is_file():
            return DemoPlan(None, "demo.missing")
        blocked = self._trust(pack, demos_dir, demo)
        if blocked:
            return DemoPlan(None, blocked)
        limit = min(timeout or pack.demo_timeout, MAX_TIMEOUT)
        return DemoPlan(DemoSpec(script=script, args=args, timeout=limit))

    def start(self, question: Question) -> tuple[DemoProcess | None, str | None]:
        """Start the question's demo now; returns the running process or the reason it did not."""
        return self._run(self.plan(question))

    def start_file(
        self, pack_id: str, demo: str, args: tuple[str, ...] = ()
    ) -> tuple[DemoProcess | None, str | None]:
        """Start a pack's demo file as a browser would, with the pack's limits and trust."""
        return self._run(self.plan_file(pack_id, demo, args))

    def _run(self, plan: DemoPlan) -> tuple[DemoProcess | None, str | None]:
        if plan.spec is None:
            return None, plan.blocked
        return self._start(plan.spec), None

    def demos_dir(self, question: Question) -> Path | None:
        """The folder holding the question's demo."""
        pack = self._packs.get(question.pack_id)
        return self._demos_dir_for(pack) if pack else None
