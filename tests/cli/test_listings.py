"""Every table the command line prints starts with a header row naming its columns, in the
learner's language (`pack list` printed bare tab-separated rows)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mpquiz.i18n import t
from tests.cli.test_cli import mpquiz

PACK_LIST = [f"pack.list.col.{c}" for c in ("id", "version", "questions", "trust", "title")]
LISTINGS = {
    "pack list": (["pack", "list"], PACK_LIST, r"mp-course"),
    "demo list": (
        ["demo", "list"],
        ["demo.cli.col.name", "demo.cli.col.pack", "demo.cli.col.questions", "demo.cli.col.runs"],
        r"race_counter",
    ),
    "exercise list": (
        ["exercise", "list"],
        ["exercise.cli.col.id", "exercise.cli.col.topic", "demo.cli.col.runs"],
        r"lock\.ex-fix-race",
    ),
    "stats": (
        ["stats"],
        ["stats.col.topic", "stats.col.questions", "stats.col.reviews", "stats.col.accuracy"],
        r"\d%",
    ),
}


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("name", list(LISTINGS))
def test_a_listing_has_a_translated_header_row(name: str, lang: str, tmp_path: Path) -> None:
    args, keys, first_row = LISTINGS[name]  # first_row: a pattern only a row fits
    db = f"sqlite:///{tmp_path / 'l.db'}"
    if name == "stats":  # a topic with reviews: its row ends with a percentage
        mpquiz("--db", db, "review", "--plain", "--new", "1", stdin="1\n")
    shown = mpquiz("--db", db, "--lang", lang, *args, env={"COLUMNS": "120"})
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    headers = [t(key, lang) for key in keys]
    header = next((i for i, line in enumerate(lines) if all(h in line for h in headers)), None)
    assert header is not None, f"no line names {headers}:\n{shown.stdout}"
    row = next(i for i, line in enumerate(lines) if re.search(first_row, line))
    assert header < row, shown.stdout
