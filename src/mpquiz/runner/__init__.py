"""Run a demo program isolated and time-limited, streaming its output line by line.

A demo may come from an untrusted pack. It runs as `python -u script args...` with stdout
and stderr merged into one pipe, stdin closed, in its own session and process group, in a
fresh temporary working folder (removed afterwards), with a reduced environment and, on
POSIX, resource limits. On timeout or cancel its whole process group gets SIGTERM, then
SIGKILL after the grace period; after a normal exit any orphans get the same. Output
past the cap is drained and dropped.

Enforced on Linux: all of the above, plus a sweep for descendants that left the group
(setsid) if they still carry the run's token or hold its output pipe.
On macOS and other POSIX systems: the same without that sweep and without RLIMIT_AS.
On Windows (untested): timeout and cancel kill the process tree with taskkill; no
resource limits, no grace period, no orphan cleanup after a normal exit.
Not enforced anywhere: network access, reading or writing files outside the working
folder with the user's permissions, a fork bomb's process count (only its CPU, memory
and time), and escaped daemons that dropped both the token and the pipe. The details are
in the docstrings of process_group, stragglers, limits and windows.
"""

from mpquiz.runner.demo_process import DemoProcess, start_demo
from mpquiz.runner.result import OutputLine, RunResult
from mpquiz.runner.run import run_demo
from mpquiz.runner.spec import DemoSpec

__all__ = ["DemoProcess", "DemoSpec", "OutputLine", "RunResult", "run_demo", "start_demo"]
