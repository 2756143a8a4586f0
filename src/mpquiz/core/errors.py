"""Errors that mpquiz reports to people as one clear line."""

from __future__ import annotations


class MpquizError(Exception):
    """An error with a message fit for the user; `exit_code` is what the CLI returns."""

    exit_code = 1


class BadInput(MpquizError):
    """The user gave input mpquiz cannot use (a bad pack, option or answer)."""

    exit_code = 2


class AnswerError(BadInput):
    """An answer that does not fit the question (not a number, no such option)."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


class StoreError(MpquizError):
    """The database cannot be used: damaged, too new, locked or read-only."""

    exit_code = 3
