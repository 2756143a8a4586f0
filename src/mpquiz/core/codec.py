"""Questions to and from plain JSON-able dicts, as stored in the database."""

from __future__ import annotations

from typing import Any

from mpquiz.core.inert import inert_tree
from mpquiz.core.model import Kind, MatchRule, NumericKey, Option, Question, Text


def _text(value: dict[str, str] | None) -> Text | None:
    return Text(dict(value)) if value is not None else None


def question_to_dict(q: Question) -> dict[str, Any]:
    """A JSON-able dict holding everything about the question."""
    return {
        "qid": q.qid,
        "pack_id": q.pack_id,
        "topic": q.topic,
        "kind": q.kind.value,
        "prompt": q.prompt.to_dict(),
        "demo": q.demo,
        "explain": q.explain.to_dict(),
        "position": q.position,
        "args": list(q.args),
        "code": q.code,
        "evidence": q.evidence,
        "varies": q.varies,
        "timeout": q.timeout,
        "options": [
            {
                "text": o.text.to_dict(),
                "correct": o.correct,
                "feedback": o.feedback.to_dict() if o.feedback else None,
            }
            for o in q.options
        ],
        "answer": None
        if q.answer is None
        else {
            "value": q.answer.value,
            "tolerance": q.answer.tolerance,
            "min": q.answer.min,
            "max": q.answer.max,
        },
        "unit": q.unit.to_dict() if q.unit else None,
        "match": q.match.value,
        "expected": q.expected,
        "candidates": list(q.candidates),
        "model_answer": q.model_answer.to_dict() if q.model_answer else None,
        "key_points": [k.to_dict() for k in q.key_points],
        "source": q.source,
    }


def question_from_dict(d: dict[str, Any]) -> Question:
    """The inverse of `question_to_dict`. Every string is made inert (core.inert): a
    stored question may have been written by anyone who can write to the database."""
    d = inert_tree(d)
    answer = d.get("answer")
    return Question(
        qid=d["qid"],
        pack_id=d["pack_id"],
        topic=d["topic"],
        kind=Kind(d["kind"]),
        prompt=Text(d["prompt"]),
        demo=d["demo"],
        explain=Text(d["explain"]),
        position=d.get("position", 0),
        args=tuple(d.get("args", ())),
        code=d.get("code", "none"),
        evidence=d.get("evidence"),
        varies=d.get("varies", False),
        timeout=d.get("timeout"),
        options=tuple(
            Option(Text(o["text"]), o.get("correct", False), _text(o.get("feedback")))
            for o in d.get("options", ())
        ),
        answer=NumericKey(**answer) if answer else None,
        unit=_text(d.get("unit")),
        match=MatchRule(d.get("match", "exact")),
        expected=d.get("expected", ""),
        candidates=tuple(d.get("candidates", ())),
        model_answer=_text(d.get("model_answer")),
        key_points=tuple(Text(k) for k in d.get("key_points", ())),
        source=d.get("source", ""),
    )
