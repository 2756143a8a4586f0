"""A pack's prose with its inline Markdown shown as meant: `code`, **strong**, *emphasis*.

Only those three are read (markdown-it's "zero" preset with backticks and emphasis on):
no links, images or HTML, so a pack's text can style a word but never make the terminal
do anything; the rest of the text, line breaks included, stays as written. Emphasis by
underscores is left as typed: in prose about Python, `__name__` is a name.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

CODE_STYLE = "bold cyan"


@cache
def _parser() -> MarkdownIt:
    # Imported here: plain text (most prompts) never needs it, and it takes longer to
    # import than the rest of the first frame (see "Starting fast" in ARCHITECTURE.md).
    from markdown_it import MarkdownIt

    return MarkdownIt("zero").enable(["backticks", "emphasis", "escape"])


def pack_text(text: str, style: str | Style = "") -> Text:
    """`text` (already inert) as Rich Text, its inline Markdown turned into styles."""
    out = Text(style=style)
    if "`" not in text and "*" not in text and "_" not in text:
        out.append(text)
        return out
    for line_number, line in enumerate(text.split("\n")):
        if line_number:
            out.append("\n")
        out.append_text(_line(line))
    return out


def _line(line: str) -> Text:
    """One line: leading spaces kept (markdown-it would take them for a code block)."""
    stripped = line.lstrip(" ")
    out = Text(line[: len(line) - len(stripped)])
    tokens = _parser().parseInline(stripped)
    children = tokens[0].children if tokens and tokens[0].children else []
    styles: list[str] = []
    for token in children:
        if token.type == "text":
            out.append(token.content, style=" ".join(styles))
        elif token.type == "code_inline":
            out.append(token.content, style=" ".join([*styles, CODE_STYLE]))
        elif token.type in ("strong_open", "em_open", "strong_close", "em_close"):
            if "_" in token.markup:  # `__name__` in prose is Python, not emphasis
                out.append(token.markup, style=" ".join(styles))
            elif token.type.endswith("_open"):
                styles.append("bold" if token.type == "strong_open" else "italic")
            elif styles:
                styles.pop()
        elif token.type in ("softbreak", "hardbreak"):
            out.append("\n")
        else:
            out.append(token.content)
    return out
