"""Why a program that passed its time limit was stuck: likely_cause() reads its stacks.

Each thread's block is where the learner's code handed over: the innermost frame in the
program's own file, and the library call it was in (the next frame). A forked or
spawned child's frames count from multiprocessing's Process._bootstrap on (a forked one
also shows its parent's frames above that). Threads without a frame in the program
(multiprocessing's own: feeders, an idle Pool worker, the forkserver and the resource
tracker) block nothing the learner wrote, except the one sign read from them: a child
whose exit waits on its Queue's feeder thread, still sending (Queue._finalize_join).

The main process's block comes first: a join() is explained by the child it waits for
(flushing a Queue, or blocked in something this module knows, or elsewhere); any other
known block is the cause; otherwise a child's known block is; otherwise the generic
"still running, blocked in FUNCTION at line N".

A lock's acquire() (of threading, or a multiprocessing Lock's acquire()) runs in C and
leaves no frame of its own, so for a block at a line with no library frame beyond it the
program's own line is read (when `program` names a readable file) to tell an acquire()
or a `with` from other C calls.
"""

from __future__ import annotations

import os
import re
import sysconfig
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from mpquiz.core.stacks import Frame, ProcessStack
from mpquiz.core.verdict import Note

_MAX_SOURCE = 1 << 20
"""Bytes read of the program, at most, to look at one of its lines."""

_LIBRARY = re.compile(
    r"[/\\]lib[/\\](?:python3\.\d+t?|pypy3[^/\\]*)[/\\]|[/\\](?:site|dist)-packages[/\\]",
    re.IGNORECASE,
)
_ACQUIRE = re.compile(r"\.acquire\s*\(|^\s*(?:async\s+)?with\b")


class _Kind(Enum):
    JOIN = "join"
    RECV = "recv"
    GET = "get"
    LOCK = "lock"
    WAIT = "wait"
    POOL = "pool"
    OTHER = "other"


# (file's ending, the functions): what a call into the library blocks on.
_CALLS: tuple[tuple[str, frozenset[str], _Kind], ...] = (
    ("multiprocessing/process.py", frozenset({"join"}), _Kind.JOIN),
    (
        "multiprocessing/connection.py",
        frozenset({"recv", "recv_bytes", "recv_bytes_into", "poll"}),
        _Kind.RECV,
    ),
    ("multiprocessing/queues.py", frozenset({"get"}), _Kind.GET),
    ("/queue.py", frozenset({"get"}), _Kind.GET),
    ("/threading.py", frozenset({"acquire", "__enter__"}), _Kind.LOCK),
    ("multiprocessing/synchronize.py", frozenset({"acquire", "__enter__"}), _Kind.LOCK),
    ("/threading.py", frozenset({"wait", "wait_for"}), _Kind.WAIT),
    ("multiprocessing/synchronize.py", frozenset({"wait", "wait_for"}), _Kind.WAIT),
    (
        "multiprocessing/pool.py",
        frozenset({"get", "wait", "join", "map", "starmap", "next", "__next__"}),
        _Kind.POOL,
    ),
    (
        "concurrent/futures/_base.py",
        frozenset({"result", "as_completed", "wait", "result_iterator", "__exit__"}),
        _Kind.POOL,
    ),
    (
        "concurrent/futures/process.py",
        frozenset({"shutdown", "_chain_from_iterable_of_lists"}),
        _Kind.POOL,
    ),
)
# A manager's proxy method (made with exec, so its file is "<string>") by its name.
_PROXY_CALLS = {
    "get": _Kind.GET,
    "acquire": _Kind.LOCK,
    "__enter__": _Kind.LOCK,
    "wait": _Kind.WAIT,
    "wait_for": _Kind.WAIT,
}
_HELPERS = ("forkserver", "resource_tracker")


@dataclass(frozen=True)
class _Block:
    """Where one process was stuck: what it was doing, at which line of the program."""

    kind: _Kind
    who: str
    line: int | str
    function: str


def likely_cause(stacks: Sequence[ProcessStack], program: Path | str | None) -> Note | None:
    """The likely reason a run that timed out was stuck, read from its processes' stacks
    (RunResult.stacks), as a Note whose params hold the line of `program` (the learner's
    file, a path) where it was blocked; frames of any file outside Python's own library
    count as the learner's when `program` is None. None without stacks, or frames."""
    if not any(thread for stack in stacks for thread in stack.threads):
        return None
    reader = _Reader(program)
    main = next((stack for stack in stacks if stack.main), None)
    if main is None:
        main = next((stack for stack in stacks if stack.name == "MainProcess"), None)
    children = [stack for stack in stacks if stack is not main and not _helper(stack)]
    blocks = [block for child in children if (block := reader.block(child)) is not None]
    known = next((block for block in blocks if block.kind not in _GENERIC), None)
    first = main if main is not None else (children[0] if children else stacks[0])
    block = reader.block(main) if main is not None else None
    if block is not None and block.kind is _Kind.JOIN:
        flushing = next((child for child in children if _flushing(child)), None)
        if flushing is not None:
            drain: dict[str, object] = {"line": block.line, "child": _who(flushing)}
            return Note("hang.join_before_drain", drain)
        if known is not None:
            return _note(known)
        if blocks:
            child = blocks[0]
            params: dict[str, object] = {
                "line": block.line,
                "child": child.who,
                "function": child.function,
                "child_line": child.line,
            }
            return Note("hang.join_child_blocked", params)
        return _note(block)
    if block is not None and block.kind not in _GENERIC:
        return _note(block)
    if known is not None:
        return _note(known)
    if block is None:
        block = blocks[0] if blocks else _innermost(first)
    return _note(block)


_GENERIC = (_Kind.OTHER, _Kind.JOIN)


def _note(block: _Block) -> Note:
    params: dict[str, object] = {"who": block.who, "line": block.line}
    match block.kind:
        case _Kind.RECV:
            return Note("hang.recv_no_sender", params)
        case _Kind.GET:
            return Note("hang.get_nothing_put", params)
        case _Kind.LOCK:
            return Note("hang.lock_never_released", params)
        case _Kind.WAIT:
            return Note("hang.wait_forever", {**params, "function": block.function})
        case _Kind.POOL:
            return Note("hang.pool_wait", {**params, "function": block.function})
        case _Kind.JOIN | _Kind.OTHER:
            return Note("hang.blocked_at", {**params, "function": block.function})


class _Reader:
    """Reads blocks out of stacks, knowing which file is the learner's."""

    def __init__(self, program: Path | str | None) -> None:
        self._program = None if program is None else os.path.normpath(str(program))
        self._lines: list[str] | None = None
        self._library = tuple(
            os.path.join(os.path.normpath(path), "")
            for key in ("stdlib", "platstdlib", "purelib", "platlib")
            if (path := sysconfig.get_paths().get(key))
        )

    def block(self, stack: ProcessStack) -> _Block | None:
        """The block of the process's first thread that has one (the main thread's,
        unless that one is in no frame of the program)."""
        for thread in stack.threads:
            block = self._thread_block(stack, _own_frames(thread))
            if block is not None:
                return block
        return None

    def _thread_block(self, stack: ProcessStack, frames: Sequence[Frame]) -> _Block | None:
        at = next((i for i in range(len(frames) - 1, -1, -1) if self._mine(frames[i])), None)
        if at is None:
            return None
        frame = frames[at]
        inner = frames[at + 1 :]
        line = "?" if frame.line is None else frame.line
        if not inner:
            source = self._source_line(frame.line)
            if source is not None and _ACQUIRE.search(source):
                return _Block(_Kind.LOCK, _who(stack), line, "acquire")
            return _Block(_Kind.OTHER, _who(stack), line, frame.function)
        return _Block(_kind(inner), _who(stack), line, inner[0].function)

    def _mine(self, frame: Frame) -> bool:
        file = frame.file
        if self._program is not None:
            path = os.path.normpath(file)
            if os.path.isabs(self._program):
                return path == self._program
            return path == self._program or path.endswith(os.sep + self._program)
        if file.startswith("<"):
            return False
        return not (_LIBRARY.search(file) or os.path.normpath(file).startswith(self._library))

    def _source_line(self, number: int | None) -> str | None:
        if number is None or self._program is None:
            return None
        if self._lines is None:
            try:
                with open(self._program, "rb") as file:
                    data = file.read(_MAX_SOURCE)
            except OSError:
                data = b""
            self._lines = data.decode("utf-8", "replace").splitlines()
        return self._lines[number - 1] if 0 < number <= len(self._lines) else None


def _kind(inner: Sequence[Frame]) -> _Kind:
    """What the library call starting at inner[0] blocks on."""
    call = inner[0]
    proxy = len(inner) > 1 and _at(inner[1], "multiprocessing/managers.py", "_callmethod")
    if call.file.startswith("<") and proxy:
        return _PROXY_CALLS.get(call.function, _Kind.OTHER)
    for ending, functions, kind in _CALLS:
        if call.function in functions and _ends(call.file, ending):
            return kind
    return _Kind.OTHER


def _own_frames(thread: Sequence[Frame]) -> Sequence[Frame]:
    """The frames of a child's own, from multiprocessing's Process._bootstrap on."""
    for i in range(len(thread) - 1, -1, -1):
        if _at(thread[i], "multiprocessing/process.py", "_bootstrap"):
            return thread[i + 1 :]
    return thread


def _flushing(stack: ProcessStack) -> bool:
    """True when the process was exiting while its Queue's feeder thread still sent."""
    for thread in stack.threads:
        frames = _own_frames(thread)
        if any(_at(frame, "multiprocessing/queues.py", "_finalize_join") for frame in frames):
            return True
        feeding = _index(frames, lambda f: _at(f, "multiprocessing/queues.py", "_feed"))
        if feeding is not None and any(
            _ends(frame.file, "multiprocessing/connection.py")
            and frame.function in ("send_bytes", "_send_bytes", "_send")
            for frame in frames[feeding + 1 :]
        ):
            return True
    return False


def _helper(stack: ProcessStack) -> bool:
    """multiprocessing's forkserver or resource tracker, by name or by its frames."""
    if stack.name in _HELPERS:
        return True
    return any(
        _at(frame, f"multiprocessing/{helper}.py", "main")
        for thread in stack.threads
        for frame in _own_frames(thread)
        for helper in _HELPERS
    )


def _innermost(stack: ProcessStack) -> _Block:
    """The generic block: the innermost frame of the process's first thread."""
    frames = next((thread for thread in stack.threads if thread), ())
    if not frames:
        return _Block(_Kind.OTHER, _who(stack), "?", "?")
    frame = frames[-1]
    return _Block(
        _Kind.OTHER, _who(stack), "?" if frame.line is None else frame.line, frame.function
    )


def _who(stack: ProcessStack) -> str:
    if stack.name:
        return stack.name
    return "MainProcess" if stack.main else f"pid {stack.pid}"


def _at(frame: Frame, ending: str, function: str) -> bool:
    return frame.function == function and _ends(frame.file, ending)


def _ends(file: str, ending: str) -> bool:
    return file.replace("\\", "/").endswith(ending)


def _index(frames: Sequence[Frame], test: Callable[[Frame], bool]) -> int | None:
    return next((i for i, frame in enumerate(frames) if test(frame)), None)
