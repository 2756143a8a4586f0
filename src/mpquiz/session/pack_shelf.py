"""The installed packs as the app's packs screen and demo browser see them.

One object for both screens, so neither touches the store, the trust file or the demo
launcher itself: it lists the packs with their trust on this machine, trusts and revokes
them, validates one again, and lists, shows and runs their demo files under the same
checks as a question's demo (session.demos).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from mpquiz.core.errors import MpquizError
from mpquiz.core.refusal import Refusal
from mpquiz.core.verdict import Note
from mpquiz.packs.manifest import Manifest, ManifestError
from mpquiz.packs.problems import PackErrors, PackProblem
from mpquiz.packs.trust import TrustStore
from mpquiz.runner import DemoProcess
from mpquiz.session.demos import DemoLauncher
from mpquiz.store.repository import Store
from mpquiz.store.values import PackInfo


class CannotTrust(MpquizError):
    """The pack's files cannot be trusted as they are; the message says why (worded in
    the learner's language by i18n.error_text when it has a key)."""


@dataclass(frozen=True)
class Validation:
    """What validating an installed pack found: its questions, or its problems."""

    questions: int
    problems: tuple[PackProblem, ...] = ()


class PackShelf:
    """The installed packs, their trust on this machine, and their demo files."""

    def __init__(
        self,
        store: Store,
        launcher: DemoLauncher,
        trust: TrustStore,
        question_counts: Callable[[], dict[tuple[str, str], int]],
        link_out: Callable[[str], str],
    ) -> None:
        """`question_counts` gives the active questions per (pack, topic); `link_out`
        words the problem of a link that leaves a pack's demos folder."""
        self._store = store
        self._launcher = launcher
        self._trust = trust
        self._counts = question_counts
        self._link_out = link_out

    def packs(self) -> list[PackInfo]:
        """The installed packs, the built-in one first."""
        return self._store.packs()

    def question_counts(self) -> dict[tuple[str, str], int]:
        """Active questions per (pack id, topic)."""
        return self._counts()

    def state(self, pack_id: str) -> str:
        """The pack's trust on this machine (see session.demos: builtin, trusted, ...)."""
        return self._launcher.state(pack_id)

    def is_builtin(self, pack_id: str) -> bool:
        """True for the pack this install ships."""
        return self._launcher.places.is_builtin(pack_id)

    def to_trust(self, pack_id: str) -> Manifest:
        """What trusting the pack would cover: its files as they are now.

        Raises:
            CannotTrust: the files are missing, do not read, or hold a link out.
        """
        try:
            manifest = self._launcher.local_manifest(pack_id)
        except ManifestError as exc:
            raise CannotTrust(str(exc), key=exc.key, params=exc.params) from None
        if manifest.escapes:
            raise CannotTrust(self._link_out(manifest.escapes[0]))
        return manifest

    def trust(self, pack_id: str, manifest: Manifest) -> None:
        """Trust exactly `manifest` (from to_trust) for the pack."""
        self._trust.trust(pack_id, manifest)

    def revoke(self, pack_id: str) -> bool:
        """Withdraw trust; False when the pack was not trusted."""
        return self._trust.revoke(pack_id)

    def validate(self, pack_id: str) -> Validation:
        """Load the pack's files on this machine again with the validator (slow: a
        worker's job); when they are not here, that is its one problem."""
        from mpquiz.packs.loader import load_pack  # pydantic: only when asked

        places = self._launcher.places
        folder, demos = places.folder(pack_id), places.demos(pack_id)
        if folder is None or demos is None or not places.installed(pack_id):
            return Validation(0, (PackProblem(pack_id, Note("tui.trust.absent")),))
        try:
            loaded = load_pack(folder, demos_dir=demos, builtin=places.is_builtin(pack_id))
        except PackErrors as exc:
            return Validation(0, tuple(exc.problems))
        return Validation(len(loaded.questions))

    # The demo browser.

    def demo_files(self, pack_id: str) -> list[str]:
        """The pack's runnable demo files."""
        return self._launcher.demo_files(pack_id)

    def source(self, pack_id: str, demo: str) -> str | None:
        """A demo file's source (inert), or None."""
        return self._launcher.file_source(pack_id, demo)

    def blocked(self, pack_id: str, demo: str) -> Refusal | None:
        """None when the demo file may run here, else why not."""
        return self._launcher.plan_file(pack_id, demo).blocked

    def start(self, pack_id: str, demo: str) -> tuple[DemoProcess | None, Refusal | None]:
        """Run a demo file by name, under the same checks as a question's demo."""
        return self._launcher.start_file(pack_id, demo)
