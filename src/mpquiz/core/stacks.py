"""Where a run's processes were when it passed its time limit: ProcessStack and Frame.

Before the runner stops a run that timed out, every Python process of the demo writes
the stack of each of its threads in faulthandler's text format (see mpquiz.runner.stacks);
`parse_dump` turns one process's text into threads of Frames. The text comes from the
demo, so it is read as hostile input: at most MAX_THREADS threads of MAX_FRAMES frames
each, texts cut at MAX_TEXT characters and made inert, lines that are not faulthandler's
ignored. A demo can forge its own stacks; it cannot make them large or make them carry
escapes.

faulthandler's format, most recent call first:

    Thread 0x00007f... (most recent call first):
      File "/path/to/file.py", line 12 in function
      ...

    Current thread 0x00007f... (most recent call first):
      File ...

The thread that wrote the dump is the "Current thread"; mpquiz's startup hook dumps from
its process's main thread, so that one comes first in ProcessStack.threads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mpquiz.core.inert import inert

MAX_THREADS = 100
"""Threads kept per process (faulthandler itself dumps at most 100)."""
MAX_FRAMES = 100
"""Frames kept per thread (faulthandler itself dumps at most 100)."""
MAX_TEXT = 500
"""Characters kept of a file name or a function name (faulthandler cuts at 500 too)."""

_HEADER = re.compile(r"^(Current thread|Thread) 0x[0-9a-fA-F]+ .*\(most recent call first\):$")
_SINGLE = "Stack (most recent call first):"
# A frame's line: two texts of at most MAX_TEXT characters, each escape of which may take
# ten; longer lines are not faulthandler's.
_MAX_LINE = 2 * 10 * MAX_TEXT + 100
_FRAME = re.compile(r'^  File "(?P<file>.*)", line (?P<line>\d{1,9}|\?\?\?) in (?P<function>.+)$')
# faulthandler writes printable ASCII as it is and everything else as an escape: these are
# the only escapes it can have written (\x for 0x00-0x1F and 0x7F-0xFF, \u from 0x100, \U
# from 0x10000); a backslash followed by anything else is a backslash.
_ESCAPE = re.compile(
    r"\\x([0-1][0-9a-fA-F]|7[fF]|[89a-fA-F][0-9a-fA-F])"
    r"|\\u(0[1-9a-fA-F][0-9a-fA-F]{2}|[1-9a-fA-F][0-9a-fA-F]{3})"
    r"|\\U(000[1-9a-fA-F][0-9a-fA-F]{4}|0010[0-9a-fA-F]{4})"
)


@dataclass(frozen=True)
class Frame:
    """One frame of a thread's stack: a line of a function in a file."""

    file: str
    line: int | None  # None where faulthandler did not know it ("???")
    function: str

    def to_dict(self) -> dict[str, object]:
        """The JSON form: {"file", "line", "function"}."""
        return {"file": self.file, "line": self.line, "function": self.function}


@dataclass(frozen=True)
class ProcessStack:
    """The threads of one process of a run, as it dumped them when the run timed out.

    `threads` holds each thread's frames, outermost first (the innermost frame is where
    the thread was blocked); the main thread comes first. `name` is the process's
    multiprocessing name when the run's timeline knows it (None otherwise), and `main`
    says whether it is the demo's main process.
    """

    pid: int
    name: str | None
    threads: tuple[tuple[Frame, ...], ...]
    main: bool = False

    def to_dict(self) -> dict[str, object]:
        """The JSON form: {"pid", "name", "main", "threads": [[frame, ...], ...]}."""
        return {
            "pid": self.pid,
            "name": self.name,
            "main": self.main,
            "threads": [[frame.to_dict() for frame in thread] for thread in self.threads],
        }


def parse_dump(text: str, hidden: frozenset[str] = frozenset()) -> tuple[tuple[Frame, ...], ...]:
    """The threads of one process's faulthandler dump, the current thread first, each
    thread's frames outermost first. Frames in the `hidden` files (mpquiz's own startup
    hook) are left out, and so are threads left with no frame."""
    current: list[list[Frame]] = []
    others: list[list[Frame]] = []
    thread: list[Frame] | None = None
    for line in text.splitlines():
        if len(line) > _MAX_LINE:
            continue
        header = _HEADER.match(line)
        if header is not None or line == _SINGLE:
            if len(current) + len(others) >= MAX_THREADS:
                break
            thread = []
            if header is None or header.group(1) == "Current thread":
                current.append(thread)
            else:
                others.append(thread)
            continue
        match = _FRAME.match(line)
        if match is None or thread is None or len(thread) >= MAX_FRAMES:
            continue
        file = _text(match.group("file"))
        if file not in hidden:
            number = match.group("line")
            line_number = None if number == "???" else int(number)
            thread.append(Frame(file, line_number, _text(match.group("function"))))
    return tuple(tuple(reversed(frames)) for frames in (*current, *others) if frames)


def _text(value: str) -> str:
    """faulthandler's escapes decoded, cut to MAX_TEXT characters, made inert."""
    decoded = _ESCAPE.sub(lambda match: chr(int(next(g for g in match.groups() if g), 16)), value)
    # Lone surrogates (a \ud800 escape) would not survive a UTF-8 database.
    return inert(decoded[:MAX_TEXT].encode("utf-8", "replace").decode("utf-8"))
