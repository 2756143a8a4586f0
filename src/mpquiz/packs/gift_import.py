"""`pack import-gift`: a GIFT file written out as a pack folder that validates.

Every imported question runs demos/gift_note.py, a small program that prints a note:
mpquiz questions need a demo, GIFT questions have none. The pack is written to a hidden
folder beside the target, validated, and only then moved into place.
"""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

from mpquiz.core.errors import BadInput
from mpquiz.i18n import SOURCE_LANGUAGE, keyed, t
from mpquiz.packs import toml_write
from mpquiz.packs.gift_convert import DEMO, Conversion, convert
from mpquiz.packs.gift_parse import parse_gift
from mpquiz.packs.ids import check_pack_id, slug
from mpquiz.packs.loader import load_pack

MAX_GIFT_BYTES = 16 * 1024 * 1024

NOTE_DEMO = {
    "es": (
        "Esta pregunta se importó de Moodle (formato GIFT) y no tiene un programa propio.",
        "Escribe una demo en demos/ y apunta a ella el campo demo de la pregunta.",
    ),
    "en": (
        "This question was imported from Moodle (GIFT format) and has no program of its own.",
        "Write a demo in demos/ and point the question's demo field at it.",
    ),
}


def read_gift(path: Path) -> str:
    """The text of a GIFT file (UTF-8, with or without a byte order mark).

    Raises:
        BadInput: unreadable, too large, or not UTF-8.
    """
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise keyed(
            BadInput, "pack.gift.unreadable", path=path, detail=exc.strerror or exc
        ) from None
    if len(raw) > MAX_GIFT_BYTES:
        raise keyed(BadInput, "pack.gift.too_large", path=path, size=MAX_GIFT_BYTES // 1024 // 1024)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise keyed(BadInput, "pack.gift.not_utf8", path=path, line=line) from None


def import_gift(
    source: Path, target: Path, *, lang: str, pack_id: str | None = None, title: str | None = None
) -> Conversion:
    """Convert the GIFT file `source` into a new pack folder `target`.

    Raises:
        BadInput: `target` is not new or empty, the file cannot be read, or not one
            question could be converted (the conversion lists why, see `import_report`).
    """
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise keyed(BadInput, "pack.target_not_empty", path=target)
    chosen = check_pack_id(pack_id or slug(target.resolve().name) or "gift-import")
    result = convert(parse_gift(read_gift(source)), lang)
    if not result.questions:
        raise NoQuestions(result, source)
    staging = target.parent / f".{target.name}.{uuid.uuid4().hex[:8]}.importing"
    try:
        _write(staging, result, chosen, title or source.stem, lang, source.name)
        load_pack(staging)  # the importer must never leave a pack that does not validate
        if target.exists():
            target.rmdir()
        staging.rename(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return result


class NoQuestions(BadInput):
    """Not one question of the GIFT file could be converted."""

    def __init__(self, result: Conversion, source: Path) -> None:
        params = {"count": len(result.skipped), "path": source}
        super().__init__(
            t("pack.gift.none", SOURCE_LANGUAGE, **params), key="pack.gift.none", params=params
        )
        self.result = result


def _write(
    root: Path, result: Conversion, pack_id: str, title: str, lang: str, source: str
) -> None:
    (root / "questions").mkdir(parents=True)
    (root / "demos").mkdir()
    meta = {
        "id": pack_id,
        "version": "1.0.0",
        "title": title,
        "languages": [lang],
        "authors": [],
        "license": "",
    }
    (root / "pack.toml").write_text(
        f"# Imported from {source} by `mpquiz pack import-gift`.\n\n[pack]\n"
        + toml_write.table(meta)
        + "\n[topics]\n"
        + toml_write.table(result.topics),
        encoding="utf-8",
    )
    for number, topic in enumerate(result.topics, start=1):
        chosen = [q for q in result.questions if q["topic"] == topic]
        header = f"Questions of the Moodle category {result.topics[topic]!r}, from {source}."
        (root / "questions" / f"{number:02d}-{topic}.toml").write_text(
            toml_write.question_file(chosen, header), encoding="utf-8"
        )
    lines = NOTE_DEMO[lang]
    (root / "demos" / DEMO).write_text(
        '"""Prints a note: questions imported from GIFT have no program of their own."""\n\n'
        + "".join(f"print({line!r})\n" for line in lines),
        encoding="utf-8",
    )
    (root / "README.md").write_text(import_report(result, source), "utf-8")


def import_report(result: Conversion, source: str) -> str:
    """The pack's README: what was converted, what was not (line and reason), what was lost."""
    out = [
        f"# Imported from {source}\n",
        f"{len(result.questions)} question(s) converted ({result.kinds()}), "
        f"{len(result.skipped)} not converted.\n",
        f"Every question runs demos/{DEMO}, which only prints a note: write a real demo for "
        "a question and point its `demo` field at it.",
    ]
    if result.skipped:
        out += ["\n## Not converted\n", *(f"- {line}" for line in result.skipped_lines(source))]
    if result.notes:
        out += ["\n## Notes\n", *(f"- {line}" for line in result.note_lines(source))]
    return "\n".join(out) + "\n"
