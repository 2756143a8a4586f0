"""A validated [[question]] table turned into a core Question, with the checks of its kind
(packs.question_site says where each problem is)."""

from __future__ import annotations

import re
from typing import Any, assert_never

from mpquiz.core.model import (
    ChoiceQuestion,
    Kind,
    MatchRule,
    NumericKey,
    NumericQuestion,
    OpenQuestion,
    Option,
    PredictQuestion,
    Question,
)
from mpquiz.core.outputs import matches
from mpquiz.core.proof import parse_relation
from mpquiz.core.proof_codec import ProofSpec
from mpquiz.packs.question_site import QuestionSite


def build_question(
    site: QuestionSite, d: dict[str, Any], topics: set[str] | None, position: int
) -> Question | None:
    """The Question for the validated table `d`, or None when a check finds a problem."""
    loader = site.loader
    before = len(loader.problems)
    loader.common_checks(site, d, topics, texts=False)
    if d.get("evidence"):
        _check_evidence(site, d["evidence"], d["kind"])
    kind = Kind(d["kind"])
    common: dict[str, Any] = {
        "qid": d["id"],
        "pack_id": "",
        "topic": d["topic"],
        "prompt": site.text(d["prompt"], "prompt"),
        "demo": d["demo"],
        "explain": site.text(d["explain"], "explain"),
        "position": position,
        "args": tuple(d.get("args") or ()),
        "code": d.get("code") or ("all" if kind is Kind.PREDICT else "none"),
        "evidence": d.get("evidence"),
        "varies": bool(d.get("varies")),
        "timeout": d.get("timeout"),
        "proof": check_proof(site, d.get("proof"), kind),
        "source": site.path.relative_to(loader.root).as_posix()
        + (f":{site.line}" if site.line else ""),
    }
    question = _of_kind(site, kind, common, d)
    return question if len(loader.problems) == before else None


def _of_kind(
    site: QuestionSite, kind: Kind, common: dict[str, Any], d: dict[str, Any]
) -> Question | None:
    """The question of its kind, with the checks only that kind has (None: a problem)."""
    match kind:
        case Kind.CHOICE:
            options = tuple(
                Option(
                    site.text(o["text"], f"options.{i}.text"),
                    o["correct"],
                    site.text(o["feedback"], f"options.{i}.feedback")
                    if o.get("feedback")
                    else None,
                )
                for i, o in enumerate(d["options"])
            )
            if not any(o.correct for o in options):
                site.problem(
                    "no option has correct = true",
                    "options",
                    "mark the right option(s) correct = true",
                )
            return ChoiceQuestion(**common, options=options)
        case Kind.NUMERIC:
            answer = _numeric_key(site, d["answer"])
            if answer is None:
                return None
            unit = site.text(d["unit"], "unit") if d.get("unit") else None
            return NumericQuestion(**common, answer=answer, unit=unit)
        case Kind.PREDICT:
            _check_candidates(site, d)
            return PredictQuestion(
                **common,
                match=MatchRule(d.get("match", "exact")),
                expected=d.get("expected", ""),
                candidates=tuple(d.get("candidates") or ()),
            )
        case Kind.EXERCISE:
            from mpquiz.packs.exercise_build import build_exercise

            return build_exercise(site, common, d, site.loader.demos_dir)
        case Kind.OPEN:
            return OpenQuestion(
                **common,
                model_answer=site.text(d["model_answer"], "model_answer"),
                key_points=tuple(
                    site.text(k, f"key_points.{i}") for i, k in enumerate(d.get("key_points") or ())
                ),
            )
        case _:
            assert_never(kind)


_PART_FIELDS = ("line", "value", "order", "output", "parallel", "turns")


def check_proof(site: QuestionSite, table: dict[str, Any] | None, kind: Kind) -> ProofSpec | None:
    """The question's proof as data, after the checks the schema cannot make (one part a
    table, regular expressions that compile, a relation that reads); None without one or
    when a check fails (the problem is recorded)."""
    if table is None:
        return None
    before = len(site.loader.problems)
    parts = table.get("all")
    named = [key for key in _PART_FIELDS if table.get(key) is not None]
    if parts is not None and named:
        site.problem(f"give `all = [...]` or one of {', '.join(named)}, not both", "proof")
    elif parts is None:
        parts = [table]
    clean = [_check_part(site, part, kind, f"proof.all.{i}" if "all" in table else "proof")
             for i, part in enumerate(parts)]  # fmt: skip
    if len(site.loader.problems) > before:
        return None
    data: dict[str, Any] = {"all": clean} if table.get("all") is not None else dict(clean[0])
    if table.get("needs_cores", 1) != 1:
        data["needs_cores"] = table["needs_cores"]
    return ProofSpec.of(data)


def _check_part(site: QuestionSite, part: dict[str, Any], kind: Kind, where: str) -> dict[str, Any]:
    """One part as written (`is_` back to `is`, unset fields left out), checked."""
    given = {("is" if k == "is_" else k): v for k, v in part.items() if v is not None}
    given = {k: v for k, v in given.items() if k in (*_PART_FIELDS, "is")}
    named = [key for key in _PART_FIELDS if key in given]
    if len(named) != 1:
        site.problem(
            f"a proof part names exactly one of {', '.join(_PART_FIELDS)} (this one: "
            f"{', '.join(named) or 'none'})",
            where,
            'for example proof = { line = "in input order: True" }',
        )
        return given
    if "is" in given and named[0] != "value":
        site.problem("`is` goes with `value`", f"{where}.is")
    for pattern in [given["line"]] if "line" in given else given.get("order", []):
        _check_regex(site, pattern, f"{where}.{named[0]}")
    if named[0] == "value":
        _check_value(site, given, kind, where)
    if named[0] == "output" and kind is not Kind.PREDICT:
        site.problem("`output` proves predict questions only", f"{where}.output")
    return given


def _check_value(site: QuestionSite, given: dict[str, Any], kind: Kind, where: str) -> None:
    compiled = _check_regex(site, given["value"], f"{where}.value")
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


def _check_regex(site: QuestionSite, pattern: str, field: str) -> re.Pattern[str] | None:
    try:
        return re.compile(pattern)
    except (re.error, RecursionError, OverflowError) as exc:
        site.problem(f"invalid regular expression: {exc}", field)
        return None


def _check_evidence(site: QuestionSite, evidence: str, kind: str) -> None:
    try:
        compiled = re.compile(evidence)
    except (re.error, RecursionError, OverflowError) as exc:
        site.problem(
            f"invalid regular expression: {exc}",
            "evidence",
            "write a Python regular expression; double the backslashes in a basic string, "
            "or use a literal string 'like\\s+this'",
        )
        return
    if "value" in compiled.groupindex and kind != "numeric":
        site.problem(
            "the group (?P<value>...) measures a number only in numeric questions",
            "evidence",
            "use a plain group (...) here, or make the question numeric",
        )


def _numeric_key(site: QuestionSite, raw: Any) -> NumericKey | None:
    if isinstance(raw, int | float):
        return NumericKey(value=float(raw))
    if raw["value"] is None and raw["min"] is None and raw["max"] is None:
        site.problem("give value, or min and/or max", "answer")
        return None
    if raw["value"] is not None and (raw["min"] is not None or raw["max"] is not None):
        site.problem("give either value (with tolerance) or min/max, not both", "answer")
    if raw["min"] is not None and raw["max"] is not None and raw["min"] > raw["max"]:
        site.problem("min is greater than max", "answer", "swap them")
    if raw["value"] is None and raw["tolerance"]:
        site.problem("tolerance applies to value, not to min/max", "answer")
    return NumericKey(**raw)


def _check_candidates(site: QuestionSite, d: dict[str, Any]) -> None:
    candidates = d.get("candidates") or []
    if not candidates:
        return
    rule = MatchRule(d.get("match", "exact"))
    fitting = [c for c in candidates if matches(rule, d["expected"], c)]
    if len(fitting) != 1:
        site.problem(
            f"exactly one candidate must match expected ({len(fitting)} do)",
            "candidates",
            f"under match = {rule.value!r}, compare each candidate with expected",
        )
