"""Pydantic models of pack.toml and of the [[question]] tables (unknown fields are errors)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Localized = str | dict[str, str]
Ident = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]{0,79}$")]
QuestionId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,119}$")]
Seconds = Annotated[float, Field(gt=0, le=60)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class PackMeta(_Strict):
    """The [pack] table."""

    id: Ident
    version: Annotated[str, StringConstraints(pattern=r"^\d+(\.\d+){0,3}$")]
    title: Localized
    languages: Annotated[list[Literal["es", "en"]], Field(min_length=1)]
    authors: list[str] = []
    license: str = ""
    demo_timeout: Seconds = 10.0


class PackFile(_Strict):
    """The whole pack.toml."""

    pack: PackMeta
    topics: Annotated[dict[Ident, Localized], Field(min_length=1)]


class QuestionBase(BaseModel):
    """Fields every kind has; checked first so a bad kind does not hide other errors."""

    model_config = ConfigDict(extra="allow", strict=True)

    id: QuestionId
    topic: str
    kind: Literal["choice", "numeric", "predict", "open"]
    prompt: Localized
    demo: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_][A-Za-z0-9_.-]*\.py$")]
    explain: Localized


class _QuestionCommon(_Strict):
    id: str
    topic: str
    prompt: Localized
    demo: str
    explain: Localized
    args: list[str] = []
    code: str | None = None
    evidence: str | None = None
    varies: bool = False
    timeout: Seconds | None = None


class ChoiceOption(_Strict):
    """One option of a choice question."""

    text: Localized
    correct: bool = False
    feedback: Localized | None = None


class ChoiceQuestion(_QuestionCommon):
    """kind = "choice"."""

    kind: Literal["choice"]
    options: Annotated[list[ChoiceOption], Field(min_length=2, max_length=8)]


class NumericAnswer(_Strict):
    """A numeric key given as a table."""

    value: float | None = None
    tolerance: Annotated[float, Field(ge=0)] = 0.0
    min: float | None = None
    max: float | None = None


class NumericQuestion(_QuestionCommon):
    """kind = "numeric"."""

    model_config = ConfigDict(extra="forbid", strict=False)

    kind: Literal["numeric"]
    answer: float | NumericAnswer
    unit: Localized | None = None


class PredictQuestion(_QuestionCommon):
    """kind = "predict"."""

    kind: Literal["predict"]
    match: Literal["exact", "lines", "pattern"] = "exact"
    expected: Annotated[str, StringConstraints(min_length=1)]
    candidates: list[str] = []


class OpenQuestion(_QuestionCommon):
    """kind = "open"."""

    kind: Literal["open"]
    model_answer: Localized
    key_points: list[Localized] = []


KIND_MODELS: dict[str, type[_QuestionCommon]] = {
    "choice": ChoiceQuestion,
    "numeric": NumericQuestion,
    "predict": PredictQuestion,
    "open": OpenQuestion,
}
