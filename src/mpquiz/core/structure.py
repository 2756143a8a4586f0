"""What a program is made of, read from its syntax tree: the names it uses (through its
imports), the methods it calls, and whether it has a main guard. Exercises' `uses` and
`avoids` checks ask it (core.exercise); nothing here runs the program."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from mpquiz.core.verdict import Note

MAIN_GUARD = "main-guard"
# multiprocessing's public names live in submodules too (multiprocessing.pool.Pool).
_MP_SUBMODULES = (
    "pool",
    "context",
    "queues",
    "synchronize",
    "sharedctypes",
    "connection",
    "process",
    "managers",
)


@dataclass(frozen=True)
class StructureFacts:
    """The constructs of one program, each with the first line (1-based) it is on."""

    names: dict[str, int] = field(default_factory=dict)
    """Dotted names resolved through the imports: "multiprocessing", "multiprocessing.Pool"."""
    attrs: dict[str, int] = field(default_factory=dict)
    """Attributes of objects that are no imported module (`ctx.Pool`, `manager.Lock`)."""
    calls: dict[str, int] = field(default_factory=dict)
    """Names of functions and methods called (`get_lock`, `join`)."""
    main_guard: int | None = None
    error: Note | None = None
    """Why the program could not be read (a syntax error), if it could not."""
    lines: tuple[str, ...] = ()
    first_line: int = 1
    """The program's line that is the first of the learner's text (when they edit one
    region of a larger file): lines are told to them counted from there."""

    def told_line(self, number: int) -> int:
        """Line `number` of the program as the learner counts it (in their own text)."""
        return told_line(number, self.first_line)

    def find(self, construct: str) -> int | None:
        """The first line using `construct` (see docs/writing-packs.md), None if none."""
        if construct == MAIN_GUARD:
            return self.main_guard
        if construct.endswith("()"):
            return self.calls.get(construct[:-2].rsplit(".", 1)[-1])
        if construct in self.names:
            return self.names[construct]
        module, _, attr = construct.rpartition(".")
        if module == "multiprocessing" and module in self.names:
            # A context's or a manager's: ctx.Pool(), manager.Lock().
            return self.attrs.get(attr)
        return None

    def line_text(self, number: int) -> str:
        """Line `number` of the program, stripped."""
        return self.lines[number - 1].strip() if 0 < number <= len(self.lines) else ""


def told_line(number: int, first_line: int) -> int:
    """Line `number` of a program whose learner's text starts at `first_line`, counted
    as the learner counts it (lines before their text keep their number)."""
    return number - first_line + 1 if number >= first_line else number


def analyse(source: str, first_line: int = 1) -> StructureFacts:
    """The constructs of `source`; a program that does not parse gives its error.
    `first_line`: where the learner's own text starts in it (StructureFacts.told_line)."""
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        line = told_line(exc.lineno, first_line) if exc.lineno else 0
        note = Note("exercise.syntax", {"line": line, "problem": exc.msg})
        return StructureFacts(error=note, lines=tuple(source.splitlines()), first_line=first_line)
    except (ValueError, RecursionError, MemoryError) as exc:
        note = Note("exercise.syntax", {"line": 0, "problem": type(exc).__name__})
        return StructureFacts(error=note, lines=tuple(source.splitlines()))
    walker = _Walker()
    walker.visit(tree)
    guard = next((n.lineno for n in tree.body if isinstance(n, ast.If) and _is_guard(n.test)), None)
    return StructureFacts(
        walker.names,
        walker.attrs,
        walker.calls,
        guard,
        None,
        tuple(source.splitlines()),
        first_line,
    )


def _is_guard(test: ast.expr) -> bool:
    """`__name__ == "__main__"`, either way round."""
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1):
        return False
    if not isinstance(test.ops[0], ast.Eq):
        return False
    sides = [test.left, test.comparators[0]]
    named = any(isinstance(s, ast.Name) and s.id == "__name__" for s in sides)
    main = any(isinstance(s, ast.Constant) and s.value == "__main__" for s in sides)
    return named and main


class _Walker(ast.NodeVisitor):
    def __init__(self) -> None:
        self.aliases: dict[str, str] = {}
        self.names: dict[str, int] = {}
        self.attrs: dict[str, int] = {}
        self.calls: dict[str, int] = {}

    def _use(self, dotted: str, line: int) -> None:
        parts = dotted.split(".")
        for i in range(1, len(parts) + 1):
            self.names.setdefault(".".join(parts[:i]), line)
        if len(parts) == 3 and parts[0] == "multiprocessing" and parts[1] in _MP_SUBMODULES:
            self.names.setdefault(f"multiprocessing.{parts[2]}", line)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if alias.asname:
                self.aliases[alias.asname] = alias.name
            else:
                root = alias.name.split(".")[0]
                self.aliases[root] = root
            self._use(alias.name, node.lineno)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.module is None or node.level:
            return
        self._use(node.module, node.lineno)
        for alias in node.names:
            if alias.name == "*":
                continue
            full = f"{node.module}.{alias.name}"
            self.aliases[alias.asname or alias.name] = full
            self._use(full, node.lineno)

    def visit_Name(self, node: ast.Name) -> None:
        if node.id in self.aliases:
            self._use(self.aliases[node.id], node.lineno)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        chain = _chain(node)
        if chain is not None and chain[0] in self.aliases:
            self._use(".".join([self.aliases[chain[0]], *chain[1:]]), node.lineno)
            return
        self.attrs.setdefault(node.attr, node.lineno)
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        if isinstance(func, ast.Attribute):
            self.calls.setdefault(func.attr, node.lineno)
        elif isinstance(func, ast.Name):
            self.calls.setdefault(func.id, node.lineno)
        self.generic_visit(node)


def _chain(node: ast.Attribute) -> list[str] | None:
    """`a.b.c` as ["a", "b", "c"]; None when the root is no plain name (a call, ...)."""
    parts: list[str] = []
    current: ast.expr = node
    while isinstance(current, ast.Attribute):
        parts.append(current.attr)
        current = current.value
    if not isinstance(current, ast.Name):
        return None
    parts.append(current.id)
    return parts[::-1]
