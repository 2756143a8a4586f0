"""Every answer the learner was told about is stored, however the plain review ends.

Real `mpquiz review --plain` processes on a small trusted pack, driven through pipes:
killed right after "Rated" appears, interrupted (SIGINT, SIGTERM, SIGHUP) or given the
end of input at the rating prompt and while the demo still streams. The database is read
afterwards, by another connection, as the next start would see it.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mpquiz.cli.plain_review import PlainReview
from mpquiz.core.errors import StoreError
from mpquiz.render.verdicts import text_console
from tests.cli.test_pack_cli import cli
from tests.conftest import FIXTURES, ROOT

pytestmark = pytest.mark.slow


def _pack_with_slow_demo(tmp_path: Path) -> Path:
    """The mini pack, whose predict question's demo keeps printing for 4 s after its
    answer lines (for stops while the demo streams)."""
    import shutil

    pack = tmp_path / "pack"
    shutil.copytree(FIXTURES / "mini", pack)
    demos = pack / "demos"
    (demos / "slow_children.py").write_text(
        (demos / "children.py")
        .read_text()
        .replace(
            'print(f"joined {count}")',
            'print(f"joined {count}", flush=True)\n'
            "    import time\n"
            "    for _ in range(40):\n"
            '        print("still going", flush=True)\n'
            "        time.sleep(0.1)",
        )
    )
    questions = pack / "questions" / "basics.toml"
    questions.write_text(
        questions.read_text().replace(
            'demo = "children.py"\ncode = "main"', 'demo = "slow_children.py"\ncode = "main"'
        )
    )
    return pack


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A database with the mini pack added and trusted."""
    path = tmp_path / "x.db"
    for args in (  # in this process: a second saved for each test
        ["pack", "add", str(_pack_with_slow_demo(tmp_path))],
        ["pack", "trust", "mini", "--yes"],
    ):
        done = cli(*args, db=path)
        assert done.exit_code == 0, done.output
    return path


def _reviews(db: Path) -> list[tuple[int, int]]:
    """(rating, correct) of every review stored."""
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT rating, correct FROM review ORDER BY id").fetchall()


class Plain:
    """A `mpquiz review --plain` process, read as it prints."""

    def __init__(self, db: Path, *args: str) -> None:
        self.proc = subprocess.Popen(
            [
                *(sys.executable, "-m", "mpquiz", "--db", f"sqlite:///{db}", "--lang", "en"),
                *("review", "--plain", "--pack", "mini", *args),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=ROOT,
            env={**os.environ, "COLUMNS": "100"},
        )
        self.out = b""
        assert self.proc.stdout is not None
        os.set_blocking(self.proc.stdout.fileno(), False)

    def send(self, text: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(text.encode())
        self.proc.stdin.flush()

    def wait_for(self, text: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        assert self.proc.stdout is not None
        while text.encode() not in self.out:
            if time.monotonic() > deadline or self.proc.poll() is not None:
                self._read()
                if text.encode() in self.out:
                    return
                raise AssertionError(f"{text!r} never came; output so far:\n{self.text}")
            self._read()
            time.sleep(0.01)

    def _read(self) -> None:
        assert self.proc.stdout is not None
        try:
            chunk = os.read(self.proc.stdout.fileno(), 65536)
        except BlockingIOError:
            return
        self.out += chunk

    def finish(self, timeout: float = 30) -> int:
        code = self.proc.wait(timeout)
        self._read()
        assert self.proc.stderr is not None
        self.err = self.proc.stderr.read().decode()
        return code

    @property
    def text(self) -> str:
        return self.out.decode(errors="replace")


def test_rated_is_printed_only_once_the_review_is_stored(db: Path) -> None:
    """SIGKILL the moment "Rated" appears: the review it announced is in the database."""
    plain = Plain(db, "--rate", "auto", "--new", "1")
    plain.send("1\n")
    plain.wait_for("Rated Good")
    plain.proc.kill()
    plain.finish()
    assert _reviews(db) == [(3, 1)]


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP])
def test_a_signal_at_the_rating_prompt_keeps_the_answer(db: Path, signum: int) -> None:
    plain = Plain(db, "--rate", "ask", "--new", "1")
    plain.send("1\n")
    plain.wait_for("Rating (Enter = Good")
    plain.proc.send_signal(signum)
    code = plain.finish()
    assert code == 130, (plain.text, plain.err)
    assert _reviews(db) == [(3, 1)]
    if signum != signal.SIGHUP:  # after a hang-up nothing may be left to read it
        assert "Your answer was saved with its suggested rating, Good" in plain.text
    assert "Traceback" not in plain.err


def test_the_end_of_input_at_the_rating_prompt_keeps_the_answer_and_says_so(db: Path) -> None:
    plain = Plain(db, "--rate", "ask", "--new", "1")
    plain.send("1\n")
    plain.wait_for("Rating (Enter = Good")
    assert plain.proc.stdin is not None
    plain.proc.stdin.close()
    assert plain.finish() == 0
    assert "Your answer was saved with its suggested rating, Good" in plain.text
    assert _reviews(db) == [(3, 1)]


def test_ctrl_c_while_the_demo_streams_keeps_the_answer(db: Path) -> None:
    plain = Plain(db, "--rate", "ask", "--new", "5")
    plain.send("1\n\n3\n\n")  # the choice and numeric questions, each rated Good
    plain.send("child 0\nchild 1\njoined 2\n\n")  # the predict one: its demo goes on 4 s
    plain.wait_for("still going")
    plain.proc.send_signal(signal.SIGINT)
    assert plain.finish(timeout=20) == 130
    assert len(_reviews(db)) == 3
    assert "saved with its suggested rating" in plain.text


def test_an_open_question_left_unrated_is_not_stored_and_the_learner_is_told(db: Path) -> None:
    plain = Plain(db, "--rate", "ask", "--new", "5")
    plain.send("1\n\n3\n\n")  # choice and numeric, each rated Good
    plain.send("child 0\nchild 1\njoined 2\n\n\n")  # predict: rated Good once it ends
    plain.wait_for("Why is join() needed?")
    plain.send("Because it waits.\n\n")
    plain.wait_for("Rate yourself")
    plain.proc.send_signal(signal.SIGTERM)
    assert plain.finish() == 130
    assert "this open question was not saved" in plain.text
    assert len(_reviews(db)) == 3


class _FailingStore:
    """A store whose commit fails as a full disk makes SQLite fail."""

    def __init__(self, store: object) -> None:
        self._store = store

    def __getattr__(self, name: str) -> object:
        return getattr(self._store, name)

    def record_review(self, record: object) -> int:
        raise StoreError("x.db: the disk is full: nothing was saved by this step")


def test_a_failed_commit_says_the_answer_was_not_saved(db: Path) -> None:
    import io

    from mpquiz.services import Services

    svc = Services(db_url=f"sqlite:///{db}", lang_option="en", learner="ana")
    svc.open()
    try:
        session = svc.review_session(pack_id="mini", new_per_day=1)
        session.store = _FailingStore(session.store)  # type: ignore[assignment]
        out = io.StringIO()
        review = PlainReview(
            session,
            "en",
            ask_rating=False,
            stdin=io.StringIO("1\n"),
            console=text_console(file=out, width=100),
        )
        with pytest.raises(StoreError, match=r"your last answer was NOT saved: x\.db: the disk"):
            review.run()
        assert "Rated" not in out.getvalue()
        assert _reviews(db) == []
    finally:
        svc.close()
