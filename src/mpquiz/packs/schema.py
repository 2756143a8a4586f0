"""Pydantic models of pack.toml and of the [[question]] tables (unknown fields are errors).

The field descriptions end up in `mpquiz pack schema`, where editors show them.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Localized = str | dict[str, str]
Ident = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]{0,79}$")]
QuestionId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,119}$")]
DemoName = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_][A-Za-z0-9_.-]*\.py$")]
Seconds = Annotated[float, Field(gt=0, le=60, allow_inf_nan=False)]
Finite = Annotated[float, Field(allow_inf_nan=False)]

_TEXT = "Text for the learner: a string, or a table with one string per language."


def _text(what: str) -> Any:
    """A text field's declaration (pydantic's Field is typed Any for the same reason)."""
    return Field(description=f"{what} {_TEXT}")


def _empty_list(what: str) -> Any:
    """A list field that defaults to empty: a new list each time, not a deep copy of a
    shared default (pydantic copies those once per question); the schema still says []."""
    return Field(default_factory=list, json_schema_extra={"default": []}, description=what)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class PackMeta(_Strict):
    """The [pack] table."""

    id: Ident = Field(description="Stable id: lowercase letters, digits, '.', '_', '-'.")
    version: Annotated[str, StringConstraints(pattern=r"^\d{1,9}(\.\d{1,9}){0,3}$")] = Field(
        description="Dotted integers (1.0.0), up to 9 digits each; raise it when you change "
        "the pack."
    )
    title: Localized = _text("The pack's title.")
    languages: Annotated[list[Literal["es", "en"]], Field(min_length=1)] = Field(
        description="The languages of every text; the first is the default."
    )
    authors: list[str] = _empty_list("Who wrote the pack.")
    license: str = Field(default="", description="The license, e.g. CC-BY-4.0.")
    demo_timeout: Seconds = Field(
        default=10.0, description="Seconds each demo may run, at most 60."
    )


class PackFile(_Strict):
    """The whole pack.toml."""

    pack: PackMeta
    topics: Annotated[dict[Ident, Localized], Field(min_length=1)] = Field(
        description="Topic id = title; the order is the study order."
    )


class QuestionBase(BaseModel):
    """Fields every kind has; checked first so a bad kind does not hide other errors."""

    model_config = ConfigDict(extra="allow", strict=True)

    id: QuestionId
    topic: str
    kind: Literal["choice", "numeric", "predict", "open", "exercise"]
    prompt: Localized
    demo: DemoName
    explain: Localized


class ProofPart(_Strict):
    """One thing the demo's output must show; name exactly one of the fields below."""

    model_config = ConfigDict(extra="forbid", strict=True, populate_by_name=True)

    line: str | None = Field(
        default=None, description="Regular expression: a line of the output must match it."
    )
    value: str | None = Field(
        default=None,
        description="Regular expression with a group (?P<value>...): the number it captures, "
        "on the first line it matches, must satisfy `is`.",
    )
    is_: str | None = Field(
        default=None,
        alias="is",
        description='With `value`: "> 0", ">= 1.4", "== 4", "< 0.5" ..., or "key": the '
        "numeric question's own key.",
    )
    order: Annotated[list[str], Field(min_length=2)] | None = Field(
        default=None, description="Regular expressions matching lines that appear in this order."
    )
    output: bool | None = Field(
        default=None,
        description="Predict questions: the whole output fits `expected` under `match` (the "
        "default proof of a predict question).",
    )
    parallel: Annotated[int, Field(ge=2, le=64)] | None = Field(
        default=None,
        description="At least this many of the demo's processes were busy on the CPU at once "
        "(from the processes the run recorded).",
    )
    turns: bool | None = Field(
        default=None,
        description="The demo's threads took turns on the CPU (their CPU times add up to the "
        "time they spanned), as the GIL makes them.",
    )


class ProofTable(ProofPart):
    """What in the demo's output proves the key: one part, or `all = [...]` of them."""

    all: Annotated[list[ProofPart], Field(min_length=1)] | None = Field(
        default=None, description="Several parts, all of which must hold in the same run."
    )
    needs_cores: Annotated[int, Field(ge=1, le=64)] = Field(
        default=1,
        description="With fewer CPUs the point cannot show (the verdict then says so).",
    )


class _QuestionCommon(_Strict):
    id: QuestionId = Field(description="Stable id, unique in the pack; progress hangs on it.")
    topic: str = Field(description="One of the ids in [topics] of pack.toml.")
    prompt: Localized = _text("The question.")
    demo: DemoName = Field(description="The program in demos/ run after every answer.")
    explain: Localized = _text("Why the right answer is right.")
    args: list[str] = _empty_list("Command-line arguments for the demo.")
    code: str | None = Field(
        default=None,
        description='Code shown with the prompt: "none", "all" or the name of a marked region.',
    )
    evidence: str | None = Field(
        default=None,
        description="Regular expression; the output lines it matches are the proof. In "
        "numeric questions a group (?P<value>...) measures the run's value.",
    )
    varies: bool = Field(default=False, description="The output changes between runs.")
    timeout: Seconds | None = Field(default=None, description="Seconds for this demo, max 60.")
    proof: ProofTable | None = Field(
        default=None,
        description="What in the demo's output proves the key (see docs/writing-packs.md).",
    )


class ChoiceOption(_Strict):
    """One option of a choice question."""

    text: Localized = _text("The option.")
    correct: bool = Field(default=False, description="Whether picking it is right.")
    feedback: Localized | None = Field(
        default=None, description="Why a wrong option is wrong, shown when it is picked."
    )


class ChoiceQuestion(_QuestionCommon):
    """kind = "choice"."""

    kind: Literal["choice"]
    options: Annotated[list[ChoiceOption], Field(min_length=2, max_length=8)] = Field(
        description="2 to 8 options; the learner must pick exactly the correct ones."
    )


class NumericAnswer(_Strict):
    """A numeric key given as a table."""

    value: Finite | None = None
    tolerance: Annotated[float, Field(ge=0, allow_inf_nan=False)] = 0.0
    min: Finite | None = None
    max: Finite | None = None


class NumericQuestion(_QuestionCommon):
    """kind = "numeric"."""

    model_config = ConfigDict(extra="forbid", strict=False)

    kind: Literal["numeric"]
    answer: Finite | NumericAnswer = Field(
        description="A number, { value, tolerance } or { min, max } (inclusive)."
    )
    unit: Localized | None = Field(default=None, description="Unit shown with the number.")


class PredictQuestion(_QuestionCommon):
    """kind = "predict"."""

    kind: Literal["predict"]
    match: Literal["exact", "lines", "pattern"] = Field(
        default="exact",
        description="exact: same lines in order; lines: any order; pattern: with "
        "{pid} {int} {float} {word} {any} placeholders.",
    )
    expected: Annotated[str, StringConstraints(min_length=1)] = Field(
        description="The output the learner predicts."
    )
    candidates: list[str] = _empty_list("Outputs to pick from; exactly one must match expected.")


class OpenQuestion(_QuestionCommon):
    """kind = "open"."""

    kind: Literal["open"]
    model_answer: Localized = _text("The model answer shown after answering.")
    key_points: list[Localized] = _empty_list("Points a good answer makes.")


CheckName = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]{0,59}$")]


class ExerciseCheck(_Strict):
    """One [[question.checks]] table of an exercise: a name, a message and one test."""

    model_config = ConfigDict(extra="forbid", strict=True, populate_by_name=True)

    name: CheckName = Field(description="Stable id of the check, unique in the exercise.")
    message: Localized = _text("What the check wants, shown beside its result.")
    runs: Annotated[int, Field(ge=1, le=10)] = Field(
        default=1, description="The test must hold in each of this many runs (1-10)."
    )
    line: str | None = Field(
        default=None, description="Regular expression: a line of the output must match it."
    )
    value: str | None = Field(
        default=None,
        description="Regular expression with a group (?P<value>...): the number it captures "
        "must satisfy `is`.",
    )
    is_: str | None = Field(
        default=None, alias="is", description='With `value`: "> 0", ">= 1.4", "== 4" ...'
    )
    order: Annotated[list[str], Field(min_length=2)] | None = Field(
        default=None, description="Regular expressions matching lines that appear in this order."
    )
    parallel: Annotated[int, Field(ge=2, le=64)] | None = Field(
        default=None,
        description="At least this many of the program's processes were busy on the CPU at once.",
    )
    expected: str | None = Field(
        default=None, description="The whole output must fit this under `match`."
    )
    same_output: bool | None = Field(
        default=None,
        description="The output must fit the reference program's output under `match`.",
    )
    match: Literal["exact", "lines", "pattern"] | None = Field(
        default=None,
        description="With `expected` (default exact) or `same_output` (default lines).",
    )
    speedup: Annotated[float, Field(gt=1, le=64, allow_inf_nan=False)] | None = Field(
        default=None,
        description="The reference's wall time over the program's must be at least this.",
    )
    cores: Annotated[int, Field(ge=1, le=64)] | None = Field(
        default=None,
        description="With `speedup` or `parallel`: fewer CPUs make it not measurable (default 2).",
    )
    uses: list[str] | None = Field(
        default=None,
        description='Constructs the program must use: "multiprocessing.Pool", "get_lock()", '
        '"main-guard" ...',
    )
    avoids: list[str] | None = Field(
        default=None, description='Constructs the program must not use: "threading" ...'
    )


class ExerciseQuestion(_QuestionCommon):
    """kind = "exercise": the learner writes or fixes the program `demo` (the starter)."""

    kind: Literal["exercise"]
    edit: str | None = Field(
        default=None,
        description="The marked region of the starter the learner edits; default: the whole file.",
    )
    solution: DemoName = Field(
        description="A program in demos/ that passes every check; never shown before the "
        "learner passes or gives up."
    )
    reference: DemoName | None = Field(
        default=None,
        description="The sequential reference program in demos/ (default: the starter).",
    )
    checks: Annotated[list[ExerciseCheck], Field(min_length=1, max_length=20)] = Field(
        description="What the program must do; see docs/writing-packs.md."
    )


class AnyKindFields(_QuestionCommon):
    """The shared optional fields alone, checked when the kind is missing or unknown."""

    model_config = ConfigDict(extra="ignore", strict=True)


AnyQuestion = Annotated[
    ChoiceQuestion | NumericQuestion | PredictQuestion | OpenQuestion | ExerciseQuestion,
    Field(discriminator="kind"),
]
"""A [[question]] table: one model per kind, told apart by `kind` (the JSON Schema's
oneOf). A new kind adds its model here and its core type in core.kinds."""

KIND_MODELS: dict[str, type[_QuestionCommon]] = {
    "choice": ChoiceQuestion,
    "numeric": NumericQuestion,
    "predict": PredictQuestion,
    "open": OpenQuestion,
    "exercise": ExerciseQuestion,
}
"""Each kind's model by its name, for checking a table whose kind is already known (a
test checks that it holds every member of AnyQuestion and every core kind)."""
