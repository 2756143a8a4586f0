"""Validating and importing a generated 10,000-question pack (load_pack, then add_pack).

The pack is made once under bench/.cache/pack-10k from the mini test pack's four
questions (one of each kind), repeated with new ids over ten topics and files. The
baseline, measured in the same run, is parsing the same TOML files with tomllib (and,
for the import, turning every question into JSON as the store keeps it): what any
reader of the format must pay before mpquiz's own checks and writes.
"""

from __future__ import annotations

import json
import re
import shutil
import statistics
import tempfile
import time
import tomllib
from datetime import UTC, datetime
from pathlib import Path

from bench.common import Measure

HERE = Path(__file__).resolve().parent
MINI = HERE.parent / "tests" / "fixtures" / "mini"
PACK = HERE / ".cache" / "pack-10k"
QUESTIONS = 10_000
FILES = 10


def make_pack() -> Path:
    """The generated pack's folder (made on first use)."""
    if (PACK / "pack.toml").is_file():
        return PACK
    tmp = PACK.with_name(PACK.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    (tmp / "questions").mkdir(parents=True)
    shutil.copytree(MINI / "demos", tmp / "demos")
    head = (MINI / "pack.toml").read_text().split("[topics]")[0]
    topics = "\n".join(f't{k} = {{ es = "Tema {k}", en = "Topic {k}" }}' for k in range(FILES))
    head = head.replace('id = "mini"', 'id = "bench10k"')
    (tmp / "pack.toml").write_text(f"{head}[topics]\n{topics}\n")
    blocks = (MINI / "questions" / "basics.toml").read_text().split("[[question]]")[1:]
    per_file = QUESTIONS // FILES
    for k in range(FILES):
        parts = []
        for n in range(per_file):
            block = blocks[n % len(blocks)]
            block = re.sub(r'^id = ".*"$', f'id = "t{k}.q{n:04d}"', block, flags=re.M)
            block = re.sub(r'^topic = ".*"$', f'topic = "t{k}"', block, flags=re.M)
            parts.append("[[question]]" + block)
        (tmp / "questions" / f"t{k}.toml").write_text("".join(parts))
    tmp.rename(PACK)
    return PACK


def _median(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def run(quick: bool) -> list[Measure]:
    """Validation and import times against a plain tomllib parse of the same files."""
    from mpquiz.packs.loader import load_pack
    from mpquiz.session.pack_install import add_pack
    from mpquiz.store.engine import open_engine
    from mpquiz.store.repository import Store

    repeat = 1 if quick else 3  # seconds each: see the note in the report
    root = make_pack()
    files = [root / "pack.toml", *sorted((root / "questions").glob("*.toml"))]

    def parse() -> list[dict]:
        return [tomllib.loads(f.read_text(encoding="utf-8")) for f in files]

    def parse_and_encode() -> None:
        for doc in parse():
            for question in doc.get("question", ()):
                json.dumps(question)

    count = len(load_pack(root).questions)
    validate = _median(lambda: load_pack(root), repeat)
    parse_only = _median(parse, repeat)

    def import_once() -> None:
        with tempfile.TemporaryDirectory(prefix="mpquiz-bench-") as tmp:
            store = Store(open_engine(f"sqlite:///{tmp}/import.db"))
            try:
                add_pack(root, store, Path(tmp) / "packs", datetime.now(UTC))
            finally:
                store.close()

    imported = _median(import_once, repeat)
    encoded = _median(parse_and_encode, repeat)
    return [
        Measure(
            f"pack.validate_{count // 1000}k",
            f"pack validate, {count:,} questions",
            validate * 1e3,
            parse_only * 1e3,
            "ms",
            f"load_pack; baseline: tomllib parse of the same {len(files)} files,"
            f" median of {repeat}",
        ),
        Measure(
            f"pack.add_{count // 1000}k",
            f"pack add (validate, copy, sync), {count:,} questions",
            imported * 1e3,
            encoded * 1e3,
            "ms",
            "add_pack into a new database; baseline: tomllib parse + json.dumps of every"
            f" question, median of {repeat}",
        ),
    ]
