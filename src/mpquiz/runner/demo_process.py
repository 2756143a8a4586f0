"""DemoProcess and start_demo(): one running demo, read by any number of consumers.

Two daemon threads serve each run. The reader drains the output pipe into a LineBuffer,
capped, and keeps draining past the cap so the demo never blocks on a full pipe. The
watcher waits, through the StartedRun, for the exit, the timeout or cancel() and for the
demo's whole tree to be killed; sweeps processes that left it where no supervisor saw
them; waits for the pipe to close; removes the working folder; gathers the timeline of
the demo's processes (mpquiz.runner.timeline) and, after a timeout, their stacks
(mpquiz.runner.stacks), and removes their files; and only then publishes the RunResult
and closes the buffer. Blocking and asyncio consumers all read that one
buffer, each from the first line, so a demo started early (prefetch) can be shown later,
still streaming.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import selectors
import threading
import time
from collections.abc import AsyncIterator, Iterator

from mpquiz.core.processes import ProcessRecord
from mpquiz.core.stacks import ProcessStack
from mpquiz.runner import exit_cleanup, machine_load, supervisors
from mpquiz.runner.launch import CouldNotStart, launch
from mpquiz.runner.limits import planned_cpus
from mpquiz.runner.line_buffer import LineBuffer
from mpquiz.runner.line_splitter import CappedLineSplitter, decode_line, truncation_marker
from mpquiz.runner.machine_load import CpuSnapshot
from mpquiz.runner.process_group import KILL_SETTLE
from mpquiz.runner.reasons import could_not_start, run_failure
from mpquiz.runner.result import OutputLine, RunResult
from mpquiz.runner.spec import DemoSpec
from mpquiz.runner.stacks import STACK_WAIT
from mpquiz.runner.stacks import collect as collect_stacks
from mpquiz.runner.started_run import Ending, StartedRun
from mpquiz.runner.stragglers import kill_stragglers
from mpquiz.runner.supervised_run import SupervisedRun
from mpquiz.runner.timeline import collect
from mpquiz.runner.workdir import remove_workdir

_POSIX = os.name == "posix"
_READ_CHUNK = 64 * 1024
# How often the reader looks up from select() to see whether it was told to stop.
_SELECT_TIMEOUT = 0.1
# Once the tree is dead the pipe reaches end of file at once, unless an escaped process
# still holds it; these bound the waits for that.
_EOF_WAIT = 0.5
_STOP_WAIT = 1.0
_HELD_OPEN = "[mpquiz: stopped reading: a process outside the demo still holds its output]"
_run_numbers = itertools.count(1)


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
        self._run: StartedRun | None = None
        self._pipe_inode: int | None = None
        self._reader: threading.Thread | None = None
        self._stop_reading = threading.Event()
        self._last_line_t = 0.0
        self._result: RunResult | None = None
        self._cpu_before: CpuSnapshot | None = None
        self._cpu_after: CpuSnapshot | None = None

    @classmethod
    def _start(cls, spec: DemoSpec) -> DemoProcess:
        process = cls(spec)
        process._cpu_before = machine_load.snapshot(planned_cpus(spec.cpus))
        try:
            run = launch(spec)
        except CouldNotStart as exc:
            process._publish(process._unstarted_result(str(exc)))
            return process
        process._run = run
        # Tracked before the threads start, so that the watcher's untrack comes after.
        exit_cleanup.track(
            process, STACK_WAIT + spec.grace + KILL_SETTLE + _EOF_WAIT * 2 + _STOP_WAIT
        )
        try:
            process._watch_in_background(run)
        except Exception as exc:  # e.g. "can't start new thread": undo the start
            exit_cleanup.untrack(process)
            with contextlib.suppress(Exception):
                run.kill_all()
                remove_workdir(run.workdir)
            if run.timeline is not None:
                run.timeline.remove()
            if run.stacks is not None:
                run.stacks.remove()
            process._publish(process._unstarted_result(f"cannot watch the demo: {exc}"))
        return process

    def _watch_in_background(self, run: StartedRun) -> None:
        self._pipe_inode = os.fstat(run.output_fd).st_ino
        number = next(_run_numbers)
        self._reader = threading.Thread(
            target=self._read, args=(run,), name=f"mpquiz-demo-{number}-reader", daemon=True
        )
        watcher = threading.Thread(
            target=self._supervise, args=(run,), name=f"mpquiz-demo-{number}", daemon=True
        )
        self._reader.start()
        watcher.start()

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
        """The demo's process id (also its process group id), None if it did not start.

        Under a supervisor this waits the few milliseconds until it has forked the demo.
        """
        return None if self._run is None else self._run.pid

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
        """Kill the demo's whole tree now: SIGTERM, then SIGKILL after the grace period.

        Returns at once (wait() or result() tell when it is over); idempotent, and without
        effect once the demo has ended by itself.
        """
        if not self._buffer.closed and self._run is not None:
            self._run.request_stop()

    # The reader thread.

    def _read(self, run: StartedRun) -> None:
        try:
            for chunk in self._chunks(run.output_fd):
                self._take(self._splitter.feed(chunk), run.started)
            self._take(self._splitter.finish(), run.started)
        except Exception as exc:  # never lose the run to a reading problem
            self._note(f"[mpquiz: output reading failed: {exc}]", run.started)
        finally:
            run.close_output()
            run.output_ended()  # end of output usually means the process is exiting

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
        if raw_lines:
            self._last_line_t = t
        lines = [OutputLine(t, decode_line(raw)) for raw in raw_lines]
        if self._splitter.truncated and not self._marked:
            self._marked = True
            lines.append(OutputLine(t, truncation_marker(self._spec.output_cap)))
        if lines:
            self._buffer.extend(lines)

    def _note(self, text: str, started: float) -> None:
        self._buffer.extend([OutputLine(time.monotonic() - started, text)])

    # The watcher thread.

    def _supervise(self, run: StartedRun) -> None:
        ending = None
        failure = None
        try:
            ending = run.watch()
            self._cpu_after = machine_load.snapshot(planned_cpus(self._spec.cpus))
            if run.sweeps:
                kill_stragglers(run.token)
        except Exception as exc:  # a bug here must still end in a result
            failure = f"runner failure: {exc!r}"
            with contextlib.suppress(Exception):
                run.kill_all()
        processes: tuple[ProcessRecord, ...] = ()
        stacks: tuple[ProcessStack, ...] = ()
        try:
            self._finish_reading(run)
            remove_workdir(run.workdir)
            processes = self._processes(run, ending)
            stacks = self._stacks(run, ending, processes)
        except Exception as exc:
            failure = failure or f"runner failure: {exc!r}"
        finally:
            if run.timeline is not None:
                run.timeline.remove()
            if run.stacks is not None:
                run.stacks.remove()
            if isinstance(run, SupervisedRun):
                supervisors.keep_one_ready()  # if the one started meanwhile was taken
            self._publish(self._result_of(run, ending, failure, processes, stacks))
            exit_cleanup.untrack(self)

    def _processes(self, run: StartedRun, ending: Ending | None) -> tuple[ProcessRecord, ...]:
        """The records of the demo's processes; none when there is no timeline, and none
        rather than a failed run when the records cannot be read."""
        if run.timeline is None or ending is None or ending.not_started is not None:
            return ()
        try:
            return collect(
                run.timeline.read(),
                run.started,
                main_pid=run.pid,
                main_exit=ending.exit_code,
                # Its exit as the runner saw it, or the moment it saw it killed.
                main_end=ending.duration,
                observed=run.observations,
            )
        except Exception:
            return ()

    def _stacks(
        self, run: StartedRun, ending: Ending | None, processes: tuple[ProcessRecord, ...]
    ) -> tuple[ProcessStack, ...]:
        """Where the processes were when the run timed out; none after any other ending,
        and none rather than a failed run when the dumps cannot be read."""
        dumps = run.stacks
        if dumps is None or ending is None or not ending.timed_out:
            return ()
        try:
            pids = dumps.pids() if run.stack_pids is None else run.stack_pids
            return collect_stacks(dumps.read(pids), run.pid, processes)
        except Exception:
            return ()

    def _finish_reading(self, run: StartedRun) -> None:
        reader = self._reader
        assert reader is not None
        reader.join(_EOF_WAIT)
        if reader.is_alive() and self._pipe_inode is not None:
            # A process outside the tree still holds the pipe: find it by that descriptor.
            kill_stragglers(run.token, self._pipe_inode)
            reader.join(_EOF_WAIT)
        if reader.is_alive():
            self._stop_reading.set()
            reader.join(_STOP_WAIT)
            self._note(_HELD_OPEN, run.started)

    # The result.

    def _result_of(
        self,
        run: StartedRun,
        ending: Ending | None,
        failure: str | None,
        processes: tuple[ProcessRecord, ...] = (),
        stacks: tuple[ProcessStack, ...] = (),
    ) -> RunResult:
        if ending is None:
            ending = Ending(exit_code=None, duration=time.monotonic() - run.started)
        if ending.not_started is not None:
            return self._unstarted_result(ending.not_started)
        lines = tuple(self._buffer.snapshot())
        error = failure or ending.failure
        error = error or run_failure(
            exit_code=ending.exit_code,
            timeout=self._spec.timeout,
            timed_out=ending.timed_out,
            cancelled=ending.cancelled,
            lines=lines,
        )
        return RunResult(
            demo=self._spec.script.name,
            args=self._spec.args,
            exit_code=ending.exit_code,
            # A supervisor may see the exit before the last line is read here.
            duration=max(ending.duration, self._last_line_t),
            timed_out=ending.timed_out,
            truncated=self._splitter.truncated,
            cancelled=ending.cancelled,
            lines=lines,
            error=error,
            network_isolated=ending.network_isolated,
            processes=processes,
            others_busy=machine_load.others_busy(
                self._cpu_before, self._cpu_after, _demo_cpu(processes)
            ),
            stacks=stacks,
            cpus=None if run.cpus is None else len(run.cpus),
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


def _demo_cpu(processes: tuple[ProcessRecord, ...]) -> float | None:
    """The CPU time of the demo's processes, None when they were not all measured."""
    if not processes or any(p.cpu is None for p in processes if p.started):
        return None
    return sum(p.cpu or 0.0 for p in processes)
