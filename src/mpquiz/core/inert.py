"""Text from packs, databases and demos made inert: shown, never obeyed by a terminal.

A terminal acts on control characters: ESC starts sequences that clear the screen,
retitle the window or write the clipboard (OSC 52), CR overwrites a line, BS erases.
Every text mpquiz did not write itself goes through `inert` before it can reach a
screen, so each such character is drawn instead: C0 controls as their Unicode control
pictures (ESC as ␛), DEL as ␡, C1 controls and the bidirectional overrides that make
code read differently from what runs ("Trojan Source") as ⟨U+XXXX⟩. Tabs and newlines
stay as they are; a Windows line end (CR LF) becomes a plain newline.
"""

from __future__ import annotations

from typing import Any

_KEPT = {"\t", "\n"}
_BIDI = [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C]


def _table() -> dict[int, str]:
    table = {code: chr(0x2400 + code) for code in range(0x20) if chr(code) not in _KEPT}
    table[0x7F] = "␡"
    for code in [*range(0x80, 0xA0), *_BIDI]:
        table[code] = f"⟨U+{code:04X}⟩"
    return table


_TABLE = _table()
_UNSAFE = frozenset(chr(code) for code in _TABLE)


def inert(text: str) -> str:
    """`text` with every control character drawn visibly instead of acted on."""
    if _UNSAFE.isdisjoint(text):  # the common case, without building a new string
        return text
    return text.replace("\r\n", "\n").translate(_TABLE)


def is_inert(text: str) -> bool:
    """True when `text` holds nothing a terminal would act on."""
    return _UNSAFE.isdisjoint(text)


def inert_tree(value: Any) -> Any:
    """Every string inside nested dicts, lists and tuples made inert (keys too)."""
    if isinstance(value, str):
        return inert(value)
    if isinstance(value, dict):
        return {inert_tree(k): inert_tree(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(inert_tree(v) for v in value)
    return value
