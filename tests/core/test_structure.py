"""Constructs found on the syntax tree, through the program's own imports."""

from __future__ import annotations

import pytest

from mpquiz.core.structure import analyse
from mpquiz.packs.code import regions, splice

PROGRAM = """\
import multiprocessing as mp
from threading import Thread
from multiprocessing.pool import Pool as P


def f(v):
    with v.get_lock():
        v.value += 1


if __name__ == "__main__":
    ctx = mp.get_context("spawn")
    lock = ctx.Lock()
    q = mp.Queue()
    pool = P(2)
"""


@pytest.mark.parametrize(
    ("construct", "line"),
    [
        ("multiprocessing.Pool", 3),  # from a submodule, under another name
        ("multiprocessing.Queue", 14),  # through the module's alias
        ("multiprocessing.Lock", 13),  # a context's
        ("threading", 2),
        ("threading.Thread", 2),
        ("get_lock()", 7),
        ("main-guard", 11),
        ("multiprocessing.Process", None),
        ("concurrent.futures.ProcessPoolExecutor", None),
        ("threading.Lock", None),  # ctx.Lock() is multiprocessing's, not threading's
    ],
)
def test_constructs_and_their_lines(construct: str, line: int | None) -> None:
    assert analyse(PROGRAM).find(construct) == line


def test_a_guard_inside_a_function_is_no_main_guard_and_either_order_is() -> None:
    inside = 'def main():\n    if __name__ == "__main__":\n        pass\n'
    assert analyse(inside).find("main-guard") is None
    assert analyse('if "__main__" == __name__:\n    pass\n').find("main-guard") == 1


def test_a_program_that_does_not_parse_says_where() -> None:
    facts = analyse("def f(:\n    pass\n")
    assert facts.error is not None and facts.error.key == "exercise.syntax"
    assert facts.error.params["line"] == 1


def test_splice_puts_the_learners_region_back_with_its_indentation() -> None:
    source = "def main():\n    # region: body\n    x = 1\n    # endregion\n    return x\n"
    spliced = splice(source, "body", "x = 2\nif x:\n    x += 1\n")
    assert spliced is not None
    assert regions(spliced)["body"] == "x = 2\nif x:\n    x += 1"
    assert "    x = 2\n    if x:\n        x += 1\n" in spliced and spliced.endswith("return x\n")
    assert splice(source, "nope", "x") is None
