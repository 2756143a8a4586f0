"""Every demo on this machine by the name `mpquiz demo` uses, and running one by name.

A built-in demo is named by its file name (`race_counter`, `.py` optional); another
pack's as `PACK:NAME`. What may run is decided by the launcher (session.demos), exactly
as for a question's demo: the pack's files on this machine, checked against the
built-in lock or the learner's trust.
"""

from __future__ import annotations

import difflib
import shlex
from dataclasses import dataclass

from mpquiz.core.refusal import Refusal
from mpquiz.packs.manifest import Manifest, ManifestError, RunPlan
from mpquiz.packs.places import PackPlaces
from mpquiz.runner import DemoProcess
from mpquiz.session.demos import DemoLauncher


@dataclass(frozen=True)
class DemoEntry:
    """One demo file as `mpquiz demo list` shows it."""

    name: str
    """What `mpquiz demo run` takes: `race_counter`, or `PACK:NAME` for an added pack."""
    pack_id: str
    file: str
    questions: tuple[str, ...]
    """The questions that run it, by id."""
    blocked: Refusal | None
    """None when it may run here, else why not (an untrusted or changed pack)."""

    def to_dict(self) -> dict[str, object]:
        """The JSON form of `mpquiz demo list --json`."""
        return {
            "name": self.name,
            "pack": self.pack_id,
            "file": self.file,
            "questions": list(self.questions),
            "runs": self.blocked is None,
        }


@dataclass(frozen=True)
class DemoTarget:
    """A demo name resolved to a pack and a file."""

    pack_id: str
    file: str


class DemoCatalog:
    """The demos of the packs installed here (the built-in pack first)."""

    def __init__(self, launcher: DemoLauncher) -> None:
        self._launcher = launcher
        self._places = launcher.places

    def name_of(self, pack_id: str, file: str) -> str:
        """The name `mpquiz demo run` takes for this file."""
        return demo_name(self._places, pack_id, file)

    def entries(self) -> list[DemoEntry]:
        """Every runnable demo file of every installed pack."""
        found: list[DemoEntry] = []
        for pack_id in self._places.installed_ids():
            checked = self._launcher.checked_manifest(pack_id)
            blocked = checked if isinstance(checked, Refusal) else None
            users = _users(checked) if isinstance(checked, Manifest) else {}
            if blocked is not None and not self._places.is_builtin(pack_id):
                users = self._local_users(pack_id)
            for file in self._launcher.demo_files(pack_id):
                found.append(
                    DemoEntry(
                        self.name_of(pack_id, file),
                        pack_id,
                        file,
                        tuple(sorted(users.get(file, ()))),
                        blocked,
                    )
                )
        return found

    def _local_users(self, pack_id: str) -> dict[str, list[str]]:
        try:
            return _users(self._launcher.local_manifest(pack_id))
        except ManifestError:  # an unreadable pack lists no users
            return {}

    def resolve(self, name: str) -> DemoTarget | Refusal:
        """The pack and file `name` means, or why it means none (with close names)."""
        pack_id, _, stem = name.rpartition(":")
        if not pack_id:
            pack_id = self._places.builtin_id
        elif pack_id not in self._places.installed_ids():
            return Refusal.of(
                "demo.cli.no_pack",
                pack=pack_id,
                packs=", ".join(self._places.installed_ids()),
            )
        file = stem if stem.endswith(".py") else f"{stem}.py"
        files = self._launcher.demo_files(pack_id)
        if file in files:
            return DemoTarget(pack_id, file)
        names = [self.name_of(pack_id, known) for known in files]
        close = difflib.get_close_matches(self.name_of(pack_id, file), names, n=3)
        key = "demo.cli.unknown_close" if close else "demo.cli.unknown"
        return Refusal.of(key, name=name, close=", ".join(close))

    def blocked(self, target: DemoTarget) -> Refusal | None:
        """None when the demo may run here, else why not."""
        return self._launcher.plan_file(target.pack_id, target.file).blocked

    def start(
        self, target: DemoTarget, args: tuple[str, ...], timeout: float | None
    ) -> tuple[DemoProcess | None, Refusal | None]:
        """Start the demo with these arguments, under the launcher's checks."""
        return self._launcher.start_file(target.pack_id, target.file, args, timeout)


def demo_name(places: PackPlaces, pack_id: str, file: str) -> str:
    """The name `mpquiz demo run` takes for a pack's demo file."""
    stem = file[: -len(".py")] if file.endswith(".py") else file
    return stem if places.is_builtin(pack_id) else f"{pack_id}:{stem}"


def command_for(places: PackPlaces, pack_id: str, plan: RunPlan) -> str:
    """The `mpquiz demo run` command that runs a question's demo as the question does."""
    words = ["mpquiz", "demo", "run", demo_name(places, pack_id, plan.demo)]
    if plan.args:
        words += ["--", *plan.args]
    return " ".join(shlex.quote(word) for word in words)


def _users(manifest: Manifest) -> dict[str, list[str]]:
    users: dict[str, list[str]] = {}
    for qid, plan in manifest.runs.items():
        users.setdefault(plan.demo, []).append(qid)
    return users
