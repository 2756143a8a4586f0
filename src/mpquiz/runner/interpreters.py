"""The CPython interpreters of this machine a demo can run under (3.11 and newer).

`pack validate --run --python PATH` checks a pack's keys under one of them; CI checks the
built-in course under each one found (`python -m mpquiz.runner.interpreters` lists them):
the system's and pyenv's `python3.X`, and free-threaded builds (`python3.Xt`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

MINIMUM = (3, 11)
_PROBE = (
    "import sys, sysconfig; print(sys.implementation.name, *sys.version_info[:3], "
    "int(bool(sysconfig.get_config_var('Py_GIL_DISABLED'))))"
)


@dataclass(frozen=True)
class Interpreter:
    """One Python: where it is, its version, whether it is a free-threaded build."""

    path: str
    version: tuple[int, int, int]
    free_threaded: bool = False

    @property
    def label(self) -> str:
        """ "CPython 3.13.0" or "CPython 3.13.0 (free-threaded)"."""
        version = ".".join(map(str, self.version))
        return f"CPython {version}" + (" (free-threaded)" if self.free_threaded else "")

    def to_dict(self) -> dict[str, object]:
        """As `pack validate --json` reports it."""
        return {
            "path": self.path,
            "version": ".".join(map(str, self.version)),
            "free_threaded": self.free_threaded,
        }


def describe(path: str) -> Interpreter | None:
    """The CPython at `path`, or None when it is none (not there, not CPython, no answer)."""
    try:
        found = subprocess.run(
            [path, "-I", "-c", _PROBE], capture_output=True, text=True, timeout=20, check=True
        )
        name, major, minor, micro, free = found.stdout.split()
    except (OSError, subprocess.SubprocessError, ValueError):
        return None
    if name != "cpython":
        return None
    return Interpreter(path, (int(major), int(minor), int(micro)), free == "1")


def find_interpreters(minimum: tuple[int, int] = MINIMUM) -> list[Interpreter]:
    """Every CPython of at least `minimum` on PATH or under pyenv, each once, oldest first
    (mpquiz's own among them)."""
    candidates = [sys.executable]
    for minor in range(minimum[1], 30):
        for name in (f"python{minimum[0]}.{minor}", f"python{minimum[0]}.{minor}t"):
            if (where := shutil.which(name)) is not None:
                candidates.append(where)
    pyenv = Path(os.environ.get("PYENV_ROOT") or Path.home() / ".pyenv") / "versions"
    if pyenv.is_dir():
        for version in sorted(pyenv.iterdir()):
            candidates += [str(p) for p in sorted(version.glob("bin/python3*")) if _plain(p)]
    found: dict[tuple[tuple[int, int, int], bool], Interpreter] = {}
    seen: set[str] = set()
    for path in candidates:
        real = os.path.realpath(path)
        if real in seen:
            continue
        seen.add(real)
        interpreter = describe(path)
        if interpreter is not None and interpreter.version[:2] >= minimum:
            found.setdefault((interpreter.version, interpreter.free_threaded), interpreter)
    return sorted(found.values(), key=lambda i: (i.version, i.free_threaded))


def _plain(path: Path) -> bool:
    """python3, python3.12 or python3.13t: not python3-config, python3.12-gdb.py."""
    suffix = path.name.removeprefix("python3")
    return suffix == "" or (suffix[0] == "." and suffix[1:].rstrip("t").isdigit())


def main() -> None:
    """Print each interpreter found, one per line: its path, then its label."""
    for interpreter in find_interpreters():
        print(f"{interpreter.path}\t{interpreter.label}")


if __name__ == "__main__":
    main()
