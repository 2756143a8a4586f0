"""POSIX resource limits for a demo, applied in the child between fork and exec.

Every limit is per process and inherited, so each worker of a multiprocessing demo gets
its own budget:

- RLIMIT_CPU: the timeout plus a little (SIGXCPU, then SIGKILL a second later). The
  wall-clock timeout normally fires first; this bounds a busy demo if mpquiz itself dies.
- RLIMIT_AS: `DemoSpec.memory_limit` (1 GiB by default). Thread stacks (8 MiB each) and
  glibc's per-thread malloc arenas (64 MiB each) count against it, which is why the
  demo's environment sets MALLOC_ARENA_MAX (see mpquiz.runner.environment). Not applied
  on macOS, whose kernel does not enforce it.
- RLIMIT_FSIZE: 16 MiB per file written (Python then gets OSError EFBIG); this also caps
  a multiprocessing.shared_memory block.
- RLIMIT_NOFILE: 256 open files.
- RLIMIT_CORE: 0, so killed demos leave no core dumps.

Hard limits are lowered too, so an unprivileged demo cannot raise them back; a demo run
as root can (running mpquiz as root gives root to every demo). Limits already lower in
the parent are kept. Nothing here works on Windows, where `preexec_function` returns None.

Beside the limits, the CPUs a demo may run on (DemoSpec.cpus, `planned_cpus`): on Linux
its affinity, set before exec like the limits and inherited the same way; a setting, not
a limit (the demo may widen it again).
"""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Callable

try:
    import resource
except ImportError:  # Windows
    resource = None  # type: ignore[assignment]

DEFAULT_MEMORY_LIMIT = 1 << 30
FILE_SIZE_LIMIT = 16 << 20
OPEN_FILES_LIMIT = 256
# Seconds of CPU beyond the wall-clock timeout before the kernel steps in.
CPU_SLACK = 2


def planned_limits(timeout: float, memory_limit: int | None) -> list[tuple[int, int, int]]:
    """The (resource, soft, hard) triples for a demo, never above the parent's own limits."""
    if resource is None:
        return []
    cpu = math.ceil(timeout) + CPU_SLACK
    wanted = [
        # The soft limit sends SIGXCPU, the hard one a second later SIGKILL.
        (resource.RLIMIT_CPU, cpu, cpu + 1),
        (resource.RLIMIT_FSIZE, FILE_SIZE_LIMIT, FILE_SIZE_LIMIT),
        (resource.RLIMIT_NOFILE, OPEN_FILES_LIMIT, OPEN_FILES_LIMIT),
        (resource.RLIMIT_CORE, 0, 0),
    ]
    if memory_limit is not None and sys.platform != "darwin":
        wanted.append((resource.RLIMIT_AS, memory_limit, memory_limit))
    planned = []
    for which, soft, hard in wanted:
        current_soft, current_hard = resource.getrlimit(which)
        new_hard = _lower(current_hard, hard)
        new_soft = _lower(_lower(current_soft, soft), new_hard)
        planned.append((which, new_soft, new_hard))
    return planned


def planned_cpus(cpus: int | None) -> list[int] | None:
    """The CPUs a demo restricted to `cpus` of them may use: that many of mpquiz's own
    affinity set (all of them when it has fewer), starting at a place that depends on
    mpquiz's pid, so that two mpquiz processes checking on one CPU at the same time (a
    class on one server, the test suite's workers) tend to get different ones; the same
    for every run of one mpquiz. None when not restricted, or where affinity cannot be
    set (not Linux)."""
    if cpus is None or not hasattr(os, "sched_setaffinity"):
        return None
    allowed = sorted(os.sched_getaffinity(0))
    start = os.getpid() % len(allowed)
    return sorted((allowed[start:] + allowed[:start])[:cpus])


def preexec_function(
    limits: list[tuple[int, int, int]], cpus: list[int] | None = None
) -> Callable[[], None] | None:
    """A preexec_fn applying `limits` and the affinity to `cpus`, or None when there is
    nothing to apply.

    It runs in the forked child before exec, where other threads' locks may be held, so
    it only calls setrlimit and sched_setaffinity on values computed beforehand: no
    imports, no allocation-heavy work. A failure makes Popen raise, and the demo does not
    run without its limits.
    """
    if (not limits or resource is None) and cpus is None:
        return None
    setrlimit = None if resource is None else resource.setrlimit
    setaffinity = getattr(os, "sched_setaffinity", None)

    def apply_limits() -> None:
        if cpus is not None and setaffinity is not None:
            setaffinity(0, cpus)
        if setrlimit is not None:
            for which, soft, hard in limits:
                setrlimit(which, (soft, hard))

    return apply_limits


def _lower(current: int, wanted: int) -> int:
    """The smaller of two limits, where RLIM_INFINITY is larger than everything."""
    infinity = resource.RLIM_INFINITY
    if current == infinity:
        return wanted
    if wanted == infinity:
        return current
    return min(current, wanted)
