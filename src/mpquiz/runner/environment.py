"""The reduced environment a demo runs with.

Nothing of the parent's environment passes except PATH (and, on Windows, the few system
variables Python needs), so the parent's PYTHONPATH, PYTHONHOME, VIRTUAL_ENV, tokens and
the like stay out. A virtualenv still works: the demo runs the parent's sys.executable,
which finds its own site-packages from its pyvenv.cfg. PYTHONPATH holds only the runner's
child_startup folder, whose sitecustomize line-buffers the demo's output and acts on the
variables it finds: it writes the run's timeline to the file they name (see
mpquiz.runner.timeline), makes ready to dump the stacks on a timeout
(mpquiz.runner.stacks) and sets the default start method (START_METHOD_VARIABLE); it
then hides them from the demo's os.environ.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

# Its sitecustomize makes print() send whole lines (see the module there).
STARTUP_FOLDER = Path(__file__).with_name("child_startup")

# Every demo carries its run's token, so that processes which left the demo's process
# group can still be found (see mpquiz.runner.stragglers).
TOKEN_VARIABLE = "MPQUIZ_DEMO_TOKEN"

# The default multiprocessing start method the startup hook sets (DemoSpec.start_method).
START_METHOD_VARIABLE = "MPQUIZ_START_METHOD"

_WINDOWS_KEPT = ("SYSTEMROOT", "SYSTEMDRIVE", "WINDIR", "COMSPEC", "PATHEXT")


def demo_environment(
    workdir: Path,
    token: str,
    parent: Mapping[str, str] | None = None,
    timeline: Mapping[str, str] | None = None,
    stacks: Mapping[str, str] | None = None,
    start_method: str | None = None,
) -> dict[str, str]:
    """The environment for a demo running in `workdir`, tagged with `token`, plus the
    variables of its `timeline` (Timeline.environment()) and of its `stacks`
    (StackDumps.environment()), and the default `start_method` for the startup hook."""
    parent = os.environ if parent is None else parent
    home = str(workdir)
    env = {
        "PATH": parent.get("PATH") or os.defpath,
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        # UTF-8 whatever locales the machine has (C.UTF-8 is missing on some systems).
        "PYTHONUTF8": "1",
        "PYTHONIOENCODING": "utf-8",
        "PYTHONDONTWRITEBYTECODE": "1",
        # `-u` reaches only the first interpreter; multiprocessing's spawn and forkserver
        # children read this instead, so their lines arrive live and in order too.
        "PYTHONUNBUFFERED": "1",
        "PYTHONPATH": str(STARTUP_FOLDER),
        "HOME": home,
        # Temporary files land in the working folder, which is removed after the run.
        "TMPDIR": home,
        # glibc reserves 64 MiB of address space per thread arena (up to 8 per core);
        # under RLIMIT_AS that alone stops a demo at about 20 threads.
        "MALLOC_ARENA_MAX": "2",
        TOKEN_VARIABLE: token,
    }
    if timeline:
        env.update(timeline)
    if stacks:
        env.update(stacks)
    if start_method is not None:
        env[START_METHOD_VARIABLE] = start_method
    if os.name == "nt":
        env.update({key: parent[key] for key in _WINDOWS_KEPT if key in parent})
        env.update({"USERPROFILE": home, "TEMP": home, "TMP": home})
    return env
