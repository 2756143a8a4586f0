"""The checks of what proves a key, as a pack writes it: a question's `proof` table and
its parts (a line, a value and its relation, an order, ...), which an exercise's checks
share; each problem names its field."""

from __future__ import annotations

import re
from typing import Any

from mpquiz.core.model import Kind
from mpquiz.core.proof import parse_relation
from mpquiz.core.proof_codec import ProofSpec
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
        site.problem(f"give `all = [...]` or one of {', '.join(named)}, not both", "proof")
    elif parts is None:
        parts = [table]
    clean = [check_part(site, part, kind, f"proof.all.{i}" if "all" in table else "proof")
             for i, part in enumerate(parts)]  # fmt: skip
    if len(site.loader.problems) > before:
        return None
    data: dict[str, Any] = {"all": clean} if table.get("all") is not None else dict(clean[0])
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
        site.problem(
            f"a proof part names exactly one of {', '.join(PART_FIELDS)} (this one: "
            f"{', '.join(named) or 'none'})",
            where,
            'for example proof = { line = "in input order: True" }',
        )
        return given
    if "is" in given and named[0] != "value":
        site.problem("`is` goes with `value`", f"{where}.is")
    for pattern in [given["line"]] if "line" in given else given.get("order", []):
        check_regex(site, pattern, f"{where}.{named[0]}")
    if named[0] == "value":
        check_value(site, given, kind, where)
    if named[0] == "output" and kind is not Kind.PREDICT:
        site.problem("`output` proves predict questions only", f"{where}.output")
    return given


def check_value(site: QuestionSite, given: dict[str, Any], kind: Kind, where: str) -> None:
    """A `value` part: its expression compiles and has a group `value`, its `is` reads."""
    compiled = check_regex(site, given["value"], f"{where}.value")
    if compiled is not None and "value" not in compiled.groupindex:
        site.problem(
            "the regular expression needs a group (?P<value>...) around the number",
            f"{where}.value",
            "for example 'lost updates: (?P<value>\\d+)'",
        )
    relation = given.get("is")
    if relation is None:
        site.problem('`value` needs `is`: "> 0", ">= 1.4", ... or "key"', f"{where}.is")
    elif relation == "key":
        if kind is not Kind.NUMERIC:
            site.problem('is = "key" compares with a numeric key: numeric questions only',
                         f"{where}.is")  # fmt: skip
    elif parse_relation(relation) is None:
        site.problem(
            f"{relation!r} is not a relation and a number",
            f"{where}.is",
            'write one of > >= < <= == != and a number: "> 0", ">= 1.4"',
        )


def check_regex(site: QuestionSite, pattern: str, field: str) -> re.Pattern[str] | None:
    """The compiled expression, or None with a problem naming `field`."""
    try:
        return re.compile(pattern)
    except (re.error, RecursionError, OverflowError) as exc:
        site.problem(f"invalid regular expression: {exc}", field)
        return None
