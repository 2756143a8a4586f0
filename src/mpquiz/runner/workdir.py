"""The fresh temporary working folder of one demo run, and its thorough removal."""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from pathlib import Path

_PREFIX = "mpquiz-demo-"


def make_workdir() -> Path:
    """Create an empty private folder (mode 0700) under the system temp folder."""
    return Path(tempfile.mkdtemp(prefix=_PREFIX))


def remove_workdir(path: Path) -> None:
    """Delete the folder and everything the demo left in it, even read-only folders."""
    shutil.rmtree(path, ignore_errors=True)
    if os.path.lexists(path):
        # The demo made some folder unreadable or read-only: open them all up, once.
        _make_folders_writable(path)
        shutil.rmtree(path, ignore_errors=True)


def _make_folders_writable(top: Path) -> None:
    with contextlib.suppress(OSError):
        os.chmod(top, stat.S_IRWXU)
    # Top-down, each folder is opened up before os.walk enters it. Symbolic links are
    # never chmodded: that would change whatever they point to, outside the folder.
    for root, folders, _files in os.walk(top):
        for name in folders:
            folder = os.path.join(root, name)
            if not os.path.islink(folder):
                with contextlib.suppress(OSError):
                    os.chmod(folder, stat.S_IRWXU)
