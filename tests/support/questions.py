"""Questions built by hand in tests: any kind, with every field not given filled in."""

from __future__ import annotations

from typing import Any

from mpquiz.core.kinds import KINDS
from mpquiz.core.model import Kind, NumericKey, Question, Text

_REQUIRED: dict[Kind, dict[str, Any]] = {
    Kind.CHOICE: {},
    Kind.NUMERIC: {"answer": NumericKey(value=0.0)},
    Kind.PREDICT: {"expected": ""},
    Kind.OPEN: {"model_answer": Text({"en": ""})},
}


def make_question(kind: Kind = Kind.PREDICT, **fields: Any) -> Question:
    """A question of `kind` with the given fields; id, pack, topic, texts and the kind's
    own required fields default to placeholders."""
    base: dict[str, Any] = {
        "qid": "q",
        "pack_id": "p",
        "topic": "t",
        "prompt": Text({"en": "p"}),
        "demo": "d.py",
        "explain": Text({"en": "e"}),
        **_REQUIRED[kind],
    }
    return KINDS[kind](**(base | fields))
