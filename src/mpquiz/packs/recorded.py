"""Recorded runs: for each question, one run of its demo whose output proves its key,
kept in the pack (`demos/recorded/QID.json`) so a learner whose own run did not show the
key this time can still see what it looks like when it does.

They live in the demos folder on purpose: they version with the pack and trust covers
them like every other file there (packs.manifest). `mpquiz pack validate PATH --run
--record` writes them; each says on what it was recorded (Python, start method, cores,
date), and mpquiz shows them labelled as recorded, never as this run.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import platform
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from mpquiz.core.inert import inert

FOLDER = "recorded"
MAX_BYTES = 256 * 1024
_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,119}$")


@dataclass(frozen=True)
class RecordedRun:
    """One run kept in a pack, and where it ran."""

    qid: str
    output: str
    python: str
    start_method: str
    cores: int
    recorded: str
    """The day it was recorded (ISO)."""
    exit_code: int = 0
    duration: float = 0.0
    processes: tuple[dict[str, Any], ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """JSON-able data, as written to the pack."""
        return {
            "qid": self.qid,
            "output": self.output,
            "python": self.python,
            "start_method": self.start_method,
            "cores": self.cores,
            "recorded": self.recorded,
            "exit_code": self.exit_code,
            "duration": round(self.duration, 3),
            "processes": list(self.processes),
        }


def recorded_path(demos_dir: Path, qid: str) -> Path | None:
    """Where the question's recorded run lives, None for an id that is no file name."""
    return demos_dir / FOLDER / f"{qid}.json" if _SAFE_ID.match(qid) else None


def read_recorded(demos_dir: Path, qid: str) -> RecordedRun | None:
    """The question's recorded run, or None (none kept, or a file that does not read)."""
    path = recorded_path(demos_dir, qid)
    try:
        if path is None or path.is_symlink() or path.stat().st_size > MAX_BYTES:
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        return RecordedRun(
            qid=qid,
            output=inert(str(data["output"])),
            python=inert(str(data.get("python", "?")))[:40],
            start_method=inert(str(data.get("start_method", "?")))[:20],
            cores=int(data.get("cores", 0)),
            recorded=inert(str(data.get("recorded", "?")))[:20],
            exit_code=int(data.get("exit_code", 0)),
            duration=float(data.get("duration", 0.0)),
            processes=tuple(p for p in data.get("processes", ()) if isinstance(p, dict)),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_recorded(
    demos_dir: Path,
    qid: str,
    output: str,
    *,
    exit_code: int,
    duration: float,
    processes: tuple[dict[str, Any], ...] = (),
    today: date | None = None,
) -> Path:
    """Keep `output` as the question's recorded run, described by this machine.

    Raises:
        ValueError: the question id is no file name.
    """
    path = recorded_path(demos_dir, qid)
    if path is None:
        raise ValueError(f"question id {qid!r} cannot name a file")
    run = RecordedRun(
        qid=qid,
        output=output,
        python=platform.python_version(),
        start_method=multiprocessing.get_start_method(),
        cores=_cores(),
        recorded=(today or date.today()).isoformat(),
        exit_code=exit_code,
        duration=duration,
        processes=processes,
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(run.to_dict(), indent=1, ensure_ascii=False) + "\n", "utf-8")
    os.replace(tmp, path)
    return path


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1
