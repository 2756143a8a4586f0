"""`python -m mpquiz ARGS` in a process of its own, without paying the imports each time.

Most command-line tests run mpquiz as a learner does, in a process of its own: its exit
code, its language (set per process), its stdin and stdout as pipes. Starting a Python
and importing SQLAlchemy, SQLModel, Typer and mpquiz takes about half a second of CPU,
and the suite does it a few hundred times. Here one process per test worker (the zygote)
imports them once, and loads the built-in pack once; each run is a fork of it that sets
the run's environment, working folder and standard streams (the caller's pipes, passed
over a Unix socket) and then runs `mpquiz/__main__.py` as `python -m mpquiz` does, to a
normal interpreter exit (atexit handlers, threads joined, streams flushed). The zygote
reports the run's pid as it starts and its exit status when it ends.

A test that is about a fresh interpreter (what start-up imports, signals from a
terminal) starts one itself.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import json
import os
import selectors
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

# What every command imports (the rest is imported by the run, once per fork).
PRELOAD = (
    "mpquiz.cli.main",
    "mpquiz.services",
    "mpquiz.store.opening",
    "mpquiz.store.repository",
    "mpquiz.packs.loader",
    "mpquiz.session.review",
)
_lock = threading.Lock()
_zygote: tuple[subprocess.Popen[bytes], str] | None = None


def run(
    args: list[str], *, stdin: str, env: dict[str, str], cwd: Path, timeout: float
) -> subprocess.CompletedProcess[str]:
    """`python -m mpquiz *args` forked from the zygote, as subprocess.run would give it."""
    path = _started()
    r_in, w_in = os.pipe()
    r_out, w_out = os.pipe()
    r_err, w_err = os.pipe()
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        conn.connect(path)
        request = json.dumps({"args": args, "env": env, "cwd": str(cwd)}).encode()
        socket.send_fds(conn, [struct.pack("!I", len(request)) + request], [r_in, w_out, w_err])
    finally:
        for fd in (r_in, w_out, w_err):
            os.close(fd)
    pid = struct.unpack("!i", _exactly(conn, 4))[0]
    out, err = _communicate(w_in, r_out, r_err, stdin.encode(), pid, timeout, args)
    status = struct.unpack("!i", _exactly(conn, 4))[0]
    conn.close()
    code = os.waitstatus_to_exitcode(status)
    return subprocess.CompletedProcess(
        [sys.executable, "-m", "mpquiz", *args], code, _text(out), _text(err)
    )


def _text(data: bytes) -> str:
    """Bytes as subprocess.run(text=True) gives them: decoded, universal newlines."""
    return data.decode().replace("\r\n", "\n").replace("\r", "\n")


def _communicate(
    w_in: int, r_out: int, r_err: int, data: bytes, pid: int, timeout: float, args: list[str]
) -> tuple[bytes, bytes]:
    """Write `data` to the run's stdin and read its stdout and stderr to their end."""
    import time

    chunks: dict[int, list[bytes]] = {r_out: [], r_err: []}
    pending = memoryview(data)
    deadline = time.monotonic() + timeout
    with selectors.DefaultSelector() as sel:
        sel.register(r_out, selectors.EVENT_READ)
        sel.register(r_err, selectors.EVENT_READ)
        if pending:
            os.set_blocking(w_in, False)
            sel.register(w_in, selectors.EVENT_WRITE)
        else:
            os.close(w_in)
        open_fds = {r_out, r_err} | ({w_in} if pending else set())
        while open_fds - {w_in} or (w_in in open_fds and pending):
            left = deadline - time.monotonic()
            if left <= 0:
                os.kill(pid, signal.SIGKILL)
                raise subprocess.TimeoutExpired(["mpquiz", *args], timeout)
            for key, _ in sel.select(left):
                fd = int(key.fd)
                if fd == w_in:
                    try:
                        pending = pending[os.write(w_in, pending) :]
                    except BrokenPipeError:
                        pending = pending[:0]
                    if not pending:
                        sel.unregister(w_in)
                        os.close(w_in)
                        open_fds.discard(w_in)
                    continue
                chunk = os.read(fd, 65536)
                if chunk:
                    chunks[fd].append(chunk)
                else:
                    sel.unregister(fd)
                    os.close(fd)
                    open_fds.discard(fd)
        if w_in in open_fds:
            os.close(w_in)
    return b"".join(chunks[r_out]), b"".join(chunks[r_err])


def _exactly(conn: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = conn.recv(size - len(data))
        if not chunk:
            raise RuntimeError("the mpquiz test zygote went away")
        data += chunk
    return data


def _started() -> str:
    """The zygote's socket, starting the zygote on first use (one per test process)."""
    global _zygote
    with _lock:
        if _zygote is not None and _zygote[0].poll() is None:
            return _zygote[1]
        folder = tempfile.mkdtemp(prefix="mpquiz-zygote-")
        path = os.path.join(folder, "socket")
        process = subprocess.Popen(
            [sys.executable, __file__, path],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            env={**os.environ, "COLUMNS": "100"},
        )
        assert process.stdout is not None
        if process.stdout.readline() != b"ready\n":
            raise RuntimeError("the mpquiz test zygote did not start")
        atexit.register(_stop, process, folder)
        _zygote = (process, path)
        return path


def _stop(process: subprocess.Popen[bytes], folder: str) -> None:
    process.kill()
    process.wait()
    import shutil

    shutil.rmtree(folder, ignore_errors=True)


# The zygote's side.


def _serve(path: str) -> tuple[socket.socket, dict[str, object], list[int]]:
    """Accept runs until killed; returns only in a run's process, with its request."""
    import importlib

    for name in PRELOAD:
        importlib.import_module(name)
    # And the built-in pack, which a new database syncs: loaded once for every run (a run
    # whose pack files differ loads its own: packs.builtin.builtin_pack is by their fingerprint).
    importlib.import_module("mpquiz.packs.builtin").builtin_pack()
    gc.freeze()  # the forks share these objects' pages instead of copying them
    assert threading.active_count() == 1, "nothing may run beside a process that forks"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen(64)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # its handlers are reaped by the system
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    while True:
        conn, _ = server.accept()
        header, fds, _flags, _addr = socket.recv_fds(conn, 4, 3)
        size = struct.unpack("!I", header)[0]
        body = b""
        while len(body) < size:
            body += conn.recv(size - len(body))
        if os.fork() == 0:  # the run's handler: starts the run, waits, reports
            server.close()
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            pid = os.fork()
            if pid == 0:
                return conn, json.loads(body), fds
            for fd in fds:
                os.close(fd)
            try:
                conn.sendall(struct.pack("!i", pid))
                _, status = os.waitpid(pid, 0)
                conn.sendall(struct.pack("!i", status))
            except OSError:  # the test gave up on the run (its time passed): nobody to tell
                pass
            os._exit(0)
        conn.close()
        for fd in fds:
            os.close(fd)


def _become_the_run(conn: socket.socket, request: dict[str, object], fds: list[int]) -> None:
    """Take the run's streams, environment and folder, then run mpquiz's __main__."""
    import runpy

    conn.close()
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
        os.close(fd)
    env = request["env"]
    assert isinstance(env, dict)
    os.environ.clear()
    os.environ.update(env)
    os.chdir(str(request["cwd"]))
    args = request["args"]
    assert isinstance(args, list)
    sys.argv = ["mpquiz", *args]
    sys.path[0] = os.getcwd()  # as `python -m` puts it
    try:
        runpy.run_module("mpquiz", run_name="__main__", alter_sys=True)
        code: object = 0
    except SystemExit as exc:
        code = exc.code
    os._exit(_exit_as_python_does(code))


def _exit_as_python_does(code: object) -> int:
    """What an interpreter does on exit that a program can see (threads joined, atexit
    handlers run, streams flushed, a SystemExit's message printed), and its exit code;
    not the teardown of every module the zygote imported, which takes longer than most
    commands and shows nothing."""
    import atexit

    threading._shutdown()  # type: ignore[attr-defined]
    atexit._run_exitfuncs()
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code & 0xFF
    else:
        print(code, file=sys.stderr)
        status = 1
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a stream the program closed
            stream.flush()
    return status


if __name__ == "__main__":
    _become_the_run(*_serve(sys.argv[1]))
