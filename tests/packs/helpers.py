"""Helpers shared by the pack tests: zips built by hand, and snapshots of what add changes."""

from __future__ import annotations

import hashlib
import stat
import zipfile
from pathlib import Path
from typing import Any

from sqlalchemy import inspect, text

from mpquiz.store.repository import Store


def zip_folder(folder: Path, out: Path, *, prefix: str = "") -> Path:
    """Zip every file under `folder`, each named `prefix` + its relative path."""
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                zf.write(path, prefix + path.relative_to(folder).as_posix())
    return out


def add_entry(archive: Path, name: str, data: bytes = b"x", *, mode: int | None = None) -> None:
    """Append one entry to a zip, with unix mode bits when given (a link, say)."""
    with zipfile.ZipFile(archive, "a") as zf:
        info = zipfile.ZipInfo(name)
        if mode is not None:
            info.external_attr = mode << 16
        zf.writestr(info, data)


def link_mode() -> int:
    """The mode bits of a symbolic link."""
    return stat.S_IFLNK | 0o777


def snapshot(store: Store, packs_root: Path) -> tuple[Any, ...]:
    """Every row of every table, and every file under packs_root with its hash."""
    tables = sorted(inspect(store.engine).get_table_names())
    with store.engine.connect() as conn:
        rows = tuple(
            tuple(map(tuple, conn.execute(text(f'SELECT * FROM "{name}" ORDER BY 1')).all()))
            for name in tables
        )
    files = tuple(
        sorted(
            (
                str(p.relative_to(packs_root)),
                hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "",
            )
            for p in packs_root.rglob("*")
        )
    )
    return rows, files
