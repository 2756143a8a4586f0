"""The built-in course pack: its files' fingerprint, and the pack loaded once per process."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from mpquiz import __version__, paths

if TYPE_CHECKING:
    from mpquiz.core.model import Pack

BUILTIN_STAMP = "builtin_pack_source"


def source_fingerprint(pack_dir: Path) -> str:
    """A fingerprint of a pack's TOML files and of mpquiz's version: changes when either
    does. It tells whether the database holds this install's built-in pack (what runs is
    decided from the files themselves, never from it), so a checksum is enough: CRC-32
    (zlib, loaded anyway), not a hash whose library would delay every first frame."""
    import zlib

    crc, size = zlib.crc32(__version__.encode()), 0
    for path in sorted([pack_dir / "pack.toml", *(pack_dir / "questions").glob("*.toml")]):
        data = path.read_bytes()
        crc = zlib.crc32(data, zlib.crc32(f"{path.name}\0{len(data)}\0".encode(), crc))
        size += len(data)
    return f"crc32:{crc:08x}:{size}"


_builtin_packs: dict[tuple[str, str, str], Pack] = {}
_builtin_lock = threading.Lock()


def builtin_pack(stamp: str | None = None) -> Pack:
    """The bundled pack, loaded and validated once per process for each fingerprint of its
    files (`stamp`: source_fingerprint, computed when not given). Loading it is most of a
    new database's first sync; a process that opens several databases loads it once."""
    from mpquiz.packs.loader import load_pack  # costly to import: only when needed

    root, demos = paths.builtin_pack_dir(), paths.builtin_demos_dir()
    key = (str(root), str(demos), stamp or source_fingerprint(root))
    with _builtin_lock:
        pack = _builtin_packs.get(key)
        if pack is None:
            pack = load_pack(root, demos_dir=demos, builtin=True)
            _builtin_packs.clear()  # one version of the pack at a time
            _builtin_packs[key] = pack
        return pack
