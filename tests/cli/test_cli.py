"""The command line through real subprocesses, on temporary databases and settings."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.support import zygote

COMMANDS = [
    [],
    ["review"],
    ["stats"],
    ["optimize"],
    ["retention"],
    ["serve"],
    ["serve", "links"],
    ["exam"],
    ["config"],
    ["config", "get"],
    ["config", "set"],
    ["config", "path"],
    ["db"],
    ["db", "path"],
    ["db", "check"],
    ["db", "backup"],
    ["db", "restore"],
    ["class"],
    ["class", "report"],
    ["class", "export"],
    ["pack"],
    ["pack", "validate"],
    ["pack", "list"],
    ["pack", "add"],
    ["pack", "remove"],
    ["pack", "trust"],
    ["pack", "untrust"],
    ["pack", "new"],
    ["pack", "export"],
    ["pack", "import-gift"],
    ["pack", "export-gift"],
    ["pack", "schema"],
    ["demo"],
    ["demo", "list"],
    ["demo", "run"],
    ["exercise"],
    ["exercise", "list"],
    ["exercise", "start"],
    ["exercise", "check"],
]


def mpquiz(
    *args: str, stdin: str = "", env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run the installed `mpquiz` entry point as a learner would, in a process of its
    own (forked from one that has imported mpquiz already: tests.support.zygote)."""
    full_env = {**os.environ, "COLUMNS": "100", **(env or {})}
    return zygote.run(list(args), stdin=stdin, env=full_env, cwd=ROOT, timeout=timeout)


@pytest.mark.parametrize(
    "lang,word,usage", [("en", "Example", "Usage:"), ("es", "Ejemplo", "Uso:")]
)
def test_every_command_explains_itself_with_an_example(lang: str, word: str, usage: str) -> None:
    # One interpreter per language (Click's messages are set per process), every command.
    script = Path(__file__).with_name("help_texts.py")
    result = subprocess.run(
        [sys.executable, str(script), json.dumps(COMMANDS)],
        capture_output=True,
        text=True,
        env={**os.environ, "MPQUIZ_LANG": lang, "COLUMNS": "100"},
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    helps = json.loads(result.stdout)
    assert sorted(helps) == sorted(" ".join(c) for c in COMMANDS)
    for command, (code, text) in helps.items():
        assert code == 0, (command, text)
        assert word in text and text.startswith(usage), (command, text)
        # Metavars as written (URL, N, PATH), never a parser's type labels or ranges.
        odd = re.findall(r"<\w+>|\{[A-Z]+\}|INTEGER|FLOAT|BOOLEAN|\bRANGE\b|<=x|x>=", text)
        assert odd == [], (command, odd)
    real = mpquiz("exercise", "check", "--help", env={"MPQUIZ_LANG": lang})  # as typed
    assert real.returncode == 0 and word in real.stdout


def test_version() -> None:
    result = mpquiz("--version")
    assert result.returncode == 0 and result.stdout.startswith("mpquiz 0.")


@pytest.mark.parametrize(
    "args",
    [
        ["frobnicate"],
        ["--lang", "fr", "stats"],
        ["review", "--new", "-1"],
        ["config", "set", "nope", "1"],
        ["config", "set", "desired_retention", "2"],
        ["--db", "nope://x", "stats"],
    ],
)
def test_bad_input_is_one_line_on_stderr_with_exit_2(args: list[str]) -> None:
    result = mpquiz(*args)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("mpquiz: ")
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_newer_database_is_refused_clearly(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    assert mpquiz("--db", f"sqlite:///{db}", "stats", "--json").returncode == 0
    con = sqlite3.connect(db)
    con.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    result = mpquiz("--db", f"sqlite:///{db}", "stats")
    assert result.returncode == 3 and "newer" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_config_set_get_and_file(tmp_path: Path) -> None:
    cfg = tmp_path / "c.toml"
    assert mpquiz("--config", str(cfg), "config", "set", "new_per_day", "3").returncode == 0
    assert mpquiz("--config", str(cfg), "config", "get", "new_per_day").stdout.strip() == "3"
    assert "new_per_day = 3" in cfg.read_text()
    shown = mpquiz("--config", str(cfg), "config").stdout
    assert "desired_retention = 0.9" in shown
    cfg.write_text("new_per_day = 'many'\n")
    broken = mpquiz("--config", str(cfg), "config")
    assert broken.returncode == 2 and "new_per_day" in broken.stderr


def test_default_database_lives_in_the_data_folder(tmp_path: Path) -> None:
    home = tmp_path / "home"
    result = mpquiz("stats", "--json", env={"MPQUIZ_HOME": str(home)})
    assert result.returncode == 0, result.stderr
    assert (home / "data" / "mpquiz.db").is_file()
    env_db = tmp_path / "env.db"
    assert mpquiz("stats", env={"MPQUIZ_DB": f"sqlite:///{env_db}"}).returncode == 0
    assert env_db.is_file()


def test_a_broken_settings_file_fails_before_the_database_is_touched(tmp_path: Path) -> None:
    config = tmp_path / "many.toml"
    config.write_text("new_per_day = 'many'\n", encoding="utf-8")
    db = tmp_path / "m.db"
    home = {"MPQUIZ_HOME": str(tmp_path / "home")}
    result = mpquiz("--db", f"sqlite:///{db}", "--config", str(config), "stats", env=home)
    assert result.returncode == 2, result.stderr
    assert "new_per_day" in result.stderr and str(config) in result.stderr
    assert not db.exists()  # no database made, no pack synced, for a command that failed
