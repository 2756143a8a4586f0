"""`pack schema`: JSON Schemas an editor can use, which accept good files and flag typos."""

from __future__ import annotations

import json
import re
import tomllib
from typing import Any, Literal, get_args

import pytest

from mpquiz import paths
from mpquiz.packs.json_schema import SCHEMA_DIALECT, json_schema
from mpquiz.packs.scaffold import TEMPLATE
from tests.conftest import FIXTURES

_TYPES = {
    "object": dict,
    "array": list,
    "string": str,
    "boolean": bool,
    "null": type(None),
}


def _is(kind: str, value: Any) -> bool:
    if kind in ("number", "integer"):
        return isinstance(value, int | float) and not isinstance(value, bool)
    return isinstance(value, _TYPES[kind])


def errors(schema: dict[str, Any], value: Any, root: dict[str, Any], at: str = "") -> list[str]:
    """A small draft-07 validator for the keywords pydantic writes (enough to test with)."""
    if "$ref" in schema:
        name = schema["$ref"].removeprefix("#/definitions/")
        return errors(root["definitions"][name], value, root, at)
    found: list[str] = []
    if "type" in schema and not _is(schema["type"], value):
        return [f"{at}: not {schema['type']}"]
    if "const" in schema and value != schema["const"]:
        found.append(f"{at}: not {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        found.append(f"{at}: not one of {schema['enum']}")
    if "pattern" in schema and isinstance(value, str) and not re.search(schema["pattern"], value):
        found.append(f"{at}: does not match {schema['pattern']}")
    for key in ("anyOf", "oneOf"):
        if key in schema:
            fits = [s for s in schema[key] if not errors(s, value, root, at)]
            if not fits or (key == "oneOf" and len(fits) > 1):
                found.append(f"{at}: fits {len(fits)} of {key}")
    if isinstance(value, dict):
        for name in schema.get("required", []):
            if name not in value:
                found.append(f"{at}.{name}: required")
        props = schema.get("properties", {})
        for name, item in value.items():
            if name in props:
                found += errors(props[name], item, root, f"{at}.{name}")
            elif pattern := next(
                (p for p in schema.get("patternProperties", {}) if re.search(p, name)), None
            ):
                found += errors(schema["patternProperties"][pattern], item, root, f"{at}.{name}")
            elif schema.get("additionalProperties") is False:
                found.append(f"{at}.{name}: not allowed")
            elif isinstance(schema.get("additionalProperties"), dict):
                found += errors(schema["additionalProperties"], item, root, f"{at}.{name}")
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0) or len(value) > schema.get("maxItems", 1e9):
            found.append(f"{at}: {len(value)} items")
        for i, item in enumerate(value):
            found += errors(schema.get("items", {}), item, root, f"{at}[{i}]")
    return found


def _check(kind: str, data: Any) -> list[str]:
    schema = json_schema(kind)  # type: ignore[arg-type]
    return errors(schema, data, schema)


def test_schemas_are_draft_07_with_descriptions() -> None:
    for kind in ("pack", "question"):
        schema = json_schema(kind)
        text = json.dumps(schema)
        assert schema["$schema"] == SCHEMA_DIALECT and "$defs" not in text
        assert "description" in text
    question = json_schema("question")
    kinds = {
        name: d["properties"]["kind"]["const"]
        for name, d in question["definitions"].items()
        if "kind" in d.get("properties", {})
    }
    assert sorted(kinds.values()) == ["choice", "exercise", "numeric", "open", "predict"]
    for name in kinds:
        definition = question["definitions"][name]
        assert definition["additionalProperties"] is False
        assert {"id", "topic", "kind", "prompt", "demo", "explain"} <= set(definition["required"])
        assert ("match" in definition["properties"]) == (name == "PredictQuestion")


@pytest.mark.parametrize(
    "path",
    [
        TEMPLATE / "questions" / "first-steps.toml",
        FIXTURES / "mini" / "questions" / "basics.toml",
        *sorted((paths.builtin_pack_dir() / "questions").glob("*.toml")),
    ],
    ids=lambda p: p.name,
)
def test_valid_question_files_pass(path) -> None:
    assert _check("question", tomllib.loads(path.read_text(encoding="utf-8"))) == []


def test_valid_pack_files_pass() -> None:
    for path in (TEMPLATE / "pack.toml", paths.builtin_pack_dir() / "pack.toml"):
        assert _check("pack", tomllib.loads(path.read_text(encoding="utf-8"))) == []


def test_typos_and_wrong_kinds_are_flagged() -> None:
    data = tomllib.loads(
        (FIXTURES / "packs" / "broken-typos" / "questions" / "typos.toml").read_text("utf-8")
    )
    found = _check("question", data)
    assert any(e.startswith(".question[0]") for e in found)  # optoins
    assert any(e.startswith(".question[1]") for e in found)  # choise
    assert any(e.startswith(".question[3]") for e in found)  # match on a choice question
    meta = tomllib.loads((FIXTURES / "packs" / "broken-typos" / "pack.toml").read_text("utf-8"))
    assert ".pack.auhtors: not allowed" in _check("pack", meta)
    assert _check("pack", {"pack": {"id": "Bad Id"}, "topics": {}})


def test_every_kind_has_one_model_and_one_core_type() -> None:
    from mpquiz.core.kinds import KINDS
    from mpquiz.packs.schema import KIND_MODELS, AnyQuestion

    members = set(get_args(get_args(AnyQuestion)[0]))
    assert members == set(KIND_MODELS.values())
    assert set(KIND_MODELS) == {kind.value for kind in KINDS}
    for name, model in KIND_MODELS.items():
        assert model.model_fields["kind"].annotation == Literal[name]  # type: ignore[valid-type]


def test_every_kind_model_checks_the_shared_fields_as_questionbase_does() -> None:
    """The loader builds a question from its kind's model alone when that passes, and
    asks QuestionBase only to report problems: so each kind's model must check every
    shared field with the same type and constraints (the numeric model's lax mode only
    lets integers stand for floats, which no shared field is)."""
    from mpquiz.packs.schema import KIND_MODELS, QuestionBase

    base = QuestionBase.model_fields
    for name, model in KIND_MODELS.items():
        for field, info in base.items():
            if field == "kind":
                assert name in get_args(info.annotation)
                continue
            theirs = model.model_fields[field]
            assert (theirs.annotation, theirs.metadata) == (info.annotation, info.metadata), (
                name,
                field,
            )
            assert theirs.is_required(), (name, field)
