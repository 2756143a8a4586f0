"""Startup hook of every demo process: whole output lines, the run's timeline, the stacks
on a timeout, and the default start method.

mpquiz puts this folder on the demos' PYTHONPATH (and only this folder). Under `python -u`
print() writes its text and its newline in two system calls, so lines that several
processes print at once get spliced ("worker 1worker 2" then two empty lines). Line
buffered, each line leaves in one write, which a pipe keeps whole up to PIPE_BUF (4 KiB),
and output still streams line by line. Afterwards the sitecustomize module this file
hides, if there is one, runs as it would have, and this folder leaves sys.path so the
demo sees the path it would have had (its children still get the hook from PYTHONPATH).

The timeline. When the environment names a file in MPQUIZ_TIMELINE_FILE (a file mpquiz
created outside the working folder), every Python process of the demo appends JSON lines
to it, each in one write() of less than PIPE_BUF bytes to a file opened with O_APPEND,
so that the lines of processes writing at once never mix; the file is opened for each
line and closed again, so the demo never sees a descriptor it did not open. The variable
is taken out of os.environ (not out of the process's real environment, which exec'd
children inherit), so the demo sees the environment it would have had. Times are
time.monotonic(), CLOCK_MONOTONIC, one clock for every process of the machine; mpquiz
makes them relative to the run's start. The lines, by "k":

  start   as this process begins (here, or in a forked child right after the fork): pid,
          ppid, time, and how it began: "exec" (a fresh interpreter), "spawn" (a
          multiprocessing spawn child), "forkserver" and "resource_tracker"
          (multiprocessing's helpers), "fork" (forked); a forked child also gives the
          name of multiprocessing.current_process() it inherited.
  mp      as a multiprocessing process starts its target: its name and start method.
  thread  as a thread other than the main one ends: its name, start, end, and CPU time
          from time.thread_time() read in the thread.
  exit    as a parent first learns that its multiprocessing child exited: the child's
          pid, exit code, the time, and for fork and spawn children, whose parent reaps
          them, the child's CPU time from wait4(); the forkserver, which reaps the
          children it forks, says the same of them.
  end     as this process ends (after its multiprocessing target returned, at os._exit()
          or at exit): time, CPU time (time.process_time()), exit code when known,
          name.
  unstarted  just before "end": each multiprocessing Process this process created and
          never started (at most UNSTARTED of them): its name and when it was created.

A process killed by a signal writes no "end"; its parent's "exit" or the supervisor's
samples say when it died. The hook never lets its own trouble reach the demo: every
failure is swallowed, and each process writes at most RECORD_BUDGET lines besides its
start and end (THREAD_BUDGET of them for threads). Only a little runs at startup (one
line written); threading and multiprocessing are patched as they are imported, by a
finder on sys.meta_path.

The stacks. When the environment has STACKS_VARIABLE ("SIGNAL:FOLDER", a folder mpquiz
created outside the working folder), the hook installs a handler for that signal: asked
(on a timeout, see mpquiz.runner.stacks), the process writes
faulthandler.dump_traceback(all_threads=True) to FOLDER/PID.part, opened for it (created,
never followed) and closed again, then renames it FOLDER/PID. Python runs the handler in
the main thread, interrupting a lock, a pipe or a join, which then carries on; forked
children inherit it, and spawned ones install their own.

The start method. With START_METHOD_VARIABLE set ("fork", "spawn" or "forkserver"), as
multiprocessing.context is imported the hook makes that method the default of its
DefaultContext without setting the context, as if the platform had that default: a
program that calls multiprocessing.set_start_method() itself still may, and spawned
children take the parent's method from multiprocessing as usual. A method this system
does not have is left alone (mpquiz refuses to start such a run).

Each variable is taken out of os.environ as the timeline's is.
"""

import atexit
import importlib.machinery
import os
import sys
import time

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without typing's import
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from importlib.machinery import ModuleSpec
    from types import ModuleType
    from typing import Any, NoReturn

VARIABLE = "MPQUIZ_TIMELINE_FILE"
STACKS_VARIABLE = "MPQUIZ_STACKS"
START_METHOD_VARIABLE = "MPQUIZ_START_METHOD"
RECORD_BUDGET = 400
UNSTARTED = 16
THREAD_BUDGET = 256
NAME_LIMIT = 100
_FLAGS = (
    os.O_WRONLY
    | os.O_APPEND
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_CLOEXEC", 0)
)


def _quietly(call: "Callable[..., object]", *args: object) -> bool:
    """call(*args); False if it raised (contextlib would cost its import, 2 ms a start)."""
    try:
        call(*args)
    except Exception:
        return False
    return True


def _line_buffer(stream: object) -> None:
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        _quietly(lambda: reconfigure(line_buffering=True, write_through=False))


def _run_hidden_sitecustomize(here: str) -> None:
    path = [entry for entry in sys.path if os.path.abspath(entry or ".") != here]
    spec = importlib.machinery.PathFinder.find_spec("sitecustomize", path)
    if spec is not None and spec.loader is not None:
        from importlib.util import module_from_spec  # only now: 2 ms, with contextlib

        module = module_from_spec(spec)
        spec.loader.exec_module(module)


# The timeline's state, per process (a forked child starts its own).


class _State:
    path: str | None = None
    pid = 0  # whose state this is
    budget = 0
    threads = 0
    ended = False
    created: "list[tuple[Any, float]]" = []  # noqa: RUF012 - (weak ref, time) of Processes made


# What multiprocessing runs with `python -c "from multiprocessing.MODULE import ..."`.
_ROLES = ("spawn", "forkserver", "resource_tracker")
_now = time.monotonic
_real_exit = os._exit
_real_waitpid = getattr(os, "waitpid", None)


def _write(line: str, always: bool = False) -> None:
    """Append one line to the timeline, if the budget allows (or `always`: a process's
    start and end); never raises."""
    try:
        if _State.path is None or os.getpid() != _State.pid:
            return
        if _State.budget <= 0 and not always:
            return
        _State.budget -= 1
        fd = os.open(_State.path, _FLAGS)
        try:
            os.write(fd, line.encode("ascii"))
        finally:
            os.close(fd)
    except Exception:
        pass


def _quote(text: object) -> str:
    """A JSON string of at most NAME_LIMIT characters, ASCII only; null for a non-str."""
    if not isinstance(text, str):
        return "null"
    text = text[:NAME_LIMIT]
    if text.isascii() and text.isprintable() and '"' not in text and "\\" not in text:
        return f'"{text}"'
    escaped = []
    for char in text:
        code = ord(char)
        if 0x20 <= code < 0x7F and char not in '"\\':
            escaped.append(char)
        elif code < 0x10000:
            escaped.append(f"\\u{code:04x}")
        else:
            code -= 0x10000
            escaped.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
    return '"' + "".join(escaped) + '"'


def _number(value: object) -> str:
    """A JSON number; null for anything else, NaN and infinities included."""
    if isinstance(value, int):
        return str(int(value))  # True is 1, not True
    if isinstance(value, float) and value - value == 0.0:
        return repr(value)
    return "null"


def _mp_name() -> str:
    """multiprocessing.current_process().name, without importing multiprocessing."""
    process = sys.modules.get("multiprocessing.process")
    if process is None:
        return "null"
    try:
        return _quote(process.current_process().name)
    except Exception:
        return "null"


def _begin(how: str, name: str, parent: int) -> None:
    _State.pid = os.getpid()
    _State.budget = RECORD_BUDGET
    _State.threads = 0
    _State.ended = False
    _State.created = []
    _write(
        f'{{"k":"start","pid":{_State.pid},"ppid":{parent},"t":{_now()!r},'
        f'"how":"{how}","name":{name}}}\n',
        always=True,
    )


def _end(code: object, name: str) -> None:
    if _State.ended or os.getpid() != _State.pid:
        return
    _State.ended = True
    _quietly(_unstarted)
    _write(
        f'{{"k":"end","pid":{_State.pid},"t":{_now()!r},"cpu":{time.process_time()!r},'
        f'"code":{_number(code)},"name":{name}}}\n',
        always=True,
    )


def _unstarted() -> None:
    """Note the Process objects this process made and never started."""
    for ref, created in _State.created:
        process = ref()
        if process is None or getattr(process, "_popen", True) is not None:
            continue
        if getattr(process, "_parent_pid", None) != os.getpid():
            continue
        _write(
            f'{{"k":"unstarted","pid":{os.getpid()},"t":{created!r},'
            f'"name":{_quote(getattr(process, "name", None))}}}\n'
        )


def _after_fork() -> None:
    # The state is still the parent's: its pid is the parent's, even when the parent
    # has exited by now and os.getppid() would name whoever adopted this process.
    parent = _State.pid
    if _real_waitpid is not None:
        os.waitpid = _real_waitpid  # a forkserver's child gets the plain one back
    _quietly(lambda: _begin("fork", _mp_name(), parent))


def _at_exit() -> None:
    _quietly(lambda: _end(None, _mp_name()))


def _exit(*args: "Any", **kwargs: "Any") -> "NoReturn":
    """os._exit, noting the end first (the way forked children leave)."""
    _quietly(lambda: _end(args[0] if args else kwargs.get("status"), _mp_name()))
    _real_exit(*args, **kwargs)


def _waitpid(pid: int, options: int) -> tuple[int, int]:
    """os.waitpid in the forkserver, which reaps the children it forks: through wait4(),
    noting each child's exit code and CPU time."""
    child, status, usage = os.wait4(pid, options)
    if child > 0:
        cpu = usage.ru_utime + usage.ru_stime
        _quietly(
            lambda: _write(
                f'{{"k":"exit","pid":{child},"by":{os.getpid()},"t":{_now()!r},'
                f'"code":{os.waitstatus_to_exitcode(status)},"cpu":{_number(cpu)},'
                f'"method":"forkserver"}}\n'
            )
        )
    return child, status


def _how_started() -> str:
    """How this interpreter came to be, from its command line."""
    argv = getattr(sys, "orig_argv", sys.argv)
    code = argv[argv.index("-c") + 1] if "-c" in argv[:-1] else ""
    for role in _ROLES:
        if code.startswith(f"from multiprocessing.{role} import "):
            return role
    return "exec"


# Threads: each notes its own end, with the CPU time only it can read.


def _patch_threading(threading: "ModuleType") -> None:
    original = threading.Thread._bootstrap_inner

    def _bootstrap_inner(self: "Any") -> None:
        began = _now()
        try:
            original(self)
        finally:
            try:
                if _State.threads < THREAD_BUDGET and os.getpid() == _State.pid:
                    _State.threads += 1
                    _write(
                        f'{{"k":"thread","pid":{_State.pid},"name":{_quote(self.name)},'
                        f'"start":{began!r},"end":{_now()!r},"cpu":{time.thread_time()!r}}}\n'
                    )
            except Exception:
                pass

    threading.Thread._bootstrap_inner = _bootstrap_inner


# Multiprocessing: the child notes its name and start method, and its end with its exit
# code; the parent notes when it learns the child's exit code.


def _patch_process(process: "ModuleType") -> None:
    base = process.BaseProcess
    bootstrap, start = base._bootstrap, base.start

    def _bootstrap(self: "Any", *args: "Any", **kwargs: "Any") -> "Any":
        name = "null"
        try:
            name = _quote(self.name)
            method = getattr(type(self), "_start_method", None)
            if method is None:
                context = sys.modules.get("multiprocessing")
                method = context.get_start_method(allow_none=True) if context else None
            _write(f'{{"k":"mp","pid":{os.getpid()},"name":{name},"method":{_quote(method)}}}\n')
        except Exception:
            pass
        code = bootstrap(self, *args, **kwargs)
        _quietly(lambda: _end(code, _quote(self.name)))
        return code

    def _start(self: "Any") -> None:
        start(self)
        _quietly(_watch, self._popen)

    init = base.__init__

    def _init(self: "Any", *args: "Any", **kwargs: "Any") -> None:
        init(self, *args, **kwargs)
        if len(_State.created) < UNSTARTED:
            import weakref  # multiprocessing has imported it already

            _quietly(lambda: _State.created.append((weakref.ref(self), _now())))

    base._bootstrap = _bootstrap
    base.start = _start
    base.__init__ = _init


def _watch(popen: "Any") -> None:
    """Make the child's Popen note its exit code the first time it is known."""
    if popen is None:
        return
    poll: Callable[..., int | None] = popen.poll
    fork = sys.modules.get("multiprocessing.popen_fork")
    # popen_fork.Popen.poll (fork and spawn) is waitpid(); the same with wait4() also
    # gives the child's CPU time. Other kinds (forkserver) keep their own.
    reaps = (
        fork is not None
        and type(popen).poll is fork.Popen.poll
        and hasattr(os, "wait4")
        and sys.version_info < (3, 15)
    )
    noted: list[bool] = []

    def _poll(*args: "Any", **kwargs: "Any") -> int | None:
        cpu = None
        if reaps and popen.returncode is None:
            flag = args[0] if args else kwargs.get("flag", os.WNOHANG)
            try:
                pid, status, usage = os.wait4(popen.pid, flag)
            except OSError:
                return None
            if pid == popen.pid:
                popen.returncode = os.waitstatus_to_exitcode(status)
                cpu = usage.ru_utime + usage.ru_stime
            code: int | None = popen.returncode
        else:
            code = poll(*args, **kwargs)
        if code is not None and not noted:
            noted.append(True)
            _write(
                f'{{"k":"exit","pid":{popen.pid},"by":{os.getpid()},"t":{_now()!r},'
                f'"code":{_number(code)},"cpu":{_number(cpu)},'
                f'"method":{_quote(getattr(popen, "method", None))}}}\n'
            )
        return code

    popen.poll = _poll


# Patching modules as they are imported.

# The modules to patch as they are imported, filled by what the environment asks for.
_PATCHES: "dict[str, Callable[[ModuleType], None]]" = {}


class _PatchingLoader:
    """A module's own loader, which patches the module once it has run."""

    def __init__(self, loader: "Any", patch: "Callable[[ModuleType], None]") -> None:
        self._loader = loader
        self._patch = patch

    def create_module(self, spec: "ModuleSpec") -> "ModuleType | None":
        module: ModuleType | None = self._loader.create_module(spec)
        return module

    def exec_module(self, module: "ModuleType") -> None:
        self._loader.exec_module(module)
        try:
            if _PATCHES.pop(module.__name__, None) is not None:  # once, if reloaded
                self._patch(module)
        except Exception:
            pass

    def __getattr__(self, name: str) -> "Any":
        return getattr(self._loader, name)


class _PatchingFinder:
    """On sys.meta_path: finds nothing itself, but hands the modules to patch to a
    patching loader."""

    @classmethod
    def find_spec(
        cls, name: str, path: "Sequence[str] | None" = None, target: "Any" = None
    ) -> "ModuleSpec | None":
        patch = _PATCHES.get(name)
        if patch is None:
            return None
        try:
            for finder in sys.meta_path:
                if finder is cls or not hasattr(finder, "find_spec"):
                    continue
                spec: ModuleSpec | None = finder.find_spec(name, path, target)
                if spec is not None:
                    if spec.loader is not None and hasattr(spec.loader, "exec_module"):
                        spec.loader = _PatchingLoader(spec.loader, patch)  # type: ignore[assignment]
                    return spec
        except Exception:
            pass
        return None


def _take(variable: str) -> "str | None":
    """The variable's value, taken out of os.environ only: exec'd children still inherit
    it from the process's real environment."""
    value = os.environ.get(variable)
    if value:
        environ: Any = os.environ
        _quietly(lambda: environ._data.pop(environ.encodekey(variable), None))
    return value


def _start_timeline() -> None:
    path = _take(VARIABLE)
    if not path:
        return
    _State.path = path
    how = _how_started()
    name = f'"{how}"' if how in ("forkserver", "resource_tracker") else '"MainProcess"'
    _begin(how, name, os.getppid())
    if how == "forkserver" and hasattr(os, "wait4") and sys.version_info < (3, 15):
        os.waitpid = _waitpid
    if hasattr(os, "register_at_fork"):  # not on Windows
        os.register_at_fork(after_in_child=_after_fork)
    atexit.register(_at_exit)
    os._exit = _exit
    _PATCHES["threading"] = _patch_threading
    _PATCHES["multiprocessing.process"] = _patch_process


# The stacks, dumped when mpquiz asks (on a timeout).


class _Stacks:
    folder = ""


def _dump_stacks(signum: int, frame: object) -> None:
    """The signal handler: every thread's stack into FOLDER/PID, in faulthandler's text."""
    try:
        final = f"{_Stacks.folder}/{os.getpid()}"
        part = f"{final}.part"
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(part, flags | getattr(os, "O_CLOEXEC", 0), 0o600)
        try:
            _faulthandler().dump_traceback(fd, all_threads=True)
        finally:
            os.close(fd)
        os.rename(part, final)
    except Exception:
        pass


def _faulthandler() -> "Any":
    # Built in, imported at start (24 µs); in the handler this only looks it up.
    import faulthandler

    return faulthandler


def _start_stacks() -> None:
    value = _take(STACKS_VARIABLE)
    if not value:
        return
    number, _, folder = value.partition(":")
    if not folder:
        return
    import _signal  # type: ignore[import-not-found]  # signal imports enum: 3 ms a start

    _faulthandler()
    _Stacks.folder = folder
    _signal.signal(int(number), _dump_stacks)


# The default start method.


def _start_method() -> None:
    method = _take(START_METHOD_VARIABLE)
    if method not in ("fork", "spawn", "forkserver"):
        return

    def _patch_context(context: "ModuleType") -> None:
        default = context._default_context
        # The method's context (ValueError if this system has not got it), made the
        # default one; _actual_context stays None, so the context is not set.
        default._default_context = default.get_context(method)

    _PATCHES["multiprocessing.context"] = _patch_context


def _start_patching() -> None:
    """Patch the modules already imported; the others as they are, through the finder."""
    for name in list(_PATCHES):
        module = sys.modules.get(name)
        if module is not None:
            _quietly(_PATCHES.pop(name), module)
    if _PATCHES:
        sys.meta_path.insert(0, _PatchingFinder)


def _start() -> None:
    here = os.path.dirname(os.path.abspath(__file__))
    _line_buffer(sys.stdout)
    _line_buffer(sys.stderr)
    _quietly(_start_timeline)
    _quietly(_start_stacks)
    _quietly(_start_method)
    _quietly(_start_patching)
    sys.path[:] = [entry for entry in sys.path if os.path.abspath(entry or ".") != here]
    _run_hidden_sitecustomize(here)


_start()
