"""Find English sentences in what a learner reads in another language.

`english_sentences(text)` looks at each line apart, once the parts that are never prose
are taken out (`backticked code`, quoted strings, URLs, paths, and words holding a dot, an
underscore or parentheses: Python names such as `p.join()` or `__main__`), and flags a
line that holds at least two distinct English function words that are never Spanish
words ("the", "and", "is", "of", "you"...), or one English word that is a label by
itself ("builtin", "trusted": a table's cell). Words that are mpquiz's own terms or keys
("demo", "Pool", "ctrl+s", "esc") are no function words, so they never count; a Spanish
line can name them freely.

Two function words, not one, because a Spanish line may quote one English word (an
option's metavar, a Python keyword like `with` or `is` in prose, "None", "no-lost-updates");
a real English sentence of any length has two.
"""

from __future__ import annotations

import re

ENGLISH_ONLY_WORDS = frozenset(
    """
    the and is are of to for with this that you your it be or an was were on by from as
    at what which who have had will can its each every only there their they them when
    than not does do did into been would should could these those here press presses
    shows runs shown any all after before about how if then while where why our we isn't
    don't doesn't can't won't it's you're there's that's let's must might also just
    still yet so because until unless such missing invalid unknown usage option options
    argument arguments command commands got expected try field fields required input
    inputs valid extra permitted found line string integer number value values file
    files folder please
    """.split()  # noqa: SIM905 - a list of words reads best as one
)
"""English words that no Spanish sentence uses ("a", "no", "me", "use", "son" and the
like are Spanish too, so they are not here, nor "has" and "may", nor "run", a command's
name)."""

ENGLISH_LABELS = frozenset(
    """
    builtin trusted untrusted changed damaged absent running finished passed failed
    skipped shown yes valid problems hint
    """.split()  # noqa: SIM905 - a list of words reads best as one
)
"""English words that are a whole label by themselves (a state in a table: "builtin",
"trusted"; "hint:"): one is enough to flag a line. Not "trust", "question" or "none",
which are command, folder and Python names a Spanish line may quote."""

_BACKTICKED = re.compile(r"`[^`]*`")
_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|«[^»]*»|(?<![A-Za-z])'[^']*'(?![A-Za-z])")
_URL = re.compile(r"\b(?:https?|file)://\S+|\bwww\.\S+")
_PATH = re.compile(r"(?:~|\.{1,2})?(?:/[\w.+\-]+)+/?|\b[A-Za-z]:\\\S+|\b\w+\\\S+")
_FIELD = re.compile(r"\{[^{}]*\}")
_CODE_WORD = re.compile(r"\S*(?:\w[.:]\w|_|\w\(|[\[\]=<>])\S*")
_METAVAR = re.compile(r"\b[A-Z][A-Z0-9_-]+\b")
_OPTION = re.compile(r"(?<!\w)--?\w[\w-]*")
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def strip_code(line: str) -> str:
    """`line` without what is never prose: code, quotes, URLs, paths, dotted names."""
    for pattern in (_BACKTICKED, _URL, _QUOTED, _PATH, _FIELD, _CODE_WORD, _OPTION, _METAVAR):
        line = pattern.sub(" ", line)
    return line


def english_words(line: str) -> set[str]:
    """The English-only function words in `line`, once its code is taken out."""
    words = {w.lower().strip("'") for w in _WORD.findall(strip_code(line))}
    return words & ENGLISH_ONLY_WORDS


def english_labels(line: str) -> set[str]:
    """The English label words in `line` ("builtin", "trusted"), its code taken out."""
    return {w.lower() for w in _WORD.findall(strip_code(line))} & ENGLISH_LABELS


def english_sentences(text: str) -> list[str]:
    """Every line of `text` that reads as English: two distinct English-only words, or
    an English label."""
    return [
        line.strip()
        for line in text.splitlines()
        if len(english_words(line)) >= 2 or english_labels(line)
    ]
