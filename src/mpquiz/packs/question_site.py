"""Where a [[question]] table is written, so each of its problems names the right line,
and the checks of demo files that every kind shares."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from mpquiz.core.model import Text
from mpquiz.core.verdict import Note
from mpquiz.packs.locate import QuestionLines
from mpquiz.packs.problems import PackProblem


class Checker(Protocol):
    """What building a question needs of the pack loader (packs.loader): its root, the
    problems found so far, where to add one, how to read a text, the shared checks."""

    root: Path
    demos_dir: Path
    problems: list[PackProblem]
    pack_id: str

    def problem(
        self,
        file: Path | str,
        message: Note,
        *,
        qid: str | None = None,
        field: str | None = None,
        line: int | None = None,
        hint: Note | None = None,
    ) -> None:
        """Record a problem: its message and hint as keys and fields (packs.problems)."""

    def text(
        self,
        value: Any,
        path: Path,
        qid: str | None,
        field: str,
        line: int | Callable[[], int | None] | None = None,
    ) -> Text:
        """A localized text, checked against the pack's languages (`line`: the line, or a
        function that finds it when there is a problem)."""

    def common_checks(
        self, site: QuestionSite, table: dict[str, Any], topics: set[str] | None, *, texts: bool
    ) -> None:
        """The checks every kind shares (topic, demo, region, texts)."""

    def region_names(self, path: Path) -> set[str] | None:
        """The regions the demo file `path` marks; None when it is not a readable file."""


class QuestionSite:
    """Where one question is written, so each of its problems names the right line."""

    def __init__(
        self, loader: Checker, path: Path, lines: QuestionLines, index: int, source: str
    ) -> None:
        self.loader, self.path, self.lines, self.index = loader, path, lines, index
        self.source = source
        """The file as a question's `source` names it: relative to the pack, with `/`."""
        self.qid: str | None = None
        self.id_line: int | None = None

    @property
    def line(self) -> int | None:
        """The question's own line: its `id`, else its `[[question]]` header."""
        return self.id_line or self.lines.start(self.index)

    def field_line(self, field: str | None) -> int | None:
        """The line writing `field`, else the question's line."""
        return self.lines.field(self.index, field) or self.line

    def problem(self, message: Note, field: str | None = None, hint: Note | None = None) -> None:
        """Record a problem of this question."""
        self.loader.problem(
            self.path, message, qid=self.qid, field=field, line=self.field_line(field), hint=hint
        )

    def text(self, value: Any, field: str) -> Text:
        """A localized text of this question, checked against the pack's languages."""
        return self.loader.text(value, self.path, self.qid, field, lambda: self.field_line(field))


def is_file(path: Path) -> bool:
    """Path.is_file() that says False, not raises, for names no file system accepts."""
    try:
        return path.is_file()
    except (OSError, ValueError):  # a name too long, or holding a NUL byte
        return False


def check_region(
    site: QuestionSite, demo_path: Path, code: str, demo: str, *, field: str = "code"
) -> None:
    """A problem when `code` names a region the demo does not mark (checked if it exists)."""
    names = site.loader.region_names(demo_path)
    if names is not None and code not in names:
        found: dict[str, object] = {"region": code, "demo": demo, "found": ", ".join(sorted(names))}
        site.problem(
            Note("pack.problem.no_region", found)
            if names
            else Note("pack.problem.no_regions", found),
            field,
            Note("pack.hint.mark_region", {"region": code}),
        )
