"""LineBuffer: the lines of one run, shared by any number of sync and async readers.

The reader thread appends; every consumer keeps its own position, so each sees every line
from the start. Blocking readers wait on a Condition; asyncio readers park a Future that
the appending thread resolves with loop.call_soon_threadsafe, so an event loop never
blocks for longer than a list copy under the lock.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import AsyncIterator, Iterable, Iterator

from mpquiz.runner.result import OutputLine


class LineBuffer:
    """Append-only, closable list of OutputLine with blocking and asyncio iteration."""

    def __init__(self) -> None:
        self._condition = threading.Condition()
        self._lines: list[OutputLine] = []
        self._closed = False
        self._async_waiters: list[tuple[asyncio.AbstractEventLoop, asyncio.Future[None]]] = []

    @property
    def closed(self) -> bool:
        """True once no more lines will come."""
        return self._closed

    def extend(self, lines: Iterable[OutputLine]) -> None:
        """Add lines and wake every waiting reader; ignored once closed."""
        with self._condition:
            if self._closed:
                return
            self._lines.extend(lines)
            self._wake_all()

    def close(self) -> None:
        """Mark the end: readers finish after the lines they have not seen yet."""
        with self._condition:
            self._closed = True
            self._wake_all()

    def snapshot(self) -> list[OutputLine]:
        """A copy of the lines so far."""
        with self._condition:
            return list(self._lines)

    def wait_closed(self, timeout: float | None = None) -> bool:
        """Block until closed; False if `timeout` passed first."""
        with self._condition:
            return self._condition.wait_for(lambda: self._closed, timeout)

    async def wait_closed_async(self) -> None:
        """Wait until closed without blocking the event loop."""
        while True:
            waiter = self._park(None)
            if waiter is None:
                return
            await waiter

    def iter_lines(self) -> Iterator[OutputLine]:
        """Every line from the first, blocking for new ones until closed."""
        index = 0
        while True:
            with self._condition:
                while not self._closed and len(self._lines) <= index:
                    self._condition.wait()
                batch = self._lines[index:]
                closed = self._closed
            index += len(batch)
            yield from batch
            if closed and not batch:
                return

    async def aiter_lines(self) -> AsyncIterator[OutputLine]:
        """Every line from the first, awaiting new ones until closed."""
        index = 0
        while True:
            with self._condition:
                batch = self._lines[index:]
            if batch:
                index += len(batch)
                for line in batch:
                    yield line
                continue
            waiter = self._park(index)
            if waiter is None:
                # Closed: a last look, since lines may have come with the close.
                with self._condition:
                    batch = self._lines[index:]
                for line in batch:
                    yield line
                return
            await waiter

    def _park(self, index: int | None) -> asyncio.Future[None] | None:
        """A future resolved at the next change, or None if closed (checked atomically).

        With an `index`, the future is resolved at once if lines past it already exist.
        """
        loop = asyncio.get_running_loop()
        with self._condition:
            if self._closed:
                return None
            waiter: asyncio.Future[None] = loop.create_future()
            if index is not None and len(self._lines) > index:
                waiter.set_result(None)
            else:
                self._async_waiters.append((loop, waiter))
            return waiter

    def _wake_all(self) -> None:
        # Called with the lock held.
        self._condition.notify_all()
        waiters, self._async_waiters = self._async_waiters, []
        for loop, waiter in waiters:
            # RuntimeError: that loop is closed, so nobody is waiting any more.
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(_resolve, waiter)


def _resolve(waiter: asyncio.Future[None]) -> None:
    if not waiter.done():  # it may have been cancelled meanwhile
        waiter.set_result(None)
