"""The checks of what proves a key, as a pack writes it: a question's `proof` table and
its parts (a line, a value and its relation, an order, ...), which an exercise's checks
share; each problem names its field."""

from __future__ import annotations

import re
from typing import Any

from mpquiz.core.model import Kind
from mpquiz.core.proof import parse_relation
from mpquiz.core.proof_codec import ProofSpec
from mpquiz.core.verdict import Note
from mpquiz.packs.problems import code_names
from mpquiz.packs.question_site import QuestionSite

PART_FIELDS = ("line", "value", "order", "output", "parallel", "turns")


def check_proof(site: QuestionSite, table: dict[str, Any] | None, kind: Kind) -> ProofSpec | None:
    """The question's proof as data, after the checks the schema cannot make (one part a
    table, regular expressions that compile, a relation that reads); None without one or
    when a check fails (the problem is recorded)."""
    if table is None:
        return None
    before = len(site.loader.problems)
    parts = table.get("all")
    named = [key for key in PART_FIELDS if table.get(key) is not None]
    if parts is not None and named:
        site.problem(Note("pack.problem.proof_all_and", {"parts": code_names(named)}), "proof")
    elif parts is None:
        parts = [table]
    in_all = table.get("all") is not None  # the model gives every field, `all` = None too
    clean = [check_part(site, part, kind, f"proof.all.{i}" if in_all else "proof")
             for i, part in enumerate(parts)]  # fmt: skip
    if len(site.loader.problems) > before:
        return None
    data: dict[str, Any] = {"all": clean} if in_all else dict(clean[0])
    if table.get("needs_cores", 1) != 1:
        data["needs_cores"] = table["needs_cores"]
    return ProofSpec.of(data)


def check_part(site: QuestionSite, part: dict[str, Any], kind: Kind, where: str) -> dict[str, Any]:
    """One part as written (`is_` back to `is`, unset fields left out), checked; an
    exercise's line, value, order and parallel checks are parts too."""
    given = {("is" if k == "is_" else k): v for k, v in part.items() if v is not None}
    given = {k: v for k, v in given.items() if k in (*PART_FIELDS, "is")}
    named = [key for key in PART_FIELDS if key in given]
    if len(named) != 1:
        fields: dict[str, object] = {"fields": code_names(PART_FIELDS), "named": code_names(named)}
        site.problem(
            Note("pack.problem.proof_part_many", fields)
            if named
            else Note("pack.problem.proof_part_none", fields),
            where,
            Note("pack.hint.proof_part"),
        )
        return given
    if "is" in given and named[0] != "value":
        site.problem(Note("pack.problem.is_without_value"), f"{where}.is")
    for pattern in [given["line"]] if "line" in given else given.get("order", []):
        check_regex(site, pattern, f"{where}.{named[0]}")
    if named[0] == "value":
        check_value(site, given, kind, where)
    if named[0] == "output" and kind is not Kind.PREDICT:
        site.problem(Note("pack.problem.output_not_predict"), f"{where}.output")
    return given


def check_value(site: QuestionSite, given: dict[str, Any], kind: Kind, where: str) -> None:
    """A `value` part: its expression compiles and has a group `value`, its `is` reads."""
    compiled = check_regex(site, given["value"], f"{where}.value")
    if compiled is not None and "value" not in compiled.groupindex:
        site.problem(
            Note("pack.problem.value_group"), f"{where}.value", Note("pack.hint.value_group")
        )
    relation = given.get("is")
    if relation is None:
        site.problem(Note("pack.problem.value_without_is"), f"{where}.is")
    elif relation == "key":
        if kind is not Kind.NUMERIC:
            site.problem(Note("pack.problem.is_key_not_numeric"), f"{where}.is")
    elif parse_relation(relation) is None:
        site.problem(
            Note("pack.problem.bad_relation", {"relation": repr(relation)}),
            f"{where}.is",
            Note("pack.hint.relation"),
        )


def check_regex(site: QuestionSite, pattern: str, field: str) -> re.Pattern[str] | None:
    """The compiled expression, or None with a problem naming `field`."""
    try:
        return re.compile(pattern)
    except (re.error, RecursionError, OverflowError) as exc:
        site.problem(bad_regex(exc), field)
        return None


def bad_regex(exc: Exception) -> Note:
    """ "invalid regular expression: ..." with Python's (English) reason, and where in the
    expression when Python says."""
    if isinstance(exc, re.error) and exc.pos is not None:
        return Note("pack.problem.bad_regex_at", {"detail": exc.msg, "position": exc.pos})
    return Note("pack.problem.bad_regex", {"detail": str(exc)})
