"""An exercise's own checks when its pack is loaded: its files, its region and each
[[question.checks]] table (one test, expressions that compile, constructs that read)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mpquiz.core.exercise import TEST_KEYS, ExerciseCheck, check_from_table
from mpquiz.core.kinds import ExerciseQuestion, Kind
from mpquiz.core.structure import MAIN_GUARD
from mpquiz.core.verdict import Note
from mpquiz.packs.problems import code_names
from mpquiz.packs.proof_checks import check_part

if TYPE_CHECKING:
    from mpquiz.packs.question_site import QuestionSite

_CONSTRUCT = re.compile(r"^(?:[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*|[A-Za-z_]\w*\(\))$")
_TIMING = ("speedup", "parallel")
PART_TESTS = ("line", "value", "order", "parallel")


def build_exercise(
    site: QuestionSite, common: dict[str, Any], d: dict[str, Any], demos_dir: Path
) -> ExerciseQuestion | None:
    """The exercise of the validated table `d`, or None when a check finds a problem."""
    before = len(site.loader.problems)
    from mpquiz.packs.question_site import check_region, is_file

    for field in ("solution", "reference"):
        name = d.get(field)
        if name and not is_file(demos_dir / name):
            site.problem(Note("pack.problem.file_not_found", {"field": field, "file": name}), field)
    edit = d.get("edit")
    if edit:
        for field in ("demo", "solution"):
            if d.get(field) and is_file(demos_dir / d[field]):
                check_region(site, demos_dir / d[field], edit, d[field], field="edit")
    checks: list[ExerciseCheck] = []
    names: set[str] = set()
    for i, table in enumerate(d["checks"]):
        where = f"checks.{i}"
        given = {("is" if k == "is_" else k): v for k, v in table.items() if v is not None}
        if given["name"] in names:
            site.problem(Note("pack.problem.check_twice", {"name": repr(given["name"])}),
                         f"{where}.name")  # fmt: skip
        names.add(given["name"])
        site.text(given["message"], f"{where}.message")
        if _check_table(site, given, where):
            checks.append(check_from_table(given))
    if len(site.loader.problems) > before:
        return None
    return ExerciseQuestion(
        **common,
        solution=d["solution"],
        reference=d.get("reference"),
        edit=edit,
        checks=tuple(checks),
    )


def _check_table(site: QuestionSite, given: dict[str, Any], where: str) -> bool:
    named = [k for k in TEST_KEYS if k in given]
    if not named and "avoids" in given:
        named = ["uses"]
    if len(named) != 1:
        tests: dict[str, object] = {"tests": code_names(TEST_KEYS), "named": code_names(named)}
        site.problem(
            Note("pack.problem.check_tests_many", tests)
            if named
            else Note("pack.problem.check_tests_none", tests),
            where,
            Note("pack.hint.check_test"),
        )
        return False
    test = named[0]
    ok = True

    def bad(message: Note, field: str, hint: Note | None = None) -> None:
        nonlocal ok
        ok = False
        site.problem(message, f"{where}.{field}", hint)

    if test in PART_TESTS:  # a line, a value, an order, processes at once: a proof's part
        before = len(site.loader.problems)
        part = {k: v for k, v in given.items() if k in (test, "is")}
        check_part(site, part, Kind.EXERCISE, where)
        ok = len(site.loader.problems) == before
    elif "is" in given:
        bad(Note("pack.problem.is_without_value"), "is")
    if "match" in given and test not in ("expected", "same_output"):
        bad(Note("pack.problem.match_without_expected"), "match")
    if "cores" in given and test not in _TIMING:
        bad(Note("pack.problem.cores_without_timing"), "cores")
    if "avoids" in given and test != "uses":
        bad(Note("pack.problem.avoids_without_uses"), "avoids")
    if test == "same_output" and given["same_output"] is not True:
        bad(Note("pack.problem.same_output_true"), "same_output")
    for field in ("uses", "avoids"):
        for construct in given.get(field, ()):
            if construct != MAIN_GUARD and not _CONSTRUCT.match(construct):
                bad(Note("pack.problem.no_construct", {"construct": repr(construct)}), field,
                    Note("pack.hint.construct"))  # fmt: skip
    if test == "uses" and not given.get("uses") and not given.get("avoids"):
        bad(Note("pack.problem.no_constructs"), "uses")
    return ok
