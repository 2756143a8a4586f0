"""Waiting for text on a screen a test reads (a tmux pane, a page's terminal)."""

from __future__ import annotations

import time
from collections.abc import Callable


def wait_for_text(
    read: Callable[[], str], texts: tuple[str, ...], timeout: float, where: str, poll: float
) -> str:
    """What `read` shows once it holds any of `texts`; AssertionError with the screen, as
    `where` names it, if it never does within `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        shown = read()
        if any(text in shown for text in texts):
            return shown
        time.sleep(poll)
    raise AssertionError(f"none of {texts} appeared; {where} shows:\n{read()}")
