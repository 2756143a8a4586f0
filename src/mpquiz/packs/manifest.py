"""What a pack runs, read from its own files on this machine (never from a database).

A `Manifest` holds the SHA-256 of every file of the pack's demos folder (any extension:
helpers and data files count as much as the demos themselves) and, for each question,
its `RunPlan`: the demo file, its arguments and its timeout. Its `digest` is one hash
over all of that, which is what trust is given to (see packs.trust) and what the
built-in pack records when it is built (see packs.builtin_lock).

Only tomli and hashlib are used (imported where used: the first frame reads the lock's
run plans and needs neither), so this loads fast and without pydantic; the pack is
expected to have passed the loader when it was added, and anything that does not read
as a valid run plan here raises ManifestError rather than being guessed at.
"""

from __future__ import annotations

import json
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from mpquiz import paths
from mpquiz.core.errors import MpquizError

FORMAT = 1
DEFAULT_DEMO_TIMEOUT = 10.0
_BYTECODE = "__pycache__"
_DEMO_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*\.py$")


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes, in hex."""
    import hashlib

    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


class ManifestError(MpquizError):
    """The pack's files do not say clearly what it runs; the message says why."""


class RunPlan(NamedTuple):
    """How one question runs its demo."""

    demo: str
    args: tuple[str, ...] = ()
    timeout: float | None = None

    def command(self) -> str:
        """The plan as a person reads it: `demo.py arg1 arg2`."""
        return " ".join([self.demo, *self.args])

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able dict."""
        return {"demo": self.demo, "args": list(self.args), "timeout": self.timeout}


@dataclass(frozen=True)
class Manifest:
    """Every file a pack's demos can read or run, and how each question runs."""

    pack_id: str
    files: dict[str, str]
    """Path inside the demos folder (posix) -> SHA-256 of its bytes."""
    runs: dict[str, RunPlan]
    """Question id -> how it runs its demo."""
    demo_timeout: float = DEFAULT_DEMO_TIMEOUT
    escapes: tuple[str, ...] = field(default=())
    """Links in the demos folder that lead outside it, or nowhere: nothing runs then."""

    @property
    def digest(self) -> str:
        """One SHA-256 over the files, the run plans and the pack's demo timeout."""
        payload = json.dumps(self._content(), sort_keys=True, separators=(",", ":"))
        import hashlib

        return hashlib.sha256(payload.encode()).hexdigest()

    def _content(self) -> dict[str, Any]:
        return {
            "pack": self.pack_id,
            "demo_timeout": self.demo_timeout,
            "files": dict(sorted(self.files.items())),
            "runs": {qid: plan.to_dict() for qid, plan in sorted(self.runs.items())},
            "escapes": list(self.escapes),
        }

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able dict (what trust.json and the built-in lock keep)."""
        return {"format": FORMAT, **self._content(), "digest": self.digest}

    @classmethod
    def from_dict(cls, data: Any, *, checked: bool = True) -> Manifest:
        """The inverse of to_dict; ManifestError when `data` is not one (or, `checked`,
        when its digest does not match its content)."""
        try:
            if data["format"] != FORMAT:
                raise ManifestError(f"unknown manifest format {data['format']!r}")
            manifest = cls(
                pack_id=str(data["pack"]),
                files={str(k): str(v) for k, v in data["files"].items()},
                runs={str(k): _plan(v) for k, v in data["runs"].items()},
                demo_timeout=float(data["demo_timeout"]),
                escapes=tuple(str(e) for e in data.get("escapes", ())),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ManifestError(f"not a manifest ({type(exc).__name__}: {exc})") from None
        if checked:
            manifest.check(data.get("digest"))
        return manifest

    def check(self, recorded: object) -> None:
        """ManifestError unless `recorded` is this manifest's digest (its file was edited)."""
        if recorded != self.digest:
            raise ManifestError("its digest does not match its content")

    def commands(self) -> list[str]:
        """Each distinct way the questions run a demo (`demo.py arg1`), sorted."""
        return sorted({plan.command() for plan in self.runs.values()})

    def changed_files(self, other: Manifest) -> list[str]:
        """Files added, removed or changed between `other` and this, sorted."""
        names = set(self.files) | set(other.files)
        return sorted(n for n in names if self.files.get(n) != other.files.get(n))


def _plan(value: Any) -> RunPlan:
    timeout = value.get("timeout")
    return RunPlan(
        demo=str(value["demo"]),
        args=tuple(str(a) for a in value.get("args", ())),
        timeout=None if timeout is None else float(timeout),
    )


def demo_files(demos_dir: Path, *, bytecode: bool = True) -> tuple[dict[str, str], tuple[str, ...]]:
    """(every file under `demos_dir` with its SHA-256, links that leave it or dangle).

    A link that stays inside the folder counts as the file it leads to. `__pycache__`
    folders count too (Python would load a helper module's bytecode from them), except
    with `bytecode=False`, for the built-in pack: pip compiles an installed wheel's files,
    and mpquiz's own install is trusted as its code is (its demos import no helpers).
    """
    if not demos_dir.is_dir():
        return {}, ()
    top = demos_dir.resolve()
    files: dict[str, str] = {}
    escapes: list[str] = []
    for root, folders, names in os.walk(demos_dir):
        folders[:] = sorted(f for f in folders if bytecode or f != _BYTECODE)
        here = Path(root)
        for name in [*(f for f in folders if (here / f).is_symlink()), *sorted(names)]:
            path = here / name
            rel = path.relative_to(demos_dir).as_posix()
            kind = _kind(path, top)
            if kind == "file":
                try:
                    files[rel] = file_sha256(path)
                except OSError as exc:
                    raise ManifestError(f"cannot read {rel}: {exc.strerror or exc}") from None
            elif kind == "escape":
                escapes.append(rel)
    return files, tuple(sorted(escapes))


def _kind(path: Path, top: Path) -> str:
    """ "file" (a regular file, or a link to one inside `top`), "folder" (a link to a
    folder inside, listed where it is) or "escape" (a link out, dangling or looping, or
    something that is not a regular file: a FIFO would block the hashing)."""
    try:
        if path.is_symlink() and not path.resolve(strict=True).is_relative_to(top):
            return "escape"
        mode = path.stat().st_mode
    except (OSError, RuntimeError):  # dangling, a loop, or gone
        return "escape"
    if stat.S_ISDIR(mode):
        return "folder"
    return "file" if stat.S_ISREG(mode) else "escape"


def _read(path: Path) -> dict[str, Any]:
    import tomli

    try:
        return tomli.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ManifestError(f"cannot read {path.name}: {exc.strerror or exc}") from None
    except (tomli.TOMLDecodeError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise ManifestError(f"{path.name} is not valid TOML: {exc}") from None


def _question_plan(where: str, table: Any) -> tuple[str, RunPlan]:
    if not isinstance(table, dict):
        raise ManifestError(f"{where}: a [[question]] is not a table")
    qid, demo = table.get("id"), table.get("demo")
    args, timeout = table.get("args", []), table.get("timeout")
    if not isinstance(qid, str) or not isinstance(demo, str) or not _DEMO_NAME.match(demo):
        raise ManifestError(f"{where}: question {qid!r} has no valid id and demo")
    if not isinstance(args, list) or not all(isinstance(a, str) for a in args):
        raise ManifestError(f"{where}: question {qid}: args must be a list of strings")
    if timeout is not None and (isinstance(timeout, bool) or not isinstance(timeout, int | float)):
        raise ManifestError(f"{where}: question {qid}: timeout must be a number")
    return qid, RunPlan(demo, tuple(args), None if timeout is None else float(timeout))


_plans_cache: dict[Path, tuple[tuple[Any, ...], tuple[str, float, dict[str, RunPlan]]]] = {}


def _signature(paths: list[Path]) -> tuple[Any, ...]:
    stats = []
    for path in paths:
        st = path.stat()
        stats.append((str(path), st.st_ino, st.st_size, st.st_mtime_ns))
    return tuple(stats)


def run_plans(pack_dir: Path) -> tuple[str, float, dict[str, RunPlan]]:
    """(pack id, demo timeout, run plan per question) from pack.toml and questions/*.toml.

    Parsed again whenever one of those files changes (size, time or inode).
    """
    meta_path = pack_dir / "pack.toml"
    try:
        paths = [meta_path, *sorted((pack_dir / "questions").glob("*.toml"))]
        signature = _signature(paths)
    except OSError as exc:
        raise ManifestError(f"cannot read {meta_path}: {exc.strerror or exc}") from None
    cached = _plans_cache.get(pack_dir)
    if cached is not None and cached[0] == signature:
        return cached[1]
    meta = _read(meta_path).get("pack")
    if not isinstance(meta, dict) or not isinstance(meta.get("id"), str):
        raise ManifestError("pack.toml has no [pack] id")
    timeout = meta.get("demo_timeout", DEFAULT_DEMO_TIMEOUT)
    if isinstance(timeout, bool) or not isinstance(timeout, int | float):
        raise ManifestError("pack.toml: demo_timeout must be a number")
    plans: dict[str, RunPlan] = {}
    for path in paths[1:]:
        tables = _read(path).get("question", [])
        if not isinstance(tables, list):
            raise ManifestError(f"{path.name}: `question` must be an array of tables")
        for table in tables:
            qid, plan = _question_plan(path.name, table)
            if qid in plans:
                raise ManifestError(f"{path.name}: question {qid} is defined twice")
            plans[qid] = plan
    result = (meta["id"], float(timeout), plans)
    _plans_cache[pack_dir] = (signature, result)
    return result


def read_manifest(
    pack_dir: Path, demos_dir: Path | None = None, *, bytecode: bool = True
) -> Manifest:
    """The manifest of the pack in `pack_dir` (demos in `demos_dir`, default its own:
    paths.pack_demos_dir; `bytecode`: see demo_files)."""
    pack_id, timeout, plans = run_plans(pack_dir)
    folder = demos_dir if demos_dir is not None else paths.pack_demos_dir(pack_dir)
    files, escapes = demo_files(folder, bytecode=bytecode)
    return Manifest(pack_id, files, plans, timeout, escapes)
