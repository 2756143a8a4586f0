"""What the tests of `mpquiz serve` share: the server's environment, its pages, the
processes it started, the reviews it stored, and a pack whose demo outlives a tab."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.conftest import ROOT
from tests.support.serve_client import ServeProcess, processes_with


def env(tmp_path: Path) -> dict[str, str]:
    """The server's environment: its own home and temporary folder (the marker the tests
    find its processes by: every app and demo process it starts holds this path)."""
    (tmp_path / "tmp").mkdir(exist_ok=True)
    return {
        **os.environ,
        "MPQUIZ_HOME": str(tmp_path / "home"),
        "TMPDIR": str(tmp_path / "tmp"),
        "PYTHONPATH": str(ROOT / "src"),
        "LANG": "C.UTF-8",
    }


def base(server: ServeProcess) -> str:
    return f"http://127.0.0.1:{server.port}"


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def reviews(tmp_path: Path, db: str, learner: str) -> int:
    out = subprocess.run(
        [sys.executable, "-m", "mpquiz", "--db", db, "--learner", learner, "stats", "--json"],
        capture_output=True,
        text=True,
        env=env(tmp_path),
        timeout=60,
        check=True,
    )
    return int(json.loads(out.stdout)["reviews"])


def left(tmp_path: Path, server: ServeProcess, timeout: float = 10.0) -> list[int]:
    """The processes the server started that are still alive after `timeout` at most."""
    deadline = time.monotonic() + timeout
    while True:
        left = [
            pid for pid in processes_with(f"TMPDIR={tmp_path / 'tmp'}") if pid != server.process.pid
        ]
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.2)


def add_slow_pack(tmp_path: Path, db: str) -> None:
    """The mini pack, trusted, its `children.py` made to sleep: a demo that outlives a tab."""
    pack = tmp_path / "slow"
    shutil.copytree(ROOT / "tests" / "fixtures" / "mini", pack)
    (pack / "demos" / "children.py").write_text(
        '"""Two children that sleep far longer than anyone waits."""\n\n'
        "import time\nfrom multiprocessing import Process\n\n\n"
        "def child(n: int) -> None:\n"
        '    print(f"child {n} sleeping", flush=True)\n'
        "    time.sleep(120)\n\n\n"
        "# region: main\n"
        'if __name__ == "__main__":\n'
        "    procs = [Process(target=child, args=(i,)) for i in range(2)]\n"
        "    for p in procs:\n        p.start()\n"
        "    for p in procs:\n        p.join()\n"
        "# endregion\n"
    )
    toml = pack / "pack.toml"
    toml.write_text(toml.read_text().replace("demo_timeout = 5", "demo_timeout = 60"))
    for args in (["pack", "add", str(pack)], ["pack", "trust", "mini", "--yes"]):
        subprocess.run(
            [sys.executable, "-m", "mpquiz", "--db", db, "--lang", "en", *args],
            capture_output=True,
            text=True,
            env=env(tmp_path),
            timeout=60,
            check=True,
        )
