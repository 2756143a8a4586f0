"""Why something did not happen, as a message key and its parameters (not yet words)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Refusal:
    """A reason, to be put into words in the learner's language (see i18n.t)."""

    key: str
    params: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, key: str, /, **params: object) -> Refusal:
        """A refusal with its parameters turned to text."""
        return cls(key, {name: str(value) for name, value in params.items()})
