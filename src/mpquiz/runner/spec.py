"""What to run: the DemoSpec handed to start_demo() and run_demo()."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mpquiz.runner.limits import DEFAULT_MEMORY_LIMIT

START_METHODS = ("fork", "spawn", "forkserver")


@dataclass(frozen=True)
class DemoSpec:
    """One demo run: the script, its arguments and the limits it runs under.

    `script` should be absolute; a relative path is taken from the caller's working
    folder, because the demo itself runs in a fresh temporary one. `memory_limit` is the
    address space (bytes) each process of the demo may map, None for no limit; it is
    enforced on Linux only (see mpquiz.runner.limits).

    `cpus`: on Linux, the run and all its descendants may use only `cpus` CPUs
    of mpquiz's own affinity set (limits.planned_cpus), all of them when it has fewer;
    the affinity is set before the demo's main process runs, so os.sched_getaffinity(0)
    in the demo says so (RunResult.cpus tells how many it got). A demo can widen it again
    with os.sched_setaffinity: this is a setting, not a limit. Ignored on other systems
    (RunResult.cpus is None there).

    `start_method`: the default multiprocessing start method of every Python process of
    the demo ("fork", "spawn" or "forkserver"), as if the platform had that default: the
    context is not marked as set, so a demo calling multiprocessing.set_start_method()
    itself still may. A method this system does not have makes the run fail to start,
    with an error that says so. None keeps the platform's default.

    `python`: the interpreter that runs the demo (a path; runner.interpreters finds the
    CPythons of the machine), None for mpquiz's own (sys.executable). Its startup hook is
    the same for every CPython from 3.11 (runner/child_startup).
    """

    script: Path
    args: tuple[str, ...] = ()
    timeout: float = 10.0
    output_cap: int = 256 * 1024
    grace: float = 0.5
    memory_limit: int | None = DEFAULT_MEMORY_LIMIT
    cpus: int | None = None
    start_method: str | None = None
    python: str | None = None

    def __post_init__(self) -> None:
        # Specs are built from TOML, where args arrive as a list and paths as strings.
        object.__setattr__(self, "script", Path(self.script).absolute())
        object.__setattr__(self, "args", tuple(str(arg) for arg in self.args))
        if not self.timeout > 0:
            raise ValueError(f"timeout must be positive, got {self.timeout!r}")
        if self.output_cap < 1:
            raise ValueError(f"output_cap must be at least 1 byte, got {self.output_cap!r}")
        if not self.grace >= 0:
            raise ValueError(f"grace must not be negative, got {self.grace!r}")
        if self.memory_limit is not None and self.memory_limit < 1:
            raise ValueError(f"memory_limit must be positive or None, got {self.memory_limit!r}")
        if self.cpus is not None and (isinstance(self.cpus, bool) or self.cpus < 1):
            raise ValueError(f"cpus must be at least 1 or None, got {self.cpus!r}")
        if self.start_method is not None and self.start_method not in START_METHODS:
            known = ", ".join(START_METHODS)
            raise ValueError(
                f"start_method must be one of {known} or None, got {self.start_method!r}"
            )
