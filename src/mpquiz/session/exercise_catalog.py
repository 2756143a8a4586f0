"""The exercises of the installed packs, by the names `mpquiz exercise` takes.

A built-in exercise is named by its question id (`lock.ex-fix-race`), another pack's as
`PACK:ID` (the built-in pack's take that form too). What may run is decided by the
launcher, as for every demo.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from mpquiz.core.kinds import ExerciseQuestion
from mpquiz.core.refusal import Refusal
from mpquiz.session.demos import DemoLauncher
from mpquiz.store.repository import Store, StoredQuestion


@dataclass(frozen=True)
class ExerciseEntry:
    """One exercise as `mpquiz exercise list` shows it."""

    name: str
    item: StoredQuestion
    blocked: Refusal | None
    """None when its programs may run here, else why not."""

    @property
    def question(self) -> ExerciseQuestion:
        """The exercise itself."""
        question = self.item.question
        assert isinstance(question, ExerciseQuestion)
        return question


class ExerciseCatalog:
    """The exercises in the learner's database whose packs are installed here."""

    def __init__(self, store: Store, learner_id: int, launcher: DemoLauncher) -> None:
        self._store = store
        self._learner = learner_id
        self._launcher = launcher

    def entries(self) -> list[ExerciseEntry]:
        """Every exercise, the built-in pack's first, each in its pack's order."""
        places = self._launcher.places
        items = self._store.question_pool(self._learner, kinds=["exercise"])
        found = []
        for item in items:
            question = item.question
            if not isinstance(question, ExerciseQuestion):
                continue
            builtin = places.is_builtin(question.pack_id)
            name = question.qid if builtin else f"{question.pack_id}:{question.qid}"
            found.append(ExerciseEntry(name, item, self._launcher.plan(question).blocked))
        found.sort(key=lambda e: (not places.is_builtin(e.question.pack_id), e.question.pack_id,
                                  e.question.position))  # fmt: skip
        return found

    def resolve(self, name: str) -> ExerciseEntry | Refusal:
        """The exercise called `name`, or a refusal naming the closest ones."""
        entries = self.entries()
        for entry in entries:
            full = f"{entry.question.pack_id}:{entry.question.qid}"
            if name in (entry.name, full):
                return entry
        names = [e.name for e in entries]
        close = difflib.get_close_matches(name, names, n=3, cutoff=0.5)
        if close:
            return Refusal.of("exercise.cli.unknown_close", name=name, close=", ".join(close))
        return Refusal.of("exercise.cli.unknown", name=name)
