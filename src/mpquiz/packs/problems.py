"""Problems found in a pack, each naming the file, line, question and field."""

from __future__ import annotations

from dataclasses import dataclass

from mpquiz.core.errors import BadInput


@dataclass(frozen=True)
class PackProblem:
    """One thing wrong with a pack."""

    file: str
    message: str
    qid: str | None = None
    field: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        parts = [where]
        if self.qid:
            parts.append(f"question {self.qid}")
        if self.field:
            parts.append(f"field {self.field}")
        return ": ".join(parts) + f": {self.message}"


class PackErrors(BadInput):
    """A pack that cannot be used; holds every problem found, not only the first."""

    def __init__(self, problems: list[PackProblem]) -> None:
        self.problems = problems
        first = str(problems[0]) if problems else "invalid pack"
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(first + more)
