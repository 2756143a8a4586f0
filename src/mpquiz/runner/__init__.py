"""Run a demo program isolated and time-limited, streaming its output line by line.

A demo may come from an untrusted pack. It runs as `python -u script args...` with stdout
and stderr merged into one pipe, stdin on /dev/null, in its own session and process
group, in a fresh temporary working folder (removed afterwards), with a reduced
environment and, on POSIX, resource limits. On timeout or cancel its whole tree gets
SIGTERM, then SIGKILL after the grace period; after a normal exit any orphans get the
same. Output past the cap is drained and dropped.

Linux: a tree supervisor (tree_supervisor, a standalone script run as `python -I -S` in a
session of its own, so Ctrl+C and hang-ups do not reach it) runs each demo. As the child
subreaper of the demo's tree it sees every descendant, double-forked daemons in new
sessions that dropped the run's token and closed their output included, and it SIGKILLs
the whole tree the moment its control pipe from mpquiz closes: no demo outlives mpquiz
however mpquiz ends (exit, exception, Ctrl+C, SIGTERM, SIGHUP, SIGKILL). The demo's main
process also has PR_SET_PDEATHSIG=SIGKILL. The demo has no network: it runs in a network
namespace of its own with only `lo` up (localhost and Unix sockets work), made directly
as root and inside an unprivileged user namespace otherwise. Where the system refuses
both (user namespaces disabled by a sysctl, an AppArmor rule or a container's seccomp
profile) it runs with the machine's network; RunResult.network_isolated says which.
Should a demo kill its supervisor (it runs as the same user), mpquiz falls back to the
process-group kill and the /proc sweep for the token or the output pipe.
On macOS and other POSIX systems: no supervisor, so no subreaper and no network
isolation; mpquiz kills the process group itself, and its atexit hook stops running
demos when it exits normally or by an exception (Ctrl+C included), not when it is killed
by a signal; processes that left the group are not found, and macOS has no RLIMIT_AS.
On Windows (untested): timeout and cancel kill the process tree with taskkill; no
resource limits, no grace period, no orphan cleanup after a normal exit, no network
isolation.
Each run also records the demo's Python processes (RunResult.processes: pid, parent,
name, start method, start and end, exit code, CPU time, threads, CPU samples on Linux)
through a side channel that never touches the demo's output; mpquiz.runner.timeline
describes it, mpquiz.core.processes the records and the evidence drawn from them.
On a timeout, before the SIGTERM, every Python process of the demo is asked to dump the
stack of each of its threads, and waited for 0.3 s at most (RunResult.stacks; see
mpquiz.runner.stacks, and mpquiz.core.hangs for the likely cause read from them): on
Linux by the supervisor, elsewhere on POSIX by mpquiz (on macOS the whole process group
gets SIGINFO); Windows has no stacks. DemoSpec.cpus restricts the run to N of
mpquiz's CPUs (Linux only: the affinity, set before exec; ignored elsewhere) and
DemoSpec.start_method sets the default multiprocessing start method of its processes
(everywhere; a method the system has not got fails the start).
Not enforced anywhere: reading or writing files outside the working folder with the
user's permissions (filesystem Unix sockets included, through which other programs may
start processes that are not the demo's descendants), and a fork bomb's process count
(only its CPU, memory and time). The details are in the docstrings of tree_supervisor,
supervisors, process_group, stragglers, limits and windows.
"""

from mpquiz.core.processes import (
    ProcessRecord,
    ThreadRecord,
    cpu_overlap,
    parallel_processes,
    threads_serialised,
)
from mpquiz.core.stacks import Frame, ProcessStack
from mpquiz.runner.demo_process import DemoProcess, start_demo
from mpquiz.runner.result import OutputLine, RunResult
from mpquiz.runner.run import run_demo
from mpquiz.runner.spec import DemoSpec

__all__ = [
    "DemoProcess",
    "DemoSpec",
    "Frame",
    "OutputLine",
    "ProcessRecord",
    "ProcessStack",
    "RunResult",
    "ThreadRecord",
    "cpu_overlap",
    "parallel_processes",
    "run_demo",
    "start_demo",
    "threads_serialised",
]
