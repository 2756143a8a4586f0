"""Packs as zip files: safe extraction for `pack add` and `pack validate`, reproducible
archives for `pack export`.

A zip from someone else is untrusted input: every entry is checked before anything is
written (no absolute paths, no `..`, no links, no encryption, bounded sizes and counts),
and sizes are enforced again while reading, since a zip's declared sizes can lie.
"""

from __future__ import annotations

import dataclasses
import os
import re
import stat
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from mpquiz.packs.problems import PackErrors, PackProblem

MAX_ENTRIES = 2000
MAX_ENTRY_BYTES = 8 * 1024 * 1024
MAX_TOTAL_BYTES = 64 * 1024 * 1024
_IGNORED = re.compile(r"(^|/)(__MACOSX|__pycache__)(/|$)|(^|/)\.DS_Store$|\.pyc$")
_DRIVE = re.compile(r"^[A-Za-z]:")
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)
EXPORTED_README = ("README.md", "README.txt", "README", "LICENSE", "LICENSE.md", "LICENSE.txt")


def _fail(archive: Path, message: str, hint: str | None = None) -> PackErrors:
    return PackErrors([PackProblem(archive.name, message, hint=hint)])


def _entry_problem(info: zipfile.ZipInfo) -> str | None:
    name = info.filename
    if "\x00" in name:
        return "its name holds a NUL byte"
    posix = name.replace("\\", "/")
    if posix.startswith("/") or _DRIVE.match(posix):
        return "absolute path"
    if ".." in PurePosixPath(posix).parts:
        return "path leaves the pack folder ('..')"
    if stat.S_ISLNK(info.external_attr >> 16):
        return "symbolic link (links are not allowed in a pack)"
    if info.flag_bits & 0x1:
        return "encrypted"
    if info.file_size > MAX_ENTRY_BYTES:
        return f"larger than {MAX_ENTRY_BYTES // 1024 // 1024} MiB"
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

    return dataclasses.replace(
        problem,
        file=named(problem.file),
        message=named(problem.message),
        hint=None if problem.hint is None else named(problem.hint),
    )


def extract_pack(archive: Path, into: Path) -> Path:
    """Check and extract the zip `archive` under `into`; return the pack's folder in it.

    Raises:
        PackErrors: not a zip, an unsafe or oversized entry, or no pack.toml where expected.
    """
    try:
        if not zipfile.is_zipfile(archive):
            raise _fail(archive, "not a zip file", "give a pack folder or a .zip of one")
        with zipfile.ZipFile(archive) as zf:
            infos = zf.infolist()
            return _extract(archive, zf, infos, into)
    except (OSError, zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
        raise _fail(archive, f"damaged or unreadable zip: {exc}") from None


def _extract(archive: Path, zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], into: Path) -> Path:
    if len(infos) > MAX_ENTRIES:
        raise _fail(archive, f"holds {len(infos)} entries; a pack may have at most {MAX_ENTRIES}")
    problems = [
        PackProblem(f"{archive.name}:{info.filename!r}"[:300], f"rejected entry: {why}")
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
        raise _fail(
            archive,
            f"unpacks to {total // 1024 // 1024} MiB; a pack may hold at most "
            f"{MAX_TOTAL_BYTES // 1024 // 1024} MiB",
        )
    names = [PurePosixPath(i.filename.replace("\\", "/")).as_posix() for i in files]
    if len(set(names)) != len(names):
        raise _fail(archive, "the same file appears twice in the zip")
    prefix = _pack_prefix(names)
    if prefix is None:
        raise _fail(
            archive,
            "no pack.toml at the top of the zip or in its one top-level folder",
            "zip the pack folder itself (mpquiz pack export does)",
        )
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
                raise _fail(archive, f"{info.filename!r} unpacks to more than it declares")
            sink.write(block)
    return written


def export_files(root: Path, demos_dir: Path) -> list[tuple[str, Path]]:
    """(name in the archive, file) for a pack: pack.toml, questions/, demos/, README."""
    chosen: list[tuple[str, Path]] = [("pack.toml", root / "pack.toml")]
    qdir = root / "questions"
    if qdir.is_dir():
        chosen += [(f"questions/{p.name}", p) for p in sorted(qdir.glob("*.toml")) if p.is_file()]
    if demos_dir.is_dir():
        for path in sorted(demos_dir.rglob("*")):
            rel = path.relative_to(demos_dir).as_posix()
            if path.is_file() and not path.is_symlink() and not _IGNORED.search(rel):
                chosen.append((f"demos/{rel}", path))
    chosen += [(n, root / n) for n in EXPORTED_README if (root / n).is_file()]
    return chosen


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
