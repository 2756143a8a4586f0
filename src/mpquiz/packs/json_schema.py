"""JSON Schemas of pack.toml and of a questions/*.toml file, from the pydantic models.

Editors that understand JSON Schema for TOML (taplo, Even Better TOML) use them for
completion and checks while an instructor writes a pack. They are written as draft-07
(`definitions`, not `$defs`), which taplo's validator understands.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from mpquiz.packs.schema import AnyQuestion, PackFile

SCHEMA_DIALECT = "http://json-schema.org/draft-07/schema#"


class QuestionFile(BaseModel):
    """A questions/*.toml file: any number of [[question]] tables."""

    model_config = ConfigDict(extra="forbid")

    question: list[AnyQuestion] = Field(
        default_factory=list, description="The questions of this file, one [[question]] each."
    )


def json_schema(kind: Literal["pack", "question"]) -> dict[str, Any]:
    """The JSON Schema of pack.toml ("pack") or of a question file ("question")."""
    model: type[BaseModel] = PackFile if kind == "pack" else QuestionFile
    schema = model.model_json_schema(mode="validation", ref_template="#/definitions/{model}")
    definitions = schema.pop("$defs", {})
    schema.pop("title", None)
    title = "mpquiz pack.toml" if kind == "pack" else "mpquiz questions/*.toml"
    return {"$schema": SCHEMA_DIALECT, "title": title, **schema, "definitions": definitions}
