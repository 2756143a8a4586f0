"""Errors that mpquiz reports to people as one clear line."""

from __future__ import annotations

from collections.abc import Mapping


class MpquizError(Exception):
    """An error with a message fit for the user; `exit_code` is what the CLI returns.

    A keyed error carries its message as a key and its fields (`key`, `params`), as a
    core.refusal.Refusal does, so that where it reaches the learner it is put into their
    language (i18n.error_text); the code that raises it often does not know the language.
    Its str() stays the English line (i18n.keyed makes one), for logs and tests.
    """

    exit_code = 1

    def __init__(
        self,
        message: str = "",
        /,
        *,
        key: str | None = None,
        params: Mapping[str, object] | None = None,
    ) -> None:
        super().__init__(message)
        self.key = key
        self.params: dict[str, object] = dict(params or {})


class BadInput(MpquizError):
    """The user gave input mpquiz cannot use (a bad pack, option or answer)."""

    exit_code = 2


class AnswerError(BadInput):
    """An answer that does not fit the question (not a number, no such option)."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key, key=key, params=params)
        self.key: str = key


class StoreError(MpquizError):
    """The database cannot be used: damaged, too new, locked or read-only."""

    exit_code = 3
