"""What a question shows of its demo: the code and the demo's name, from its pack's own
files on this machine (never the database's), read without loading the runner, so the
app's first frame can show them (see "Starting fast" in docs/ARCHITECTURE.md)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from mpquiz.core.inert import inert
from mpquiz.packs.builtin_lock import read_lock
from mpquiz.packs.code import shown_code
from mpquiz.packs.manifest import Manifest, ManifestError, RunPlan, run_plans
from mpquiz.packs.places import PackPlaces

if TYPE_CHECKING:
    from mpquiz.core.model import Question
    from mpquiz.packs.recorded import RecordedRun


class DemoCode:
    """Reads what questions show of their demos from the packs' files."""

    def __init__(
        self, places: PackPlaces, builtin_lock: Callable[[], Manifest] | None = None
    ) -> None:
        """`builtin_lock` gives the built-in pack's recorded manifest (packs.builtin_lock;
        read unchecked by default: what is shown runs only after the launcher checks it)."""
        self.places = places
        self._builtin_lock = builtin_lock or (lambda: read_lock(places.builtin_dir, checked=False))

    def local_plan(self, question: Question) -> RunPlan | None:
        """How the pack's files on this machine say the question runs (unchecked)."""
        try:
            if self.places.is_builtin(question.pack_id):
                return self._builtin_lock().runs.get(question.qid)
            folder = self.places.folder(question.pack_id)
            return None if folder is None else run_plans(folder)[2].get(question.qid)
        except (ManifestError, OSError):
            return None

    def code(self, question: Question) -> str | None:
        """The code shown with the question, from the pack's own demo file, if any."""
        plan = self.local_plan(question)
        folder = self.places.demos(question.pack_id)
        if plan is None or folder is None or question.code == "none":
            return None
        script = inside(folder, plan.demo)
        try:
            return None if script is None else shown_code(script, question.code)
        except (OSError, UnicodeDecodeError):
            return None

    def demo_name(self, question: Question) -> str:
        """The demo the question runs, as its pack's files name it."""
        plan = self.local_plan(question)
        return plan.demo if plan is not None else question.demo

    def recorded(self, question: Question) -> RecordedRun | None:
        """The pack's recorded run of the question (packs.recorded), or None."""
        from mpquiz.packs.recorded import read_recorded  # after an answer only

        folder = self.places.demos(question.pack_id)
        return None if folder is None else read_recorded(folder, question.qid)

    def file_source(self, pack_id: str, demo: str) -> str | None:
        """The source of one of the pack's demo files (made inert), or None."""
        folder = self.places.demos(pack_id)
        script = inside(folder, demo) if folder is not None else None
        try:
            return None if script is None else inert(script.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            return None


def inside(folder: Path, name: str) -> Path | None:
    """`folder/name` if it resolves inside `folder` (no `..`, no link out), else None."""
    try:
        top = folder.resolve(strict=True)
        path = (folder / name).resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    return folder / name if path.is_relative_to(top) and path != top else None
