"""Text inside GIFT files: escapes, [format] markers, and HTML made into plain text.

Escaped control characters are swapped for private-use characters before the question is
split (so `\\=` never starts an answer), and swapped back, unescaped, at the end.
"""

from __future__ import annotations

import html
import re

_ESCAPABLE = "~=#{}:"
_GUARD = {ch: chr(0xE000 + i) for i, ch in enumerate(_ESCAPABLE)}
_BACKSLASH = chr(0xE000 + len(_ESCAPABLE))
_RESTORE = {v: k for k, v in _GUARD.items()} | {_BACKSLASH: "\\"}
_FORMAT = re.compile(r"^\[(html|moodle|plain|markdown)\]", re.IGNORECASE)
_BLOCK_END = re.compile(r"</(?:p|div|li|h[1-6]|tr|pre|blockquote)\s*>|<br\s*/?>", re.I)
_LIST_ITEM = re.compile(r"<li(?:\s[^>]*)?>", re.I)
_CODE = re.compile(r"</?code(?:\s[^>]*)?>", re.I)
_TAG = re.compile(r"<[^>]*>")
_LINK = re.compile(r"""<a\s[^>]*?href\s*=\s*["']([^"']*)["'][^>]*>(.*?)</a\s*>""", re.I | re.S)
_IMAGE = re.compile(r"<img\s[^>]*>", re.I)
_ALT = re.compile(r"""\balt\s*=\s*["']([^"']*)["']""", re.I)
# Moodle's default format renders HTML too; text in it is read as HTML only when it holds
# a real tag, so "3 < 5" in a plain question stays as written.
_LOOKS_HTML = re.compile(
    r"</?(?:p|br|b|i|u|em|strong|code|pre|tt|ul|ol|li|div|span|sub|sup|img|a|table|tr|td|th"
    r"|h[1-6]|blockquote)\b[^>]*>",
    re.I,
)


def protect(text: str) -> str:
    """`text` with its escapes (backslash before one of ~=#{}: or itself) guarded.

    A backslash-n becomes a line break, as in Moodle.
    """
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if ch == "\\" and nxt == "\\":
            out.append(_BACKSLASH)
            i += 2
        elif ch == "\\" and nxt and nxt in _GUARD:
            out.append(_GUARD[nxt])
            i += 2
        elif ch == "\\" and nxt == "n":
            out.append("\n")
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def restore(text: str) -> str:
    """The guarded characters back as themselves."""
    return "".join(_RESTORE.get(ch, ch) for ch in text)


def split_format(text: str, default: str) -> tuple[str, str]:
    """(format, text without its leading [format] marker)."""
    found = _FORMAT.match(text)
    if not found:
        return default, text
    return found.group(1).lower(), text[found.end() :].lstrip(" ")


def html_to_text(markup: str) -> str:
    """Readable plain text from Moodle's HTML: paragraphs and breaks as lines, code in `…`."""
    # A link keeps its address and an image says it was there: the learner sees text only.
    text = _LINK.sub(lambda m: f"{m.group(2)} ({m.group(1)})", markup)
    text = _IMAGE.sub(lambda m: f"[image: {_alt(m.group(0))}]", text)
    text = _BLOCK_END.sub("\n", text)
    text = _LIST_ITEM.sub("- ", text)
    text = _CODE.sub("`", text)
    text = html.unescape(_TAG.sub("", text)).replace("\xa0", " ")
    lines = [line.strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _alt(tag: str) -> str:
    found = _ALT.search(tag)
    return found.group(1) if found and found.group(1) else "not shown"


def plain(text: str, fmt: str) -> str:
    """Guarded GIFT text as mpquiz shows it: unescaped, HTML made plain, trimmed."""
    text = restore(text)
    if fmt == "html" or (fmt == "moodle" and _LOOKS_HTML.search(text)):
        text = html_to_text(text)
    return text.strip()
