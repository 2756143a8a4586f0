"""Where each pack's files are on this machine: decided here, never by a database.

The built-in pack lives in this install (mpquiz.paths); every other pack in its own
folder `packs/ID` under the user data folder, where `mpquiz pack add` put it. The
folders stored in the database are only a record of where a pack was added: a shared
database must not be able to point mpquiz at other files.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from mpquiz import paths

_PACK_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{0,79}$")


def builtin_pack_id(pack_dir: Path | None = None) -> str:
    """The id in the built-in pack's pack.toml, as its lock records it (JSON, read at every
    start anyway: no TOML parser before the first frame, and the rest of the lock is
    checked when a demo runs); from pack.toml itself when the lock cannot be read (the
    built-in demos are refused then, whatever the id)."""
    from mpquiz.packs.builtin_lock import read_lock
    from mpquiz.packs.manifest import ManifestError

    try:
        return read_lock(pack_dir, checked=False).pack_id
    except ManifestError:
        pass
    import tomli

    meta = (pack_dir or paths.builtin_pack_dir()) / "pack.toml"
    with meta.open("rb") as handle:
        return str(tomli.load(handle)["pack"]["id"])


@dataclass(frozen=True)
class PackPlaces:
    """The local folders of packs, by id."""

    packs_root: Path
    builtin_id: str
    builtin_dir: Path
    builtin_demos: Path
    others: Mapping[str, Path] = field(default_factory=dict)
    """Folders given by hand (a pack being validated, tests), by pack id."""

    @classmethod
    def here(cls, packs_root: Path | None = None) -> PackPlaces:
        """This install's built-in pack and the user data folder's added packs."""
        return cls(
            packs_root=packs_root or paths.data_dir() / "packs",
            builtin_id=builtin_pack_id(),
            builtin_dir=paths.builtin_pack_dir(),
            builtin_demos=paths.builtin_demos_dir(),
        )

    def with_folders(self, folders: Mapping[str, Path]) -> PackPlaces:
        """The same places, with these packs' folders given by hand."""
        return PackPlaces(
            self.packs_root,
            self.builtin_id,
            self.builtin_dir,
            self.builtin_demos,
            {**self.others, **folders},
        )

    def is_builtin(self, pack_id: str) -> bool:
        """True for the id of the pack this install ships."""
        return pack_id == self.builtin_id

    def folder(self, pack_id: str) -> Path | None:
        """The pack's folder (holding pack.toml), or None for an id that names none."""
        if self.is_builtin(pack_id):
            return self.builtin_dir
        if pack_id in self.others:
            return self.others[pack_id]
        if not _PACK_ID.match(pack_id):
            return None
        return self.packs_root / pack_id

    def demos(self, pack_id: str) -> Path | None:
        """The pack's demos folder, or None."""
        if self.is_builtin(pack_id):
            return self.builtin_demos
        folder = self.folder(pack_id)
        return None if folder is None else folder / "demos"

    def installed_ids(self) -> list[str]:
        """The built-in pack's id, then every added pack's on this machine, sorted."""
        added: set[str] = set(self.others)
        if self.packs_root.is_dir():
            added.update(
                entry.name
                for entry in self.packs_root.iterdir()
                if _PACK_ID.match(entry.name) and (entry / "pack.toml").is_file()
            )
        added.discard(self.builtin_id)
        return [self.builtin_id, *sorted(added)]

    def installed(self, pack_id: str) -> bool:
        """True when the pack's files are on this machine."""
        folder = self.folder(pack_id)
        return folder is not None and (folder / "pack.toml").is_file()
