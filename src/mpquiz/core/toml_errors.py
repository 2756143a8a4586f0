"""What tomli says of a file that is not valid TOML, as a message key and its fields.

mpquiz reads every TOML file (packs, settings) with tomli 2.3: the standard library's
tomllib in its compiled build (its parser, messages and TOML 1.0), about 2.5 times
faster on a large pack. Its errors are English sentences with the place at their end
("Invalid value (at line 1, column 15)"). Each of its messages is a key here (`toml.*`),
so a pack's problem or a settings file's error says it in the learner's language, with
the line and column as fields; a message this table does not know (a newer tomli's)
keeps its English as a field of `toml.other`.
"""

from __future__ import annotations

import re
from functools import cache

from mpquiz.core.verdict import Note

_PLACE = r"(?P<message>.*) \(at (?:line (?P<line>\d+), column (?P<column>\d+)|end of document)\)"

# tomli's messages (tomli/_parser.py, tomllib's too), the most specific first: a group
# is a field of the message.
_MESSAGES: tuple[tuple[str, Note], ...] = (
    (r"Invalid statement", Note("toml.invalid_statement")),
    (r"Expected newline or end of document after a statement", Note("toml.expected_newline")),
    (r"Expected '\]' at the end of a table declaration", Note("toml.unclosed_table")),
    (r"Expected '\]\]' at the end of an array declaration", Note("toml.unclosed_array_table")),
    (r"Expected '=' after a key in a key/value pair", Note("toml.expected_equals")),
    (r"Expected (?P<char>.+)", Note("toml.expected")),
    (r"Found invalid character (?P<char>.+)", Note("toml.invalid_character")),
    (r"Cannot declare (?P<key>.+) twice", Note("toml.declared_twice")),
    (r"Cannot overwrite a value", Note("toml.overwrite")),
    (r"Cannot mutate immutable namespace (?P<key>.+)", Note("toml.immutable")),
    (r"Cannot redefine namespace (?P<key>.+)", Note("toml.redefine")),
    (r"Invalid initial character for a key part", Note("toml.bad_key_start")),
    (r"Unclosed array", Note("toml.unclosed_array")),
    (r"Duplicate inline table key (?P<key>.+)", Note("toml.duplicate_inline_key")),
    (r"Unclosed inline table", Note("toml.unclosed_inline_table")),
    (r"Unescaped '\\' in a string", Note("toml.unescaped_backslash")),
    (r"Invalid hex value", Note("toml.bad_hex")),
    (r"Escaped character is not a Unicode scalar value", Note("toml.bad_unicode")),
    (r"Unterminated string", Note("toml.unterminated_string")),
    (r"Illegal character (?P<char>.+)", Note("toml.illegal_character")),
    (r"Invalid date or datetime", Note("toml.bad_date")),
    (r"Invalid value", Note("toml.invalid_value")),
)


def toml_error(exc: ValueError) -> Note:
    """tomli's error `exc` (a TOMLDecodeError) as a message: what is wrong, and where
    (`toml.at`: line and column; `toml.at_end`: at the end of the document)."""
    text = str(exc)
    place = re.fullmatch(_PLACE, text, re.DOTALL)
    what = _what(place.group("message") if place else text)
    if place is None:
        return what
    if place.group("line") is None:
        return Note("toml.at_end", {"problem": what})
    line, column = int(place.group("line")), int(place.group("column"))
    return Note("toml.at", {"problem": what, "line": line, "column": column})


def toml_line(exc: ValueError) -> int | None:
    """The line tomli's error `exc` names, if it names one."""
    place = re.fullmatch(_PLACE, str(exc), re.DOTALL)
    return int(place.group("line")) if place and place.group("line") else None


@cache
def _patterns() -> tuple[tuple[re.Pattern[str], Note], ...]:
    """The table compiled, once it is needed (settings are read at every start)."""
    return tuple((re.compile(pattern, re.DOTALL), note) for pattern, note in _MESSAGES)


def _what(message: str) -> Note:
    for pattern, note in _patterns():
        found = pattern.fullmatch(message)
        if found:
            return Note(note.key, found.groupdict())
    return Note("toml.other", {"detail": message})
