"""Localized text: what every prompt, option, title and explanation of a pack is."""

from __future__ import annotations

from dataclasses import dataclass

from mpquiz.core.inert import inert


@dataclass(frozen=True)
class Text:
    """A localized string: one entry per language, English (else the first) as fallback."""

    values: dict[str, str]

    def get(self, lang: str) -> str:
        """The text in `lang`, else in English, else in the pack's first language; inert
        (core.inert), as every text from a pack is shown, never obeyed by the terminal."""
        for choice in (lang, "en"):
            if choice in self.values:
                return inert(self.values[choice])
        return inert(next(iter(self.values.values()), ""))

    def to_dict(self) -> dict[str, str]:
        """A plain dict, as stored and exported."""
        return dict(self.values)


def text_or_none(value: dict[str, str] | None) -> Text | None:
    """A Text from stored data, or None."""
    return Text(dict(value)) if value is not None else None
