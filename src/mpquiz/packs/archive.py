"""Packs as zip files: safe extraction for `pack add` and `pack validate`, reproducible
archives for `pack export`.

A zip from someone else is untrusted input: every entry is checked before anything is
written (no absolute paths, no `..`, no links, no encryption, bounded sizes and counts),
and sizes are enforced again while reading, since a zip's declared sizes can lie.
"""

from __future__ import annotations

import dataclasses
import errno
import os
import re
import shutil
import stat
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from mpquiz.core.verdict import Note
from mpquiz.packs.problems import PackErrors, PackProblem, os_reason

MAX_ENTRIES = 2000
MAX_ENTRY_BYTES = 8 * 1024 * 1024
MAX_TOTAL_BYTES = 64 * 1024 * 1024
_IGNORED = re.compile(r"(^|/)(__MACOSX|__pycache__)(/|$)|(^|/)\.DS_Store$|\.pyc$")
_DRIVE = re.compile(r"^[A-Za-z]:")
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)
EXPORTED_README = ("README.md", "README.txt", "README", "LICENSE", "LICENSE.md", "LICENSE.txt")


def _fail(archive: Path, message: Note, hint: Note | None = None) -> PackErrors:
    return PackErrors([PackProblem(archive.name, message, hint_note=hint)])


def _entry_problem(info: zipfile.ZipInfo) -> Note | None:
    name = info.filename
    if "\x00" in name:
        return Note("pack.problem.zip.nul")
    posix = name.replace("\\", "/")
    if posix.startswith("/") or _DRIVE.match(posix):
        return Note("pack.problem.zip.absolute")
    if ".." in PurePosixPath(posix).parts:
        return Note("pack.problem.zip.leaves")
    if stat.S_ISLNK(info.external_attr >> 16):
        return Note("pack.problem.zip.link")
    if info.flag_bits & 0x1:
        return Note("pack.problem.zip.encrypted")
    if info.file_size > MAX_ENTRY_BYTES:
        return Note("pack.problem.zip.entry_too_large", {"size": MAX_ENTRY_BYTES // 1024 // 1024})
    return None


def _pack_prefix(names: list[str]) -> str | None:
    """ "" when pack.toml is at the top, "folder/" when it is in the one top folder."""
    if "pack.toml" in names:
        return ""
    tops = {n.split("/", 1)[0] for n in names}
    if len(tops) == 1:
        top = next(iter(tops))
        if f"{top}/pack.toml" in names:
            return f"{top}/"
    return None


@contextmanager
def pack_folder(source: Path) -> Iterator[Path]:
    """The pack at `source`: the folder itself, or a zip of one unpacked to a temporary
    folder for the duration. Problems raised inside name files as they are in the zip.

    Raises:
        PackErrors: a zip that is not one, is unsafe, or holds no pack.
    """
    if not source.is_file():
        yield source
        return
    with tempfile.TemporaryDirectory(prefix="mpquiz-pack-") as tmp:
        root = extract_pack(source, Path(tmp))
        try:
            yield root
        except PackErrors as exc:
            raise PackErrors([_as_in_zip(p, source, Path(tmp)) for p in exc.problems]) from None


def _as_in_zip(problem: PackProblem, archive: Path, unpacked: Path) -> PackProblem:
    """The problem with the temporary folder replaced by the zip's name, wherever it shows."""

    def named(text: str) -> str:
        return text.replace(f"{unpacked}{os.sep}", f"{archive.name}/")

    def renamed(note: Note) -> Note:
        return Note(note.key, {k: _renamed_value(v, named) for k, v in note.params.items()})

    return dataclasses.replace(
        problem,
        file=named(problem.file),
        note=renamed(problem.note),
        hint_note=None if problem.hint_note is None else renamed(problem.hint_note),
    )


def _renamed_value(value: object, named: Callable[[str], str]) -> object:
    """A message's field with `named` applied to its texts, a message's fields too."""
    if isinstance(value, Note):
        return Note(value.key, {k: _renamed_value(v, named) for k, v in value.params.items()})
    return named(value) if isinstance(value, str) else value


def extract_pack(archive: Path, into: Path) -> Path:
    """Check and extract the zip `archive` under `into`; return the pack's folder in it.

    Raises:
        PackErrors: not a zip, an unsafe or oversized entry, or no pack.toml where expected.
    """
    try:
        if not zipfile.is_zipfile(archive):
            raise _fail(archive, Note("pack.problem.zip.not_zip"), Note("pack.hint.zip"))
        with zipfile.ZipFile(archive) as zf:
            infos = zf.infolist()
            return _extract(archive, zf, infos, into)
    except (OSError, zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
        raise _fail(archive, Note("pack.problem.zip.damaged", {"detail": str(exc)})) from None


def _extract(archive: Path, zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], into: Path) -> Path:
    if len(infos) > MAX_ENTRIES:
        entries: dict[str, object] = {"count": len(infos), "most": MAX_ENTRIES}
        raise _fail(archive, Note("pack.problem.zip.too_many", entries))
    problems = [
        PackProblem(
            f"{archive.name}:{info.filename!r}"[:300],
            Note("pack.problem.zip.rejected", {"why": why}),
        )
        for info in infos
        if (why := _entry_problem(info))
    ]
    if problems:
        raise PackErrors(problems)
    files = [
        i for i in infos if not i.is_dir() and not _IGNORED.search(i.filename.replace("\\", "/"))
    ]
    total = sum(i.file_size for i in files)
    if total > MAX_TOTAL_BYTES:
        sizes: dict[str, object] = {
            "size": total // 1024 // 1024,
            "most": MAX_TOTAL_BYTES // 1024 // 1024,
        }
        raise _fail(archive, Note("pack.problem.zip.too_big", sizes))
    names = [PurePosixPath(i.filename.replace("\\", "/")).as_posix() for i in files]
    if len(set(names)) != len(names):
        raise _fail(archive, Note("pack.problem.zip.twice"))
    prefix = _pack_prefix(names)
    if prefix is None:
        raise _fail(archive, Note("pack.problem.zip.no_pack"), Note("pack.hint.zip_folder"))
    # Without a top folder, one named after the zip keeps problem paths readable.
    base = into if prefix else into / (re.sub(r"[^\w.-]", "_", archive.stem).strip(".") or "pack")
    budget = MAX_TOTAL_BYTES
    for info, name in zip(files, names, strict=True):
        target = base / name
        target.parent.mkdir(parents=True, exist_ok=True)
        budget -= _copy_bounded(archive, zf, info, target, min(budget, MAX_ENTRY_BYTES))
    return base / prefix.rstrip("/") if prefix else base


def _copy_bounded(
    archive: Path, zf: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path, limit: int
) -> int:
    written = 0
    with zf.open(info) as source, target.open("wb") as sink:
        while block := source.read(1 << 16):
            written += len(block)
            if written > limit or written > info.file_size:
                lying = Note("pack.problem.zip.lies", {"entry": repr(info.filename)})
                raise _fail(archive, lying)
            sink.write(block)
    return written


LINK_HINT = Note("pack.hint.link")


def unsafe_entries(root: Path) -> dict[Path, Note]:
    """Entries of the pack folder `root` a copy must not take, each with why.

    A symbolic link may only lead to a file inside the pack (it is copied as that file);
    one that leads out of it, to a folder, nowhere, or round in a loop is unsafe, and so
    is anything that is not a folder or a regular file (a pipe, a device, a socket).
    """
    base = root.resolve()
    found: dict[Path, Note] = {}

    def unreadable(exc: OSError) -> None:
        found[Path(exc.filename)] = Note(
            "pack.problem.unreadable_folder", {"reason": os_reason(exc)}
        )

    for folder, dirs, files in os.walk(root, onerror=unreadable):
        dirs[:] = [d for d in dirs if not _IGNORED.search(d)]
        for name in dirs + files:
            path = Path(folder, name)
            try:
                why = None if _IGNORED.search(name) else _entry_trouble(path, base)
            except OSError as exc:
                why = Note("pack.problem.unreadable", {"reason": os_reason(exc)})
            if why:
                found[path] = why
    return found


def copy_pack_tree(source: Path, target: Path) -> None:
    """Copy the pack folder `source` to the new folder `target`: folders and regular files,
    and a link to a file inside the pack as that file's content.

    Raises:
        PackErrors: an unsafe entry (see unsafe_entries), checked again while copying in
            case the folder changed since it was validated.
        OSError: a file could not be read or written.
    """
    _copy_folder(source, target, source.resolve())


def _copy_folder(source: Path, target: Path, base: Path) -> None:
    target.mkdir()
    for entry in sorted(os.scandir(source), key=lambda e: e.name):
        if _IGNORED.search(entry.name):
            continue
        path = Path(entry.path)
        if why := _entry_trouble(path, base):
            raise PackErrors([PackProblem(str(path), why, hint_note=LINK_HINT)])
        if entry.is_dir(follow_symlinks=False):
            _copy_folder(path, target / entry.name, base)
        else:
            shutil.copy2(path, target / entry.name)  # a link: the file it leads to


def _entry_trouble(path: Path, base: Path) -> Note | None:
    """Why the entry at `path` may not be copied into a pack, or None."""
    mode = path.lstat().st_mode
    if stat.S_ISLNK(mode):
        return _link_trouble(path, base)
    if stat.S_ISDIR(mode) or stat.S_ISREG(mode):
        return None
    return Note("pack.problem.link.special")


def _link_trouble(link: Path, base: Path) -> Note | None:
    try:
        target = link.resolve(strict=True)
    except RuntimeError:  # Python before 3.13 reports a loop so
        return Note("pack.problem.link.loop")
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return Note("pack.problem.link.loop")
        if exc.errno == errno.ENOENT:
            return Note("pack.problem.link.broken", {"target": _link_text(link)})
        return Note("pack.problem.link.unfollowed", {"reason": os_reason(exc)})
    if not target.is_relative_to(base):
        return Note("pack.problem.link.outside", {"target": str(target)})
    if target.is_dir():
        return Note("pack.problem.link.folder")
    if not target.is_file():
        return Note("pack.problem.link.not_file")
    return None


def _link_text(link: Path) -> str:
    try:
        return os.readlink(link)
    except OSError:
        return "?"


def export_files(root: Path, demos_dir: Path) -> list[tuple[str, Path]]:
    """(name in the archive, file) for a pack: pack.toml, questions/, demos/, README.

    Only regular files: a symbolic link is never followed into the archive.
    """
    chosen: list[tuple[str, Path]] = [("pack.toml", root / "pack.toml")]
    qdir = root / "questions"
    if qdir.is_dir():
        chosen += [(f"questions/{p.name}", p) for p in sorted(qdir.glob("*.toml")) if _plain(p)]
    if demos_dir.is_dir():
        for path in sorted(demos_dir.rglob("*")):
            rel = path.relative_to(demos_dir).as_posix()
            if _plain(path) and not _IGNORED.search(rel):
                chosen.append((f"demos/{rel}", path))
    chosen += [(n, root / n) for n in EXPORTED_README if _plain(root / n)]
    return chosen


def _plain(path: Path) -> bool:
    """A regular file that is not a symbolic link."""
    return path.is_file() and not path.is_symlink()


def write_pack_zip(root: Path, demos_dir: Path, folder: str, out: Path) -> int:
    """Write the pack at `root` to the zip `out`, inside one folder `folder`; return files.

    The archive is reproducible: sorted entries, fixed timestamps and permissions.
    """
    files = export_files(root, demos_dir)
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    try:
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, path in files:
                info = zipfile.ZipInfo(f"{folder}/{name}", date_time=_FIXED_TIME)
                info.external_attr = (stat.S_IFREG | 0o644) << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                zf.writestr(info, path.read_bytes())
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)
    return len(files)
