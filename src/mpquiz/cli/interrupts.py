"""Ctrl+C, SIGTERM and SIGHUP as one interruption the line-by-line modes can act on.

Python ends on SIGTERM and SIGHUP (the terminal closed) without running any cleanup, so
an answer given but not rated would be lost. While `Interrupts` is active the three
signals raise KeyboardInterrupt where the program is, like Ctrl+C; inside `held()` they
wait until the block is over, so a commit is never cut in half (and never repeated).
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType, TracebackType
from typing import Any

_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)


class Interrupts:
    """A context manager: while inside, the signals above raise KeyboardInterrupt."""

    def __init__(self) -> None:
        self._previous: dict[int, Any] = {}
        self._holding = 0
        self._held: int | None = None

    def __enter__(self) -> Interrupts:
        if threading.current_thread() is threading.main_thread():
            for signum in _SIGNALS:
                self._previous[signum] = signal.signal(signum, self._on_signal)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)
        self._previous.clear()

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        if self._holding:
            self._held = signum
            return
        raise KeyboardInterrupt(signal.Signals(signum).name)

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        """Signals that arrive inside wait for the end of the block."""
        self._holding += 1
        try:
            yield
        finally:
            self._holding -= 1
        if not self._holding and self._held is not None:
            signum, self._held = self._held, None
            raise KeyboardInterrupt(signal.Signals(signum).name)
