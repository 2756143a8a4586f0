"""Which packs' demos this machine may run: the manifest the learner trusted, per pack.

Trust is per machine (a JSON file in the user data folder), never in a shared database:
a classroom server must not decide what runs on a learner's computer. What is trusted is
a pack's whole manifest (packs.manifest): every file of its demos folder and how each
question runs. Any change to any of them blocks every demo of the pack until the
learner trusts it anew.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from mpquiz.packs.manifest import Manifest, ManifestError, demo_files, file_sha256

__all__ = ["CHANGED", "UNTRUSTED", "TrustStore", "demo_hashes", "file_sha256"]

UNTRUSTED = "trust.untrusted"
CHANGED = "trust.changed"
_FORMAT = 2


def demo_hashes(demos_dir: Path) -> dict[str, str]:
    """Every file of a pack's demos folder (any extension) and its SHA-256."""
    return demo_files(demos_dir)[0]


class TrustStore:
    """The trusted manifest of each pack, kept in one JSON file.

    An entry written by an older mpquiz (a table of `.py` files only) trusts nothing
    any more; `was_trusted` tells that case apart, so the learner hears "changed".
    """

    def __init__(self, path: Path) -> None:
        self.path = path

    def _load(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}  # missing or unreadable: nothing is trusted, which is the safe side
        return data if isinstance(data, dict) else {}

    def _packs(self) -> dict[str, Any]:
        data = self._load()
        if data.get("format") != _FORMAT:
            return {}
        packs = data.get("packs")
        return packs if isinstance(packs, dict) else {}

    def _save(self, packs: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        body = {"format": _FORMAT, "packs": packs}
        tmp.write_text(json.dumps(body, indent=2, sort_keys=True), encoding="utf-8")
        os.replace(tmp, self.path)

    def trusted(self, pack_id: str) -> Manifest | None:
        """The manifest trusted for `pack_id`, or None."""
        entry = self._packs().get(pack_id)
        if entry is None:
            return None
        try:
            manifest = Manifest.from_dict(entry)
        except ManifestError:
            return None  # edited or damaged: trusts nothing
        return manifest if manifest.pack_id == pack_id else None

    def was_trusted(self, pack_id: str) -> bool:
        """True when some entry for the pack exists, valid or not (then it changed)."""
        return pack_id in self._packs() or pack_id in self._legacy()

    def _legacy(self) -> dict[str, Any]:
        data = self._load()
        return {} if "format" in data else data

    def trust(self, pack_id: str, manifest: Manifest) -> None:
        """Trust exactly this manifest of the pack."""
        if manifest.pack_id != pack_id:
            raise ValueError(f"manifest of {manifest.pack_id!r} given for {pack_id!r}")
        packs = self._packs()
        packs[pack_id] = manifest.to_dict()
        self._save(packs)

    def revoke(self, pack_id: str) -> bool:
        """Withdraw all trust in a pack; False if it was not trusted."""
        packs = self._packs()
        legacy = pack_id in self._legacy()
        if packs.pop(pack_id, None) is None and not legacy:
            return False
        self._save(packs)  # an older file is rewritten without any of its entries
        return True
