"""The stacks of a run that passed its time limit (RunResult.stacks).

Before a run that timed out is stopped, every Python process of the demo is asked to
write where each of its threads is, so that a verdict can say where the program hung
(mpquiz.core.hangs). The startup hook (child_startup/sitecustomize.py) installs, in every
demo process that finds STACKS_VARIABLE in its environment, a handler for DUMP_SIGNAL: it
opens FOLDER/PID.part (created, never followed), writes faulthandler.dump_traceback(
all_threads=True) to it, closes it and renames it FOLDER/PID, so that a file named after
a pid is a complete dump. The file is opened only when asked, so the demo never holds a
descriptor it did not open (faulthandler.register would need one open all along), and
the handler, being Python's, runs in the main thread, which is the dump's "Current
thread"; a thread blocked in a lock, a pipe, a join or a sleep is interrupted for it
(PEP 475 then resumes the call). A process whose main thread is stuck inside C code
that never returns to the interpreter does not dump.

Who asks, and how long they wait, at most STACK_WAIT seconds and less once every asked
process has dumped:

- Linux, under the tree supervisor: the supervisor, at the timeout, before its SIGTERM;
  it signals each descendant whose /proc/PID/status shows it catching DUMP_SIGNAL (at
  most MAX_PROCESSES, the main process first) and reports the pids it asked.
- The direct path (mpquiz's own child; on Linux only when the supervisor is not used):
  DirectRun, the same way for the members of the demo's process group, from /proc.
- macOS and other POSIX systems without /proc: the whole process group gets the signal
  (SIGINFO there, which nothing else minds), and the wait ends once the main process
  has dumped and no new dump came for SETTLE seconds.
- Windows: no signals, no stacks.

A run that does not time out costs one empty folder made and removed, and one handler
installed per process (well under a millisecond together).

The folder is mpquiz's (mode 0700, outside the working folder), but the demo may write
anything into it: it is read as hostile input, through the descriptor mpquiz opened
(so that swapping the name changes nothing), only the files of the pids asked (or, where
they are not known, at most MAX_PROCESSES names that are numbers), each opened without
following links and only if it is a plain file, at most MAX_DUMP bytes of each and
MAX_TOTAL of all, parsed by mpquiz.core.stacks (capped, inert).
"""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil
import signal
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

from mpquiz.core.processes import ProcessRecord
from mpquiz.core.stacks import ProcessStack, parse_dump
from mpquiz.runner.environment import STARTUP_FOLDER
from mpquiz.runner.process_group import live_members

STACKS_VARIABLE = "MPQUIZ_STACKS"
STACK_WAIT = 0.3
SETTLE = 0.05
MAX_PROCESSES = 64
MAX_DUMP = 64 * 1024
MAX_TOTAL = 1 << 20
# What the folder's removal looks at: a demo that filled it with more leaves the rest.
MAX_ENTRIES = 4096
POLL = 0.005
HOOK_FILE = str(STARTUP_FOLDER / "sitecustomize.py")
_PREFIX = "mpquiz-stacks-"
_PROC = "/proc"
_LINUX = sys.platform.startswith("linux")


def _dump_signal() -> int | None:
    """A real-time signal on Linux (nothing uses it, its default action is moot: only the
    processes that catch it get it); SIGINFO where there is one (ignored by default, so a
    whole group may get it); None elsewhere."""
    if os.name != "posix":
        return None
    if _LINUX and hasattr(signal, "SIGRTMIN"):
        return int(signal.SIGRTMIN) + 6
    info = getattr(signal, "SIGINFO", None)
    return None if info is None else int(info)


DUMP_SIGNAL = _dump_signal()


class StackDumps:
    """The folder one run's processes dump their stacks into; open here until removed."""

    def __init__(self) -> None:
        """Create the folder (mode 0700) in the system's temporary folder; OSError if not."""
        if DUMP_SIGNAL is None:
            raise OSError("no signal to ask for stacks on this system")
        self.path = Path(tempfile.mkdtemp(prefix=_PREFIX))
        try:
            flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0)
            self._fd: int | None = os.open(self.path, flags | getattr(os, "O_CLOEXEC", 0))
        except OSError:
            with contextlib.suppress(OSError):
                os.rmdir(self.path)
            raise
        self.signal = DUMP_SIGNAL

    def environment(self) -> dict[str, str]:
        """What the demo's environment gets, so that its processes install the handler."""
        return {STACKS_VARIABLE: f"{self.signal}:{self.path}"}

    def dumped(self, pid: int) -> bool:
        """True once process `pid` (or the demo, in its name) has put a file there."""
        if self._fd is None:
            return False
        try:
            os.stat(str(pid), dir_fd=self._fd, follow_symlinks=False)
        except (OSError, ValueError):
            return False
        return True

    def pids(self) -> list[int]:
        """The pids that have a file there (at most MAX_PROCESSES names are taken)."""
        if self._fd is None:
            return []
        found = []
        with contextlib.suppress(OSError), os.scandir(self._fd) as entries:
            for entry in itertools.islice(entries, MAX_ENTRIES):
                if entry.name.isdigit() and entry.name.isascii() and len(entry.name) < 10:
                    found.append(int(entry.name))
                    if len(found) >= MAX_PROCESSES:
                        break
        return sorted(found)

    def read(self, pids: Iterable[int]) -> dict[int, bytes]:
        """At most MAX_DUMP bytes of each of these pids' dumps, MAX_TOTAL in all; a pid
        without a plain file there is left out."""
        dumps: dict[int, bytes] = {}
        left = MAX_TOTAL
        for pid in list(dict.fromkeys(pids))[:MAX_PROCESSES]:
            if left <= 0:
                break
            data = self._read_one(pid, min(MAX_DUMP, left))
            if data is not None:
                dumps[pid] = data
                left -= len(data)
        return dumps

    def _read_one(self, pid: int, limit: int) -> bytes | None:
        if self._fd is None:
            return None
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        try:
            fd = os.open(str(pid), flags | getattr(os, "O_CLOEXEC", 0), dir_fd=self._fd)
        except (OSError, ValueError):
            return None
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return None
            chunks = []
            size = 0
            while size < limit:
                chunk = os.read(fd, limit - size)
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
            return b"".join(chunks)
        except OSError:
            return None
        finally:
            os.close(fd)

    def remove(self) -> None:
        """Empty and delete the folder; idempotent, never raises."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            with contextlib.suppress(OSError), os.scandir(fd) as entries:
                names = [(e.name, _is_folder(e)) for e in itertools.islice(entries, MAX_ENTRIES)]
            for name, folder in names:
                if not folder:
                    with contextlib.suppress(OSError):
                        os.unlink(name, dir_fd=fd)
                elif shutil.rmtree.avoids_symlink_attacks:
                    shutil.rmtree(name, ignore_errors=True, dir_fd=fd)
        finally:
            os.close(fd)
            with contextlib.suppress(OSError):
                os.rmdir(self.path)  # whatever the demo put there: rmdir follows nothing


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


# The direct path: asking the demo's process group, waiting for the dumps.


def ask_group(pgid: int, dumps: StackDumps) -> tuple[int, ...] | None:
    """Signal the Python processes of the demo's group to dump their stacks; the pids
    asked, or None when the whole group was signalled without knowing its members (no
    /proc). Returns at once."""
    members = live_members(pgid) if _LINUX else None
    if members is None:
        with contextlib.suppress(OSError):
            os.killpg(pgid, dumps.signal)
        return None
    asked: list[int] = []
    for pid in sorted(members, key=lambda pid: (pid != pgid, pid)):
        if len(asked) >= MAX_PROCESSES:
            break
        if catches(pid, dumps.signal) and _signal_member(pid, pgid, dumps.signal):
            asked.append(pid)
    return tuple(asked)


def wait_for_dumps(
    dumps: StackDumps,
    asked: Sequence[int] | None,
    main_pid: int,
    wait: float = STACK_WAIT,
    stop: Callable[[], bool] = lambda: False,
) -> None:
    """Wait until every asked process has dumped, at most `wait` seconds; with `asked`
    None (not known), until the main process has and no new dump came for SETTLE s."""
    deadline = time.monotonic() + wait
    if asked is not None and not asked:
        return
    seen = 0
    quiet_since = time.monotonic()
    while time.monotonic() < deadline and not stop():
        if asked is not None:
            if all(dumps.dumped(pid) for pid in asked):
                return
        else:
            count = len(dumps.pids())
            if count != seen:
                seen, quiet_since = count, time.monotonic()
            elif dumps.dumped(main_pid) and time.monotonic() - quiet_since >= SETTLE:
                return
        time.sleep(POLL)


def catches(pid: int, signum: int) -> bool:
    """True when /proc says process `pid` runs a handler of its own for `signum`."""
    try:
        with open(f"{_PROC}/{pid}/status", "rb") as status:
            text = status.read(8192)
    except OSError:
        return False
    for line in text.splitlines():
        if line.startswith(b"SigCgt:"):
            try:
                return bool(int(line.split()[1], 16) >> (signum - 1) & 1)
            except (ValueError, IndexError):
                return False
    return False


def _signal_member(pid: int, pgid: int, signum: int) -> bool:
    """Signal `pid` through a pidfd, once it is pinned and still a member of the group."""
    pidfd = None
    try:
        if hasattr(os, "pidfd_open"):
            pidfd = os.pidfd_open(pid)
        with open(f"{_PROC}/{pid}/stat", "rb") as file:
            if int(file.read().rpartition(b")")[2].split()[2]) != pgid:
                return False
        if pidfd is not None:
            signal.pidfd_send_signal(pidfd, signum)
        else:
            os.kill(pid, signum)
        return True
    except (OSError, ValueError, IndexError):
        return False
    finally:
        if pidfd is not None:
            os.close(pidfd)


# What the run's result gets.


def collect(
    dumps: Mapping[int, bytes],
    main_pid: int | None,
    processes: Sequence[ProcessRecord] = (),
) -> tuple[ProcessStack, ...]:
    """The ProcessStacks of the dumps read (pid: text), the main process first, each
    named as the run's timeline names its pid (its latest process with that pid)."""
    names = {record.pid: record.name for record in processes if record.pid is not None}
    hidden = frozenset({HOOK_FILE})
    stacks = [
        ProcessStack(
            pid=pid,
            name=names.get(pid),
            threads=parse_dump(data.decode("utf-8", "replace"), hidden),
            main=pid == main_pid,
        )
        for pid, data in dumps.items()
    ]
    stacks.sort(key=lambda stack: (not stack.main, stack.pid))
    return tuple(stack for stack in stacks if stack.threads)
