"""Adding, updating, removing and exporting packs: files in the data folder, rows in the store.

An add is all or nothing: the pack (a folder, or a zip unpacked to a temporary folder) is
validated, copied beside its final place (a link only as the file inside the pack it
leads to), synced in one database transaction, and only then moved into place; a failed
add removes its copy.
"""

from __future__ import annotations

import dataclasses
import shutil
import uuid
from datetime import datetime
from pathlib import Path

from mpquiz.core.errors import BadInput, StoreError
from mpquiz.core.model import Pack
from mpquiz.i18n import keyed
from mpquiz.packs.archive import copy_pack_tree, pack_folder, write_pack_zip
from mpquiz.packs.loader import load_pack
from mpquiz.packs.places import builtin_pack_id
from mpquiz.packs.problems import PackErrors, PackProblem, cannot_read
from mpquiz.store.repository import PackInfo, Store, SyncReport


def version_key(version: str) -> tuple[int, ...]:
    """ "1.10.0" -> (1, 10, 0), for comparing versions; (0,) for a version that does not
    read as one (a database row may hold anything)."""
    try:
        return tuple(int(part) for part in version.split("."))
    except ValueError:
        return (0,)


def add_pack(
    source: Path, store: Store, packs_root: Path, now: datetime, *, force: bool = False
) -> tuple[Pack, SyncReport]:
    """Install the pack folder or zip `source`, or update it when its version is higher.

    Raises:
        PackErrors: the pack (or the zip holding it) is invalid.
        BadInput: same or lower version than the installed one (without `force`), or the
            id of the built-in pack.
    """
    with pack_folder(source) as root:
        return _add_folder(root, store, packs_root, now, force=force, label=source)


def _add_folder(
    source: Path, store: Store, packs_root: Path, now: datetime, *, force: bool, label: Path
) -> tuple[Pack, SyncReport]:
    if not (source / "pack.toml").is_file():
        load_pack(source)  # raises the problem, naming the learner's path; nothing copied
    # The copy is what gets validated and installed, so what runs is exactly what was
    # validated; the learner's folder is read once more only to name its files in the
    # problems, when the copy is invalid.
    staging = packs_root / f".add.{uuid.uuid4().hex[:8]}.new"
    try:
        try:
            _stage(source, staging)
            staged = load_pack(staging)
        except PackErrors:
            load_pack(source)  # every problem, named in the learner's files
            raise
        pack = _may_install(staged, store, force=force, label=label)
        final = packs_root / pack.id
        placed = dataclasses.replace(staged, root=str(final), demos_dir=str(final / "demos"))
        report = store.sync_pack(placed, now, force=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    old = packs_root / f".{pack.id}.{uuid.uuid4().hex[:8]}.old"
    if final.exists():
        final.rename(old)
    staging.rename(final)
    shutil.rmtree(old, ignore_errors=True)
    return placed, report


def _may_install(pack: Pack, store: Store, *, force: bool, label: Path) -> Pack:
    """`pack`, when it may be installed over what is there.

    Raises:
        BadInput: the built-in pack's id, or not newer than the installed one."""
    installed = {p.id: p for p in store.packs(include_retired=True)}
    current = installed.get(pack.id)
    if pack.id == builtin_pack_id() or (current is not None and current.builtin):
        raise keyed(BadInput, "pack.builtin_id", pack=pack.id)
    active = current is not None and pack.id in {p.id for p in store.packs()}
    if (
        current is not None
        and active
        and not force
        and version_key(pack.version) <= version_key(current.version)
    ):
        raise keyed(
            BadInput,
            "pack.add.not_newer",
            pack=pack.id,
            installed=current.version,
            path=label,
            version=pack.version,
        )
    return pack


def _stage(source: Path, staging: Path) -> None:
    """Copy the pack beside its final place (links to files inside it as their content).

    Raises:
        PackErrors: a file of the pack cannot be read, or an unsafe entry appeared.
        StoreError: the packs folder cannot be written (read-only, full).
    """
    try:
        staging.parent.mkdir(parents=True, exist_ok=True)
        copy_pack_tree(source, staging)
    except OSError as exc:
        name = Path(exc.filename) if exc.filename else staging
        why = exc.strerror or str(exc)
        if name.is_relative_to(source):
            raise PackErrors([PackProblem(str(name), cannot_read(exc))]) from None
        raise keyed(StoreError, "pack.add.cannot_copy", path=staging.parent, detail=why) from None


def remove_pack(pack_id: str, store: Store, packs_root: Path, now: datetime) -> int:
    """Retire a pack's questions (reviews are kept) and delete its files.

    Raises:
        BadInput: no such pack, or the built-in one.
    """
    installed = {p.id: p for p in store.packs()}
    if pack_id not in installed:
        raise keyed(BadInput, "error.no_pack", pack=pack_id, known=", ".join(installed))
    if installed[pack_id].builtin:
        raise keyed(BadInput, "pack.remove.builtin")
    retired = store.retire_pack(pack_id, now)
    shutil.rmtree(packs_root / pack_id, ignore_errors=True)
    return retired


def installed_pack(store: Store, pack_id: str) -> PackInfo:
    """The active installed pack `pack_id`.

    Raises:
        BadInput: no such pack.
    """
    installed = {p.id: p for p in store.packs()}
    if pack_id not in installed:
        raise keyed(BadInput, "error.no_pack", pack=pack_id, known=", ".join(installed))
    return installed[pack_id]


def export_pack(info: PackInfo, root: Path, demos_dir: Path, out: Path) -> int:
    """Zip the installed pack in `root` (pack.toml, questions/, demos/, README) to `out`;
    return how many files. `root` and `demos_dir` are the pack's folders on this machine
    (packs.places), never the ones a database names.

    The zip holds one folder named after the pack, so `pack add` takes it back as it is.

    Raises:
        BadInput: the pack's files are missing.
    """
    if not (root / "pack.toml").is_file():
        raise keyed(BadInput, "pack.export.missing", pack=info.id, path=root)
    return write_pack_zip(root, demos_dir, info.id, out)
