"""The app in a real terminal: tmux runs `mpquiz` on a temporary database, keys answer the
first question, and the screen shows the demo's real output and the verdict.

Under CI (CI=true) a missing tmux is a failure, not a skip: .ci/run installs it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.support.waiting import wait_for_text

VERDICTS = ("✔ Right", "✘ Not so", "Compare and rate yourself")


def _tmux() -> str:
    found = shutil.which("tmux")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("tmux is required under CI (.ci/run installs it)")
        pytest.skip("tmux is not installed")
    return found


class Terminal:
    """One tmux server of our own (its own socket), one 80x24 window."""

    def __init__(self, tmux: str, tmp: Path) -> None:
        self.tmux = tmux
        self.socket = f"mpquiz-test-{os.getpid()}"
        self.tmp = tmp

    def run(self, *args: str) -> str:
        out = subprocess.run(
            [self.tmux, "-L", self.socket, *args], capture_output=True, text=True, timeout=30
        )
        return out.stdout

    def start(self, command: list[str], env: dict[str, str]) -> None:
        exports = " ".join(f"{k}={v}" for k, v in env.items())
        line = f"env {exports} " + " ".join(command)
        self.run("new-session", "-d", "-s", "mpq", "-x", "80", "-y", "24", line)
        self.run("set-option", "-s", "escape-time", "10")

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.run("send-keys", "-t", "mpq", key)
            time.sleep(0.15)

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", "mpq")

    def wait_for(self, *texts: str, timeout: float = 30.0) -> str:
        return wait_for_text(self.screen, texts, timeout, "the screen", poll=0.2)

    def close(self) -> None:
        self.run("kill-server")


def _answer(terminal: Terminal, screen: str) -> str:
    """Answer whatever kind of question the screen shows (right or wrong); the verdict."""
    title = screen.splitlines()[0]
    if "open question" in title:
        terminal.keys("I am not sure", "C-s")
        return terminal.wait_for(*VERDICTS)
    # "1" then Enter picks and answers an option or a candidate output; a typed prediction
    # takes "1" as its first line and needs one more Enter (an empty line) to be answered.
    terminal.keys("1", "Enter")
    try:
        return terminal.wait_for(*VERDICTS, timeout=5)
    except AssertionError:
        terminal.keys("Enter")
        return terminal.wait_for(*VERDICTS)


@pytest.mark.slow
def test_a_learner_answers_a_question_in_a_real_terminal(tmp_path: Path) -> None:
    terminal = Terminal(_tmux(), tmp_path)
    db = f"sqlite:///{tmp_path / 'x.db'}"
    env = _env(tmp_path)
    terminal.start([sys.executable, "-m", "mpquiz", "--db", db, "--lang", "en"], env)
    try:
        terminal.wait_for("Review today")
        terminal.keys("r")
        question = terminal.wait_for("Review · 1 of")
        _answer(terminal, question)
        terminal.wait_for("exit code", "did not run")
        shown = terminal.screen()
        assert "demo:" in shown, shown
        assert any(verdict in shown for verdict in VERDICTS), shown
        if "Compare and rate yourself" in shown:
            terminal.keys("3")  # an open question is rated by the learner
        terminal.keys("Escape")  # home: the answer is kept, rated as suggested
        terminal.wait_for("Review today")
        terminal.keys("q")
        time.sleep(1.0)
    finally:
        terminal.close()
    assert _reviews(db, env) == 1  # leaving kept the answer given

    # The second start takes the fast path (the database known and current): the question
    # is painted before the database is opened, and the answer is still stored.
    terminal = Terminal(_tmux(), tmp_path)
    terminal.start([sys.executable, "-m", "mpquiz", "--db", db, "--lang", "en", "review"], env)
    try:
        question = terminal.wait_for("Review · 1 of")
        _answer(terminal, question)
        terminal.wait_for("exit code", "did not run")
        if "Compare and rate yourself" in terminal.screen():
            terminal.keys("3")
        terminal.keys("C-q")  # quit from anywhere: the answer is kept
        time.sleep(1.0)
    finally:
        terminal.close()
    assert _reviews(db, env) == 2


def _env(tmp_path: Path) -> dict[str, str]:
    """The environment of mpquiz in the terminal: its own home, a real terminal type."""
    return {
        "MPQUIZ_HOME": str(tmp_path / "home"),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "PYTHONPATH": str(ROOT / "src"),
    }


def _reviews(db: str, env: dict[str, str]) -> int:
    stats = subprocess.run(
        [sys.executable, "-m", "mpquiz", "--db", db, "stats", "--json"],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=60,
        check=True,
    )
    return int(json.loads(stats.stdout)["reviews"])


@pytest.mark.slow
@pytest.mark.parametrize("how", ["SIGTERM", "SIGHUP"])
def test_an_answer_given_survives_sigterm_and_the_terminal_closing(
    tmp_path: Path, how: str
) -> None:
    """Answered, not rated: SIGTERM, or tmux closing the terminal (SIGHUP), still keeps it."""
    terminal = Terminal(_tmux(), tmp_path)
    db = f"sqlite:///{tmp_path / 'x.db'}"
    env = _env(tmp_path)
    terminal.start([sys.executable, "-m", "mpquiz", "--db", db, "--lang", "en", "review"], env)
    try:
        question = terminal.wait_for("Review · 1 of")
        assert "open question" not in question.splitlines()[0]  # the course starts otherwise
        _answer(terminal, question)
        terminal.wait_for("exit code", "did not run")
        pid = int(terminal.run("display-message", "-p", "-t", "mpq", "#{pane_pid}").strip())
        if how == "SIGTERM":
            os.kill(pid, 15)
        else:
            terminal.close()  # the terminal goes away: its processes get SIGHUP
        deadline = time.monotonic() + 15
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _alive(pid)
    finally:
        terminal.close()
    assert _reviews(db, env) == 1


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            return stat.read().rpartition(b")")[2].split()[0] != b"Z"
    except OSError:
        return False
