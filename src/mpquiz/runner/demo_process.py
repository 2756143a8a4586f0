"""DemoProcess and start_demo(): one running demo, read by any number of consumers.

Two daemon threads serve each run. The reader drains the output pipe into a LineBuffer,
capped, and keeps draining past the cap so the demo never blocks on a full pipe. The
supervisor waits for the exit, the timeout or cancel(); kills the process group (also
after a normal exit, for orphans); sweeps processes that left the group; waits for the
pipe to close; removes the working folder; and only then publishes the RunResult and
closes the buffer. Blocking and asyncio consumers all read that one buffer, each from
the first line, so a demo started early (prefetch) can be shown later, still streaming.
"""

from __future__ import annotations

import contextlib
import os
import selectors
import subprocess
import threading
import time
from collections.abc import AsyncIterator, Iterator

from mpquiz.runner import exit_cleanup
from mpquiz.runner.launch import CouldNotStart, Launched, launch
from mpquiz.runner.line_buffer import LineBuffer
from mpquiz.runner.line_splitter import CappedLineSplitter, decode_line, truncation_marker
from mpquiz.runner.process_group import KILL_SETTLE, terminate_group
from mpquiz.runner.reasons import could_not_start, run_failure
from mpquiz.runner.result import OutputLine, RunResult
from mpquiz.runner.spec import DemoSpec
from mpquiz.runner.stragglers import kill_stragglers
from mpquiz.runner.windows import kill_tree
from mpquiz.runner.workdir import remove_workdir

_POSIX = os.name == "posix"
_READ_CHUNK = 64 * 1024
# How often the reader looks up from select() to see whether it was told to stop.
_SELECT_TIMEOUT = 0.1
# The supervisor's longest sleep between looks at the process (wakes earlier on cancel
# and at end of output).
_MAX_POLL = 0.05
# Once the group is dead the pipe reaches end of file at once, unless an escaped process
# still holds it; these bound the waits for that.
_EOF_WAIT = 0.5
_STOP_WAIT = 1.0
_HELD_OPEN = "[mpquiz: stopped reading: a process outside the demo still holds its output]"


def start_demo(spec: DemoSpec) -> DemoProcess:
    """Start a demo and return at once; a demo that cannot start gives a finished run."""
    return DemoProcess._start(spec)


class DemoProcess:
    """A running demo; created by start_demo(), already started."""

    def __init__(self, spec: DemoSpec) -> None:
        """Internal: use start_demo()."""
        self._spec = spec
        self._buffer = LineBuffer()
        self._splitter = CappedLineSplitter(spec.output_cap)
        self._marked = False
        self._launched: Launched | None = None
        self._pipe_inode: int | None = None
        self._reader: threading.Thread | None = None
        self._cancel = threading.Event()
        self._wake = threading.Event()
        self._stop_reading = threading.Event()
        self._timed_out = False
        self._cancelled = False
        self._ended: float | None = None
        self._result: RunResult | None = None

    @classmethod
    def _start(cls, spec: DemoSpec) -> DemoProcess:
        process = cls(spec)
        try:
            launched = launch(spec)
        except CouldNotStart as exc:
            process._publish(process._unstarted_result(str(exc)))
            return process
        process._launched = launched
        # Tracked before the threads start, so that the supervisor's untrack comes after.
        exit_cleanup.track(process, spec.grace + KILL_SETTLE + _EOF_WAIT * 2 + _STOP_WAIT)
        try:
            process._watch_in_background(launched)
        except Exception as exc:  # e.g. "can't start new thread": undo the start
            exit_cleanup.untrack(process)
            with contextlib.suppress(Exception):
                process._kill_all(launched)
                remove_workdir(launched.workdir)
            process._publish(process._unstarted_result(f"cannot watch the demo: {exc}"))
        return process

    def _watch_in_background(self, launched: Launched) -> None:
        stdout = launched.popen.stdout
        assert stdout is not None  # stdout=PIPE
        self._pipe_inode = os.fstat(stdout.fileno()).st_ino
        pid = launched.popen.pid
        self._reader = threading.Thread(
            target=self._read, args=(launched,), name=f"mpquiz-demo-{pid}-reader", daemon=True
        )
        supervisor = threading.Thread(
            target=self._supervise, args=(launched,), name=f"mpquiz-demo-{pid}", daemon=True
        )
        self._reader.start()
        supervisor.start()

    # The public face.

    @property
    def spec(self) -> DemoSpec:
        """What this run was started with."""
        return self._spec

    @property
    def done(self) -> bool:
        """True once the run is over and its result is final."""
        return self._buffer.closed

    @property
    def pid(self) -> int | None:
        """The demo's process id (also its process group id), None if it did not start."""
        return None if self._launched is None else self._launched.popen.pid

    def lines_so_far(self) -> list[OutputLine]:
        """A copy of the lines received until now."""
        return self._buffer.snapshot()

    def iter_lines(self) -> Iterator[OutputLine]:
        """Every line from the first, blocking for new ones; ends when the run is over."""
        yield from self._buffer.iter_lines()

    async def aiter_lines(self) -> AsyncIterator[OutputLine]:
        """Every line from the first, without blocking the event loop; ends with the run."""
        async for line in self._buffer.aiter_lines():
            yield line

    def wait(self, timeout: float | None = None) -> RunResult:
        """Block until the run is over and return its result.

        Raises TimeoutError if `timeout` seconds pass first (the demo keeps running).
        """
        if not self._buffer.wait_closed(timeout):
            raise TimeoutError(f"demo {self._spec.script.name} still running after {timeout} s")
        return self._final()

    async def result(self) -> RunResult:
        """Wait, without blocking the event loop, until the run is over; its result."""
        await self._buffer.wait_closed_async()
        return self._final()

    def cancel(self) -> None:
        """Kill the whole process group now: SIGTERM, then SIGKILL after the grace period.

        Returns at once (wait() or result() tell when it is over); idempotent, and without
        effect once the demo has ended by itself.
        """
        if not self._buffer.closed:
            self._cancel.set()
            self._wake.set()

    # The reader thread.

    def _read(self, launched: Launched) -> None:
        stdout = launched.popen.stdout
        assert stdout is not None
        try:
            for chunk in self._chunks(stdout.fileno()):
                self._take(self._splitter.feed(chunk), launched.started)
            self._take(self._splitter.finish(), launched.started)
        except Exception as exc:  # never lose the run to a reading problem
            self._note(f"[mpquiz: output reading failed: {exc}]", launched.started)
        finally:
            stdout.close()
            self._wake.set()  # end of output usually means the process is exiting

    def _chunks(self, fd: int) -> Iterator[bytes]:
        if not _POSIX:
            # Windows cannot select() on pipes: plain blocking reads; killing the tree
            # closes the pipe.
            while not self._stop_reading.is_set() and (chunk := os.read(fd, _READ_CHUNK)):
                yield chunk
            return
        os.set_blocking(fd, False)
        with selectors.DefaultSelector() as selector:
            selector.register(fd, selectors.EVENT_READ)
            while not self._stop_reading.is_set():
                if not selector.select(_SELECT_TIMEOUT):
                    continue
                try:
                    chunk = os.read(fd, _READ_CHUNK)
                except BlockingIOError:
                    continue
                if not chunk:
                    return
                yield chunk

    def _take(self, raw_lines: list[bytes], started: float) -> None:
        t = time.monotonic() - started
        lines = [OutputLine(t, decode_line(raw)) for raw in raw_lines]
        if self._splitter.truncated and not self._marked:
            self._marked = True
            lines.append(OutputLine(t, truncation_marker(self._spec.output_cap)))
        if lines:
            self._buffer.extend(lines)

    def _note(self, text: str, started: float) -> None:
        self._buffer.extend([OutputLine(time.monotonic() - started, text)])

    # The supervisor thread.

    def _supervise(self, launched: Launched) -> None:
        failure = None
        try:
            self._watch(launched)
        except Exception as exc:  # a bug here must still end in a result
            failure = f"runner failure: {exc!r}"
            with contextlib.suppress(Exception):
                self._kill_all(launched)
        try:
            self._finish_reading(launched)
            remove_workdir(launched.workdir)
        except Exception as exc:
            failure = failure or f"runner failure: {exc!r}"
        finally:
            self._publish(self._result_of(launched, failure))
            exit_cleanup.untrack(self)

    def _watch(self, launched: Launched) -> None:
        popen = launched.popen
        deadline = launched.started + self._spec.timeout
        interval = 0.001
        while popen.poll() is None:
            if self._cancel.is_set():
                self._cancelled = True
                break
            left = deadline - time.monotonic()
            if left <= 0:
                self._timed_out = True
                break
            if self._wake.wait(min(interval, left)):
                self._wake.clear()
                interval = 0.001
            else:
                interval = min(interval * 2, _MAX_POLL)
        if popen.returncode is not None:
            self._ended = time.monotonic()  # the demo's time, not its orphans' cleanup
        # After a timeout or cancel this stops the demo itself; after a normal exit, the
        # orphans it may have left (a no-op when there are none).
        self._kill_all(launched)
        if self._ended is None:
            self._ended = time.monotonic()
        kill_stragglers(launched.token)

    def _kill_all(self, launched: Launched) -> None:
        popen = launched.popen
        if _POSIX:
            terminate_group(popen.pid, self._spec.grace, reap=popen.poll)
        elif popen.poll() is None:
            kill_tree(popen.pid)
        if popen.poll() is None:
            popen.kill()
            with contextlib.suppress(subprocess.TimeoutExpired):
                popen.wait(KILL_SETTLE)

    def _finish_reading(self, launched: Launched) -> None:
        reader = self._reader
        assert reader is not None
        reader.join(_EOF_WAIT)
        if reader.is_alive() and self._pipe_inode is not None:
            # A process outside the group still holds the pipe: find it by that descriptor.
            kill_stragglers(launched.token, self._pipe_inode)
            reader.join(_EOF_WAIT)
        if reader.is_alive():
            self._stop_reading.set()
            reader.join(_STOP_WAIT)
            self._note(_HELD_OPEN, launched.started)

    # The result.

    def _result_of(self, launched: Launched, failure: str | None) -> RunResult:
        lines = tuple(self._buffer.snapshot())
        exit_code = launched.popen.returncode
        ended = self._ended if self._ended is not None else time.monotonic()
        error = failure or run_failure(
            exit_code=exit_code,
            timeout=self._spec.timeout,
            timed_out=self._timed_out,
            cancelled=self._cancelled,
            lines=lines,
        )
        return RunResult(
            demo=self._spec.script.name,
            args=self._spec.args,
            exit_code=exit_code,
            duration=ended - launched.started,
            timed_out=self._timed_out,
            truncated=self._splitter.truncated,
            cancelled=self._cancelled,
            lines=lines,
            error=error,
        )

    def _unstarted_result(self, reason: str) -> RunResult:
        return RunResult(
            demo=self._spec.script.name,
            args=self._spec.args,
            exit_code=None,
            duration=0.0,
            timed_out=False,
            truncated=False,
            cancelled=False,
            lines=(),
            error=could_not_start(reason),
        )

    def _publish(self, result: RunResult) -> None:
        self._result = result
        self._buffer.close()  # after the result is set: a woken waiter reads it

    def _final(self) -> RunResult:
        assert self._result is not None  # set before the buffer closes
        return self._result
