"""Plain data classes for packs and questions, independent of how they are stored."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from mpquiz.core.inert import inert


class Kind(StrEnum):
    """The four kinds of question."""

    CHOICE = "choice"
    NUMERIC = "numeric"
    PREDICT = "predict"
    OPEN = "open"


class MatchRule(StrEnum):
    """How a predicted output is compared with a real one."""

    EXACT = "exact"
    LINES = "lines"
    PATTERN = "pattern"


@dataclass(frozen=True)
class Text:
    """A localized string: one entry per language, the first language as fallback."""

    values: dict[str, str]

    def get(self, lang: str) -> str:
        """The text in `lang`, else in the pack's first language; inert (core.inert), as
        every text from a pack is shown, never obeyed by the terminal."""
        if lang in self.values:
            return inert(self.values[lang])
        return inert(next(iter(self.values.values()), ""))

    def to_dict(self) -> dict[str, str]:
        """A plain dict, as stored and exported."""
        return dict(self.values)


@dataclass(frozen=True)
class Option:
    """One option of a choice question."""

    text: Text
    correct: bool = False
    feedback: Text | None = None


@dataclass(frozen=True)
class NumericKey:
    """The key of a numeric question: a value with a tolerance, or a range."""

    value: float | None = None
    tolerance: float = 0.0
    min: float | None = None
    max: float | None = None

    def accepts(self, number: float) -> bool:
        """Whether `number` satisfies the key."""
        if self.value is not None:
            return abs(number - self.value) <= self.tolerance + 1e-9
        if self.min is not None and number < self.min:
            return False
        return not (self.max is not None and number > self.max)

    def describe(self) -> str:
        """The key written for people: "4", "0.5 ± 0.05", "1 … 3", "≤ 99"."""
        if self.value is not None:
            shown = _num(self.value)
            return f"{shown} ± {_num(self.tolerance)}" if self.tolerance else shown
        if self.min is not None and self.max is not None:
            return f"{_num(self.min)} … {_num(self.max)}"
        if self.min is not None:
            return f"≥ {_num(self.min)}"
        return f"≤ {_num(self.max or 0)}"


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


@dataclass(frozen=True)
class Question:
    """A question as loaded from a pack; `qid` is its stable id inside the pack."""

    qid: str
    pack_id: str
    topic: str
    kind: Kind
    prompt: Text
    demo: str
    explain: Text
    position: int = 0
    args: tuple[str, ...] = ()
    code: str = "none"
    evidence: str | None = None
    varies: bool = False
    timeout: float | None = None
    options: tuple[Option, ...] = ()
    answer: NumericKey | None = None
    unit: Text | None = None
    match: MatchRule = MatchRule.EXACT
    expected: str = ""
    candidates: tuple[str, ...] = ()
    model_answer: Text | None = None
    key_points: tuple[Text, ...] = ()
    source: str = ""

    @property
    def correct_options(self) -> frozenset[int]:
        """Indexes (0-based) of the correct options of a choice question."""
        return frozenset(i for i, o in enumerate(self.options) if o.correct)


@dataclass(frozen=True)
class Pack:
    """A loaded pack: metadata, topics in study order, questions, and where it lives."""

    id: str
    version: str
    title: Text
    languages: tuple[str, ...]
    topics: dict[str, Text]
    questions: tuple[Question, ...]
    root: str = ""
    demos_dir: str = ""
    authors: tuple[str, ...] = ()
    license: str = ""
    demo_timeout: float = 10.0
    builtin: bool = False
    extra: dict[str, str] = field(default_factory=dict)
