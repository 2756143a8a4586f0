"""Questions to and from plain JSON-able dicts, as stored in the database.

Each kind writes only its own fields (core.kinds); `"v"` is the format's version. Rows
written by an older mpquiz are rewritten by a migration (store.migrations), and reading
ignores fields a kind does not have, so either reads the same.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mpquiz.core.inert import inert_tree
from mpquiz.core.kinds import Kind, kind_type

if TYPE_CHECKING:
    from mpquiz.core.kinds import Question

FORMAT = 2


def question_to_dict(question: Question) -> dict[str, Any]:
    """A JSON-able dict holding everything about the question."""
    return {"v": FORMAT, **question.to_dict()}


def question_from_dict(d: dict[str, Any], *, shown: bool = True) -> Question:
    """The inverse of `question_to_dict`. Every string is made inert (core.inert) unless
    `shown` is False (a migration rewriting rows): a stored question may have been written
    by anyone who can write to the database.

    Raises:
        ValueError: an unknown kind; KeyError: a required field is missing.
    """
    if shown:
        d = inert_tree(d)
    return kind_type(Kind(d["kind"])).from_dict(d)
