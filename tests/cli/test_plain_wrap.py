"""The plain modes wrap text between words at the terminal's width (left to the terminal, a
line broke inside a word: "comu / nicación"), and write each line whole when piped."""

from __future__ import annotations

import io
import os
import pty
import re
import select
import subprocess
import sys
import time
from pathlib import Path

from rich.text import Text

from mpquiz.render.verdicts import text_console
from tests.conftest import ROOT

SENTENCE = (
    "La comunicación entre procesos necesita un canal explícito: una tubería o una cola, "
    "porque cada proceso tiene su propia memoria y nada se comparte por defecto."
)
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")


def _printed(*, terminal: bool, width: int) -> str:
    out = io.StringIO()
    console = text_console(file=out, width=width, force_terminal=terminal, color_system=None)
    console.print(SENTENCE)
    console.print(Text(SENTENCE, style="bold"))
    return out.getvalue()


def test_on_a_terminal_words_wrap_whole_at_its_width() -> None:
    lines = _printed(terminal=True, width=40).splitlines()
    assert len(lines) > 4 and all(len(line) <= 40 for line in lines)
    words = SENTENCE.split()
    assert " ".join(" ".join(lines).split()) == " ".join(words + words)  # no word cut


def test_piped_each_line_is_written_whole() -> None:
    assert _printed(terminal=False, width=40) == SENTENCE + "\n" + SENTENCE + "\n"


def test_the_plain_review_on_a_terminal_keeps_within_its_width(tmp_path: Path) -> None:
    """A real `review --plain` on a pseudo-terminal 50 columns wide: no line is longer, so
    the terminal never breaks one inside a word."""
    master, slave = pty.openpty()
    env = {
        **os.environ,
        "COLUMNS": "50",
        "LINES": "40",
        "TERM": "xterm",
        "MPQUIZ_HOME": str(tmp_path / "home"),
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "mpquiz", "--lang", "es", "review", "--plain"],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    os.close(slave)
    seen = b""
    try:
        deadline = time.monotonic() + 60
        while b"> " not in seen.rsplit(b"\n", 1)[-1] and time.monotonic() < deadline:
            if select.select([master], [], [], 0.5)[0]:
                try:
                    chunk = os.read(master, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                seen += chunk
        os.write(master, b":q\n")
        proc.wait(30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(master)
    text = ANSI.sub("", seen.decode(errors="replace")).replace("\r", "")
    lines = [line for line in text.split("\n") if line.strip()]
    assert len(lines) > 3, text
    long = [line for line in lines if len(line) > 50]
    assert not long, "\n".join(long)
