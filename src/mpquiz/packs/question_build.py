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
from mpquiz.core.verdict import Note
from mpquiz.packs.proof_checks import bad_regex, check_proof
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
        "pack_id": loader.pack_id,
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
        "source": site.source + (f":{site.line}" if site.line else ""),
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
                    Note("pack.problem.no_correct_option"),
                    "options",
                    Note("pack.hint.mark_correct"),
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


def _check_evidence(site: QuestionSite, evidence: str, kind: str) -> None:
    try:
        compiled = re.compile(evidence)
    except (re.error, RecursionError, OverflowError) as exc:
        site.problem(bad_regex(exc), "evidence", Note("pack.hint.regex"))
        return
    if "value" in compiled.groupindex and kind != "numeric":
        site.problem(
            Note("pack.problem.value_group_not_numeric"), "evidence", Note("pack.hint.plain_group")
        )


def _numeric_key(site: QuestionSite, raw: Any) -> NumericKey | None:
    if isinstance(raw, int | float):
        return NumericKey(value=float(raw))
    if raw["value"] is None and raw["min"] is None and raw["max"] is None:
        site.problem(Note("pack.problem.answer_empty"), "answer")
        return None
    if raw["value"] is not None and (raw["min"] is not None or raw["max"] is not None):
        site.problem(Note("pack.problem.answer_both"), "answer")
    if raw["min"] is not None and raw["max"] is not None and raw["min"] > raw["max"]:
        site.problem(Note("pack.problem.min_above_max"), "answer", Note("pack.hint.swap"))
    if raw["value"] is None and raw["tolerance"]:
        site.problem(Note("pack.problem.tolerance_without_value"), "answer")
    return NumericKey(**raw)


def _check_candidates(site: QuestionSite, d: dict[str, Any]) -> None:
    candidates = d.get("candidates") or []
    if not candidates:
        return
    rule = MatchRule(d.get("match", "exact"))
    fitting = [c for c in candidates if matches(rule, d["expected"], c)]
    if len(fitting) != 1:
        site.problem(
            Note("pack.problem.candidates", {"count": len(fitting)}),
            "candidates",
            Note("pack.hint.candidates", {"match": repr(rule.value)}),
        )
