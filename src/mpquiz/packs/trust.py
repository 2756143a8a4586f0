"""Which packs' demos this machine may run, tied to the SHA-256 of each demo file.

Trust is per machine (a JSON file in the user data folder), never in a shared database:
a classroom server must not decide what runs on a learner's computer. A demo whose file
changed since it was trusted is untrusted again until the learner trusts it anew.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

UNTRUSTED = "trust.untrusted"
CHANGED = "trust.changed"


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes, in hex."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def demo_hashes(demos_dir: Path) -> dict[str, str]:
    """Every demo file of a pack (`*.py`, recursively) and its SHA-256, by relative path."""
    if not demos_dir.is_dir():
        return {}
    return {
        path.relative_to(demos_dir).as_posix(): file_sha256(path)
        for path in sorted(demos_dir.rglob("*.py"))
        if path.is_file()
    }


class TrustStore:
    """The trusted demo hashes of each pack, kept in one JSON file."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def _load(self) -> dict[str, dict[str, str]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError):
            return {}  # an unreadable trust file trusts nothing, which is the safe side
        return data if isinstance(data, dict) else {}

    def _save(self, data: dict[str, dict[str, str]]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, indent=2, sort_keys=True), encoding="utf-8")
        os.replace(tmp, self.path)

    def trusted(self, pack_id: str) -> dict[str, str]:
        """The demo hashes trusted for `pack_id` (empty when none)."""
        entry = self._load().get(pack_id, {})
        return entry if isinstance(entry, dict) else {}

    def trust(self, pack_id: str, hashes: dict[str, str]) -> None:
        """Trust exactly these demo files of the pack."""
        data = self._load()
        data[pack_id] = dict(hashes)
        self._save(data)

    def revoke(self, pack_id: str) -> bool:
        """Withdraw all trust in a pack; False if it was not trusted."""
        data = self._load()
        if data.pop(pack_id, None) is None:
            return False
        self._save(data)
        return True

    def check(self, pack_id: str, demos_dir: Path, demo: str) -> str | None:
        """None when `demo` may run; else why not (UNTRUSTED or CHANGED)."""
        known = self.trusted(pack_id)
        if not known:
            return UNTRUSTED
        expected = known.get(demo)
        if expected is None:
            return UNTRUSTED
        try:
            actual = file_sha256(demos_dir / demo)
        except OSError:
            return UNTRUSTED
        return None if actual == expected else CHANGED
