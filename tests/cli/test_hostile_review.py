"""Hostile demos dropped into a fresh pack and answered through `review --plain`.

Each one ends within its timeout plus 2 s, leaves no process behind, has its output
capped, gives the learner a clear message, and the session goes on to the next question.
"""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest

from tests.cli.test_cli import mpquiz
from tests.runner.runner_support import HOSTILE, pid_gone

TIMEOUT = 2
HOSTILES = [
    ("endless_loop.py", ("timed out",)),
    ("stubborn_children.py", ("timed out",)),
    ("print_100mb.py", ("output truncated",)),
    ("read_stdin.py", ("EOFError",)),
    ("raise_error.py", ("exited with code 1",)),
    # on a loaded machine the clock may run out before the memory limit is reached
    ("memory_hog.py", ("MemoryError", "timed out")),
]


def _write_pack(root: Path) -> None:
    (root / "questions").mkdir(parents=True)
    shutil.copytree(HOSTILE, root / "demos")
    (root / "pack.toml").write_text(
        '[pack]\nid = "hostile"\nversion = "1.0.0"\ntitle = "Hostile"\n'
        'languages = ["en"]\n\n[topics]\nbad = "Bad demos"\n'
    )
    tables = []
    for i, (demo, _) in enumerate(HOSTILES):
        tables.append(
            f'[[question]]\nid = "bad.q{i}"\ntopic = "bad"\nkind = "choice"\n'
            f'prompt = "Does {demo} behave?"\ndemo = "{demo}"\ntimeout = {TIMEOUT}\n'
            'explain = "It does not."\n'
            'options = [ { text = "no", correct = true }, { text = "yes" } ]\n'
        )
    (root / "questions" / "bad.toml").write_text("\n".join(tables))


@pytest.mark.slow
def test_hostile_demos_in_a_review_end_cleanly(tmp_path: Path) -> None:
    pack = tmp_path / "hostile"
    _write_pack(pack)
    env = {"MPQUIZ_HOME": str(tmp_path / "home")}
    db = f"sqlite:///{tmp_path / 'h.db'}"
    assert mpquiz("--db", db, "pack", "add", str(pack), env=env).returncode == 0
    assert mpquiz("--db", db, "pack", "trust", "hostile", "--yes", env=env).returncode == 0

    started = time.monotonic()
    result = mpquiz(
        "--db",
        db,
        "--lang",
        "en",
        "review",
        "--plain",
        "--pack",
        "hostile",
        stdin="1\n" * len(HOSTILES),
        env=env,
        timeout=120,
    )
    elapsed = time.monotonic() - started
    assert result.returncode == 0, result.stderr[-2000:]
    out = result.stdout
    assert f"Answered {len(HOSTILES)}, right {len(HOSTILES)}." in out
    assert elapsed < len(HOSTILES) * (TIMEOUT + 2) + 10
    sections = out.split("── demo: ")[1:]
    assert len(sections) == len(HOSTILES)
    for (demo, messages), section in zip(HOSTILES, sections, strict=True):
        assert section.startswith(demo), section[:80]
        assert any(m in section for m in messages), (demo, section[-500:])
    assert len(out) < 2 * 256 * 1024 + 100_000  # 100 MB of output was capped
    pids = [int(p) for p in re.findall(r"\bpid (\d+)", out)]
    assert pids, "the stubborn demo printed its pids"
    assert all(pid_gone(pid) for pid in pids), "a demo process survived"
