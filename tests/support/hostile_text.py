"""A pack whose every text, and whose demo's output, carry terminal escape sequences."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from tests.conftest import FIXTURES

# Clear the screen, retitle the window, write the clipboard (OSC 52), a C1 CSI, a bell, a
# carriage return that would overwrite the line, and a right-to-left override.
ESCAPES = "\x1b[2J\x1b]0;pwned\x07\x1b]52;c;aGVsbG8=\x07\x9b2J\x07\rX\u202e"
# As TOML writes them inside a basic string.
TOML_ESCAPES = "".join(
    f"\\u{ord(c):04x}" if ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F or c == "\u202e" else c
    for c in ESCAPES
)
# What a terminal must never receive from text mpquiz did not write itself.
RAW = re.compile("[\x1b\x07\x9b\r\u202e]")
ODD_FILE = "\x1b]0;file\x07.txt"


def hostile_pack(into: Path) -> Path:
    """The mini pack with escapes in its title, topics, prompts, options, explanations,
    feedback and model answer, a demo that prints them, and an oddly named data file."""
    pack = into / "hostile"
    shutil.copytree(FIXTURES / "mini", pack)
    meta = pack / "pack.toml"
    meta.write_text(
        meta.read_text()
        .replace('en = "Mini"', f'en = "Mini {TOML_ESCAPES}"')
        .replace('en = "Basics"', f'en = "Basics {TOML_ESCAPES}"')
    )
    questions = pack / "questions" / "basics.toml"
    text = questions.read_text()
    for field in ("prompt", "explain", "model_answer"):
        text = re.sub(
            rf'^({field} = {{ es = "[^"]*", en = "[^"]*)"',
            lambda m: f'{m.group(1)} {TOML_ESCAPES}"',
            text,
            flags=re.MULTILINE,
        )
    text = text.replace('{ es = "0", en = "0" }', f'{{ es = "0", en = "0 {TOML_ESCAPES}" }}')
    text = text.replace(
        'en = "Only when it ends normally." }',
        f'en = "Only when it ends normally. {TOML_ESCAPES}" }}',
    )
    questions.write_text(text)
    demo = pack / "demos" / "exitcode.py"
    demo.write_text(
        demo.read_text().replace(
            'print(f"exitcode: {p.exitcode}")',
            f'print({ESCAPES!r})\n    print(f"exitcode: {{p.exitcode}}")',
        )
    )
    (pack / "demos" / ODD_FILE).write_text("data\n")
    return pack
