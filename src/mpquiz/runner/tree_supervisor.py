"""The supervisor of one demo's process tree on Linux: a standalone program.

mpquiz runs it as `python -I -S tree_supervisor.py` in a session of its own (so the
terminal's SIGINT and SIGHUP do not reach it); it imports nothing of mpquiz and only
standard modules that load in a few milliseconds, and it may wait as a warm spare before
it is given a demo (with the timeline file of the run's processes, which it samples, and
the folder of their stacks, both of which it deletes should mpquiz be gone). Its
descriptors:

  0  control pipe from mpquiz: a spec (a decimal length line, then that many bytes of
     marshal data), later b"k" to stop the demo now. End of file means mpquiz is gone,
     however it ended (SIGKILL included): the whole tree is SIGKILLed at once.
  1  status pipe to mpquiz, ASCII lines: "started PID NET" (NET 1 when the demo has a
     network namespace of its own, 0 when it could not get one), "failed STEP ERRNO"
     (the demo could not be started), "ended CODE SECONDS HOW" (CODE as
     Popen.returncode; SECONDS from the spec's "started", mpquiz's CLOCK_MONOTONIC
     time; HOW exit, timeout or cancel), written once its tree is gone. Just before
     it, with a timeline in the spec: "reaped PID CODE SECONDS" for each process it
     reaped, "gone PID SECONDS" when it first saw a sampled process dead, and
     "cpu PID SECONDS:CPU,..." the CPU times it sampled (see Sampler); after a timeout,
     with a stacks folder in the spec, "stacks PID ..." the processes it asked for their
     stacks (see ask_for_stacks).
  2  the demo's output pipe, which becomes the demo's stdout and stderr.

It sets PR_SET_CHILD_SUBREAPER, so every orphan of the tree (setsid'd, double-forked
daemons too) is reparented to it: the tree is all its descendants and is gone when it
has no child left. It enters a new network namespace with only `lo` up (directly as
root, else inside a new user namespace that maps just the user's own uid and gid) and
carries on without one when refused. The demo is forked in a new session, with
PR_SET_PDEATHSIG=SIGKILL, the CPU affinity (if the spec restricts it), the resource
limits, working folder and environment of the spec, stdin /dev/null and no other
descriptor. On timeout the demo's Python processes are first asked for their stacks
(STACK_WAIT seconds at most); on timeout or b"k" the tree gets SIGTERM, the grace
period, then SIGKILL until no descendant is left; after the demo's main process exits,
its orphans get the same. SIGTERM, SIGHUP or SIGINT sent to the
supervisor itself count as mpquiz being gone.
"""

from __future__ import annotations

import _signal  # type: ignore[import-not-found]  # `signal` imports enum: 3 ms more a start
import ctypes
import fcntl
import marshal
import os
import resource
import select
import stat
import sys
import time

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without typing's 6 ms import
if TYPE_CHECKING:
    from collections.abc import Callable, Set
    from typing import Any

    Spec = dict[str, Any]
    """What mpquiz sends: the demo's command line, folder, environment, limits, times."""

SIGHUP, SIGINT, SIGKILL, SIGPIPE, SIGTERM, SIGXFSZ = 1, 2, 9, 13, 15, 25
PR_SET_PDEATHSIG = 1
PR_SET_CHILD_SUBREAPER = 36
CLONE_NEWUSER = 0x10000000
CLONE_NEWNET = 0x40000000
SIOCGIFFLAGS, SIOCSIFFLAGS, IFF_UP = 0x8913, 0x8914, 0x1
AF_INET, SOCK_DGRAM, SOCK_CLOEXEC = 2, 2, 0o2000000

# After SIGKILL, how long to wait for the tree to be gone before reporting anyway; the
# supervisor goes on killing, for up to LINGER seconds, what the kernel is still holding.
KILL_SETTLE = 2.0
LINGER = 60.0
# How often orphans' zombies are reaped while the demo runs.
REAP_INTERVAL = 0.5
# Step of the waits in the kill sequence.
STEP = 0.005
# The timeline's CPU samples: how often, of how many processes, how many each (beyond
# that every other one is dropped), and how much of the file is read for its pids.
SAMPLE_INTERVAL = 0.05
MAX_SAMPLED = 256
MAX_SAMPLES = 1200
MAX_TIMELINE_READ = 4 << 20
START_LINE = b'{"k":"start","pid":'
MAX_REAPED = 1024
# The stacks on a timeout (as in mpquiz.runner.stacks): how long to wait for them, of how
# many processes, and how many entries of the folder are removed when mpquiz is gone.
STACK_WAIT = 0.3
MAX_STACKS = 64
MAX_ENTRIES = 4096

CONTROL, STATUS, OUTPUT = 0, 1, 2
libc = ctypes.CDLL(None, use_errno=True)


class MpquizGone(Exception):
    """The control pipe reached end of file, or the supervisor was told to stop."""


def on_signal(signum: int, frame: object) -> None:
    raise MpquizGone


def report(line: str) -> None:
    try:
        os.write(STATUS, line.encode() + b"\n")
    except OSError:  # mpquiz is gone
        raise MpquizGone from None


# The network namespace.


def isolate_network() -> bool:
    """Enter a network namespace of one's own with `lo` up; False when refused."""
    uid, gid = os.getuid(), os.getgid()
    if libc.unshare(CLONE_NEWNET) != 0:
        if libc.unshare(CLONE_NEWUSER | CLONE_NEWNET) != 0:
            return False
        try:
            # Only the user's own ids, so the demo has no capability once it execs.
            write_file("/proc/self/setgroups", "deny")
            write_file("/proc/self/uid_map", f"{uid} {uid} 1")
            write_file("/proc/self/gid_map", f"{gid} {gid} 1")
        except OSError:
            pass  # isolated all the same; the demo then runs as the overflow uid
    bring_loopback_up()
    return True


def write_file(path: str, text: str) -> None:
    fd = os.open(path, os.O_WRONLY)
    try:
        os.write(fd, text.encode())
    finally:
        os.close(fd)


def bring_loopback_up() -> None:
    """Set IFF_UP on `lo`, so that localhost works inside the namespace."""
    fd = libc.socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0)
    if fd < 0:
        return
    try:
        request = b"lo".ljust(40, b"\0")  # struct ifreq: the name, then the flags
        flags = fcntl.ioctl(fd, SIOCGIFFLAGS, request)
        up = int.from_bytes(flags[16:18], sys.byteorder) | IFF_UP
        fcntl.ioctl(fd, SIOCSIFFLAGS, flags[:16] + up.to_bytes(2, sys.byteorder) + flags[18:])
    except OSError:
        pass  # isolated, but without a working localhost
    finally:
        os.close(fd)


# The spec and the demo's process.


def read_exactly(count: int) -> bytes:
    data = b""
    while len(data) < count:
        chunk = os.read(CONTROL, count - len(data))
        if not chunk:
            raise MpquizGone
        data += chunk
    return data


def read_spec() -> Spec:
    length = b""
    while not length.endswith(b"\n"):
        length += read_exactly(1)
    spec: Spec = marshal.loads(read_exactly(int(length)))
    return spec


def start_demo(spec: Spec) -> int | None:
    """Fork and exec the demo; its pid, or None after reporting why it failed."""
    error_read, error_write = os.pipe()
    me = os.getpid()
    pid = os.fork()
    if pid == 0:
        os.close(error_read)
        become_demo(spec, me, error_write)
    os.close(error_write)
    failure = b""
    while chunk := os.read(error_read, 64):
        failure += chunk
    os.close(error_read)
    if not failure:
        return pid
    os.waitpid(pid, 0)
    report(f"failed {failure.decode()}")
    return None


def become_demo(spec: Spec, supervisor: int, error_write: int) -> None:
    """In the forked child: set up everything, then exec; never returns."""
    step = "setup"
    try:
        # Ours are handled, and Python ignores SIGPIPE and SIGXFSZ: all default again,
        # as Popen(restore_signals=True) would leave them.
        for signum in (SIGTERM, SIGHUP, SIGINT, SIGPIPE, SIGXFSZ):
            _signal.signal(signum, _signal.SIG_DFL)
        os.setsid()
        libc.prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0)
        if os.getppid() != supervisor:  # it died before the line above
            os._exit(1)
        stdin = os.open(os.devnull, os.O_RDONLY)
        os.dup2(stdin, 0)
        os.dup2(OUTPUT, 1)
        step = "cwd"
        os.chdir(spec["cwd"])
        step = "cpus"
        if spec.get("cpus") is not None:
            os.sched_setaffinity(0, spec["cpus"])
        step = "limits"
        for which, soft, hard in spec["limits"]:
            resource.setrlimit(which, (soft, hard))
        # The control and status pipes were 0 and 1; nothing else is inheritable, but
        # close the rest anyway, all but the pipe that reports a failed exec.
        os.closerange(3, error_write)
        os.closerange(error_write + 1, 65536)
        step = "exec"
        os.execve(spec["python"], spec["argv"], spec["env"])
    except OSError as exc:
        os.write(error_write, f"{step} {exc.errno or 0}".encode())
    except BaseException:
        os.write(error_write, f"{step} 0".encode())
    os._exit(127)


# The tree.


class Tree:
    """The demo's main process and every other descendant of the supervisor."""

    def __init__(self) -> None:
        self.main: int | None = None  # set once it is forked
        self.code: int | None = None  # the main process's exit code, once reaped
        self.ended: float | None = None  # time.monotonic() when it was reaped
        self.me = os.getpid()
        self.reaped: dict[int, tuple[int, float]] = {}  # pid: exit code, when

    def reap(self) -> bool:
        """Reap every child that has exited; True while any child is left."""
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return False
            if pid == 0:
                return True
            if len(self.reaped) < MAX_REAPED:
                self.reaped[pid] = (os.waitstatus_to_exitcode(status), time.monotonic())
            if pid == self.main:
                self.code = os.waitstatus_to_exitcode(status)
                self.ended = time.monotonic()

    def descendants(self) -> dict[int, int]:
        """Pid and parent pid of every descendant, from /proc."""
        parents = {}
        for name in os.listdir("/proc"):
            if name.isdigit():
                try:
                    with open(f"/proc/{name}/stat", "rb") as stat:
                        parents[int(name)] = int(stat.read().rpartition(b")")[2].split()[1])
                except (OSError, ValueError, IndexError):
                    pass
        children: dict[int, list[int]] = {}
        for pid, parent in parents.items():
            children.setdefault(parent, []).append(pid)
        found, todo = {}, [self.me]
        while todo:
            parent = todo.pop()
            for pid in children.get(parent, ()):
                found[pid] = parent
                todo.append(pid)
        return found

    def signal_all(self, signum: int) -> None:
        if self.main is not None and self.code is None:
            # The main pid is not reaped yet, so its group id is still the demo's.
            quietly(os.killpg, self.main, signum)
        found = self.descendants()
        for pid, parent in found.items():
            if parent == self.me:
                # A child of ours: its pid cannot be recycled before we reap it.
                quietly(os.kill, pid, signum)
            else:
                send_pinned(pid, found.keys() | {self.me}, signum)

    def terminate(self, grace: float) -> None:
        """SIGTERM to the whole tree, `grace` seconds, then SIGKILL until it is gone."""
        if not self.reap():
            return
        self.signal_all(SIGTERM)
        deadline = time.monotonic() + grace
        while time.monotonic() < deadline:
            if not self.reap():
                return
            wait_control(STEP)
        self.kill()

    def kill(self, settle: float = KILL_SETTLE) -> bool:
        """SIGKILL every descendant, again and again, until none is left; False if some
        still were after `settle` seconds."""
        deadline = time.monotonic() + settle
        while self.reap():
            # Again at every round: one that forked just before dying left a new one.
            self.signal_all(SIGKILL)
            if time.monotonic() > deadline:
                return False
            time.sleep(STEP)
        return True


def proc_stat(pid: int) -> list[bytes] | None:
    """The fields of /proc/PID/stat after the command name (state first), or None."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as file:
            return file.read().rpartition(b")")[2].split()
    except OSError:
        return None


class Sampler:
    """The CPU time of the demo's Python processes, from /proc, every SAMPLE_INTERVAL.

    Each process names itself in the timeline file (its "start" line, written by the
    startup hook), which this reads as it grows, through a descriptor opened before the
    demo started; a pid is sampled only once /proc shows it descends from the
    supervisor, and until it is seen dead (a zombie, gone, or another process with its
    pid). A sample is utime + stime from /proc/PID/stat, whole clock ticks each, so two
    samples' difference is off by less than two ticks (20 ms).
    """

    def __init__(self, path: str | None, me: int, started: float) -> None:
        self.me = me
        self.started = started
        self.tick = 1 / os.sysconf("SC_CLK_TCK")
        self.fd = open_timeline(path)
        self.read = 0
        self.pending = b""
        self.sampled: dict[int, tuple[bytes, list[tuple[float, int]]]] = {}  # start, samples
        self.refused: set[int] = set()
        self.gone: dict[int, float] = {}

    def sample(self) -> None:
        """Learn new pids from the file, then sample every live one."""
        if self.fd is None:
            return
        quietly(self.learn)
        now = time.monotonic() - self.started
        for pid, (started, samples) in self.sampled.items():
            if pid in self.gone:
                continue
            fields = proc_stat(pid)
            if fields is None or len(fields) < 20 or fields[19] != started:
                self.gone[pid] = now
                continue
            samples.append((now, int(fields[11]) + int(fields[12])))
            if len(samples) > MAX_SAMPLES:
                del samples[1:-1:2]
            if fields[0] in (b"Z", b"X"):
                self.gone[pid] = now

    def learn(self) -> None:
        if self.read >= MAX_TIMELINE_READ:
            return
        assert self.fd is not None
        chunk = os.pread(self.fd, 65536, self.read)
        self.read += len(chunk)
        *lines, self.pending = (self.pending + chunk).split(b"\n")
        if len(self.pending) > 65536:  # no line is that long: garbage
            self.pending = b""
        for line in lines:
            if line.startswith(START_LINE):
                comma = line.find(b",", len(START_LINE))
                try:
                    pid = int(line[len(START_LINE) : comma])
                except ValueError:
                    continue
                self.consider(pid)

    def consider(self, pid: int) -> None:
        if pid in self.sampled or pid in self.refused or len(self.sampled) >= MAX_SAMPLED:
            return
        if len(self.refused) >= MAX_SAMPLED * 4:  # a demo naming pids not its own
            return
        fields = proc_stat(pid)
        ancestor = pid
        for _step in range(64):  # up the parents to the supervisor, or not ours
            stat_fields = proc_stat(ancestor)
            if stat_fields is None or len(stat_fields) < 20:
                break
            ancestor = int(stat_fields[1])
            if ancestor == self.me or ancestor in self.sampled:
                if fields is not None:
                    self.sampled[pid] = (fields[19], [])
                return
            if ancestor <= 1:
                break
        self.refused.add(pid)

    def report(self, reaped: dict[int, tuple[int, float]]) -> None:
        """The status lines of what was seen, before "ended"."""
        if self.fd is None:
            return
        lines = [
            f"reaped {pid} {code} {when - self.started:.4f}" for pid, (code, when) in reaped.items()
        ]
        lines += [f"gone {pid} {when:.4f}" for pid, when in self.gone.items()]
        for pid, (_started, samples) in self.sampled.items():
            if samples:
                pairs = ",".join(f"{t:.4f}:{ticks * self.tick:.2f}" for t, ticks in samples)
                lines.append(f"cpu {pid} {pairs}")
        if lines:
            report("\n".join(lines))


def open_timeline(path: str | None) -> int | None:
    """A read descriptor on the timeline file if it is a plain file, else None."""
    if not path:
        return None
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    if stat.S_ISREG(os.fstat(fd).st_mode):
        return fd
    os.close(fd)
    return None


def quietly(call: Callable[..., object], *args: object, **kwargs: object) -> bool:
    """call(*args, **kwargs); False if it raised OSError (contextlib would cost an
    import)."""
    try:
        call(*args, **kwargs)
    except OSError:
        return False
    return True


def send_pinned(pid: int, ours: Set[int], signum: int) -> bool:
    """Signal a grandchild or deeper through a pidfd, after checking it is still ours;
    False if it was not signalled."""
    try:
        pidfd = os.pidfd_open(pid)
    except OSError:  # gone, or no pidfd (then the rounds of kill() reach it as a child)
        return False
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            parent = int(stat.read().rpartition(b")")[2].split()[1])
        if parent in ours:  # not a recycled pid
            _signal.pidfd_send_signal(pidfd, signum)
            return True
    except (OSError, ValueError, IndexError):
        pass
    finally:
        os.close(pidfd)
    return False


# The stacks, on a timeout.


def open_folder(path: str | None) -> int | None:
    """A descriptor on the stacks folder if it is a folder (not a link), else None."""
    if not path:
        return None
    flags = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
    try:
        return os.open(path, flags)
    except OSError:
        return None


def catches(pid: int, signum: int) -> bool:
    """True when /proc says process `pid` runs a handler of its own for `signum`."""
    try:
        with open(f"/proc/{pid}/status", "rb") as status:
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


def dumped(folder: int, pid: int) -> bool:
    """True once the folder has a file named after `pid` (a finished dump)."""
    try:
        os.stat(str(pid), dir_fd=folder, follow_symlinks=False)
    except OSError:
        return False
    return True


def ask_for_stacks(tree: Tree, spec: Spec, folder: int | None) -> None:
    """Signal each Python process of the tree that catches the spec's stack signal (the
    startup hook's handler), the main process first, at most MAX_STACKS of them; wait
    until each has dumped its stacks into the folder, STACK_WAIT seconds at most; report
    the pids asked."""
    signum = spec.get("stack_signal")
    if folder is None or not isinstance(signum, int):
        return
    found = tree.descendants()
    ours = found.keys() | {tree.me}
    asked: list[int] = []
    for pid in sorted(found, key=lambda pid: (pid != tree.main, pid)):
        if len(asked) >= MAX_STACKS:
            break
        state = proc_stat(pid)
        if state is None or state[0] in (b"Z", b"X") or not catches(pid, signum):
            continue
        if found[pid] == tree.me:
            sent = quietly(os.kill, pid, signum)  # a child of ours: not recycled
        else:
            sent = send_pinned(pid, ours, signum)
        if sent:
            asked.append(pid)
    deadline = time.monotonic() + STACK_WAIT
    pending = asked
    while pending and time.monotonic() < deadline:
        if wait_control(STEP * 2):  # a cancel meanwhile: the stop cannot wait
            break
        pending = [pid for pid in pending if not dumped(folder, pid)]
    if asked:
        report("stacks " + " ".join(str(pid) for pid in asked))


def remove_folder(path: str, folder: int | None) -> None:
    """Delete the stacks folder and the plain files in it (nobody else is left to)."""
    if folder is None:
        return
    try:
        with os.scandir(folder) as entries:
            names = [entry.name for _, entry in zip(range(MAX_ENTRIES), entries, strict=False)]
    except OSError:
        names = []
    for name in names:
        quietly(os.unlink, name, dir_fd=folder)
    quietly(os.rmdir, path)


def wait_control(seconds: float) -> bool:
    """Sleep up to `seconds`, watching the control pipe: True if told to stop."""
    if not select.select([CONTROL], [], [], seconds)[0]:
        return False
    if not os.read(CONTROL, 64):
        raise MpquizGone
    return True


def supervise(tree: Tree, spec: Spec, started: float, sampler: Sampler, folder: int | None) -> None:
    """Watch the demo until it exits, times out or is cancelled; clean up; report."""
    assert tree.main is not None  # started
    try:
        pidfd: int | None = os.pidfd_open(tree.main)
    except OSError:
        pidfd = None  # old kernel: poll for the exit instead
    deadline = started + spec["timeout"]
    how = "exit"
    poll = 0.001
    while tree.reap() and tree.code is None:
        left = deadline - time.monotonic()
        if left <= 0:
            how = "timeout"
            break
        if pidfd is None:
            wait = min(left, poll)
            poll = min(poll * 2, 0.05)
        else:
            wait = min(left, REAP_INTERVAL if sampler.fd is None else SAMPLE_INTERVAL)
        ready = select.select([CONTROL] if pidfd is None else [CONTROL, pidfd], [], [], wait)[0]
        sampler.sample()
        if CONTROL in ready:
            if not os.read(CONTROL, 64):
                raise MpquizGone
            tree.reap()
            if tree.code is None:  # a cancel after the exit changes nothing
                how = "cancel"
                break
    sampler.sample()
    if how == "timeout":
        ask_for_stacks(tree, spec, folder)
    # Stops the demo after a timeout or cancel; after a normal exit, its orphans.
    tree.terminate(spec["grace"])
    gone = tree.kill()
    ended = tree.ended if how == "exit" and tree.ended is not None else time.monotonic()
    code = "none" if tree.code is None else str(tree.code)
    sampler.report(tree.reaped)
    report(f"ended {code} {ended - started:.6f} {how}")
    if not gone:
        tree.kill(LINGER)


def main() -> None:
    for signum in (SIGTERM, SIGHUP, SIGINT):
        _signal.signal(signum, on_signal)
    tree = Tree()
    timeline = None
    stacks: str | None = None
    folder = None
    try:
        libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
        isolated = isolate_network()
        spec = read_spec()
        timeline = spec.get("timeline")
        # The timeout and the duration count from mpquiz's start, as its lines' times do.
        started = min(spec["started"], time.monotonic())
        # Opened before the demo starts, so that it cannot swap the file for another.
        sampler = Sampler(spec.get("timeline"), tree.me, started)
        stacks = spec.get("stacks")
        folder = open_folder(stacks)
        tree.main = start_demo(spec)
        if tree.main is None:
            return
        # The output pipe now belongs to the demo: end of file comes when its tree closes it.
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, OUTPUT)
        os.close(null)
        report(f"started {tree.main} {int(isolated)}")
        supervise(tree, spec, started, sampler, folder)
    except MpquizGone:
        for signum in (SIGTERM, SIGHUP, SIGINT):  # no second interruption of the kill
            _signal.signal(signum, _signal.SIG_IGN)
        if timeline:  # nobody is left to read it, or to delete it
            quietly(os.unlink, timeline)
        tree.kill(LINGER)
        if stacks:  # once no process is left to dump into it
            remove_folder(stacks, folder)
    except BaseException:  # a bug of ours: the tree must not outlive it
        tree.kill()
        raise


if __name__ == "__main__":
    main()
