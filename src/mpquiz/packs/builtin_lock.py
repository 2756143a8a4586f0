"""The built-in pack's lock: its manifest, recorded when mpquiz is built.

`data/demos.lock.json` holds the SHA-256 of every file in demos/ and how each built-in
question runs. It is written by `make lock` (`python -m mpquiz.packs.builtin_lock`),
committed, and shipped in the wheel; a test fails when it is out of date. Before every
run of a built-in demo the files on disk are hashed and compared with it, and the
question's row in the database is compared with its recorded run plan, so the built-in
pack runs only as shipped, whatever a database says.
"""

from __future__ import annotations

import json
import sys
from functools import lru_cache
from pathlib import Path

from mpquiz import paths
from mpquiz.packs.manifest import Manifest, ManifestError, read_manifest

LOCK_NAME = "demos.lock.json"


def lock_path(pack_dir: Path | None = None) -> Path:
    """Where the lock of the built-in pack lives (beside its pack.toml)."""
    return (pack_dir or paths.builtin_pack_dir()) / LOCK_NAME


def current_manifest(pack_dir: Path | None = None, demos_dir: Path | None = None) -> Manifest:
    """The built-in pack's manifest as its files are now."""
    return read_manifest(
        pack_dir or paths.builtin_pack_dir(),
        demos_dir or paths.builtin_demos_dir(),
        bytecode=False,
    )


def write_lock(pack_dir: Path | None = None, demos_dir: Path | None = None) -> Path:
    """Record the built-in pack's manifest in its lock file; returns the file."""
    manifest = current_manifest(pack_dir, demos_dir)
    target = lock_path(pack_dir)
    body = json.dumps(manifest.to_dict(), indent=1, sort_keys=True, ensure_ascii=False)
    target.write_text(body + "\n", encoding="utf-8")
    return target


@lru_cache(maxsize=4)
def _read(path: Path, mtime_ns: int) -> tuple[Manifest, object]:
    """The lock's manifest, unchecked, and the digest it records (read once per version)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return Manifest.from_dict(data, checked=False), data.get("digest")


@lru_cache(maxsize=4)
def _read_checked(path: Path, mtime_ns: int) -> Manifest:
    manifest, recorded = _read(path, mtime_ns)
    manifest.check(recorded)
    return manifest


def read_lock(pack_dir: Path | None = None, *, checked: bool = True) -> Manifest:
    """The recorded manifest of the built-in pack.

    `checked=False` reads it without comparing its digest, for what is only shown or
    named before anything runs (the first frame's code, the built-in pack's id); every
    run reads it checked.

    Raises:
        ManifestError: the lock is missing, unreadable or (checked) edited.
    """
    path = lock_path(pack_dir)
    try:
        mtime_ns = path.stat().st_mtime_ns
        return _read_checked(path, mtime_ns) if checked else _read(path, mtime_ns)[0]
    except OSError as exc:
        raise ManifestError(f"{path}: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise ManifestError(f"{path}: not JSON ({exc})") from None


def main(argv: list[str]) -> int:
    """`python -m mpquiz.packs.builtin_lock [--check]`: write (or check) the lock."""
    if argv[:1] == ["--check"]:
        try:
            stale = read_lock().digest != current_manifest().digest
        except ManifestError as exc:
            print(f"mpquiz: {exc}", file=sys.stderr)
            return 1
        if stale:
            print(f"mpquiz: {lock_path()} is out of date: run `make lock`", file=sys.stderr)
            return 1
        print(f"{lock_path()}: up to date")
        return 0
    print(write_lock())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
