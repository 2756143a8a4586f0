"""Answer keys proved by execution, on the mini pack and on the whole built-in pack."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

from mpquiz import paths
from mpquiz.core.model import ExerciseQuestion, NumericKey
from mpquiz.packs.loader import load_pack
from mpquiz.session.keycheck import check_keys
from tests.cli.test_cli import mpquiz


def test_mini_pack_keys_hold(mini_pack_dir: Path) -> None:
    report = check_keys(load_pack(mini_pack_dir))
    assert report.problems == []
    # the predict question varies, so its demo ran several times
    assert report.runs == 1 + 3


def test_a_wrong_key_is_caught(mini_pack_dir: Path) -> None:
    pack = load_pack(mini_pack_dir)
    numeric = dataclasses.replace(pack.questions[1], answer=NumericKey(value=4))
    predict = dataclasses.replace(pack.questions[2], expected="child 0\njoined 2")
    report = check_keys(dataclasses.replace(pack, questions=(numeric, predict)))
    messages = {p.question.qid: p.message for p in report.problems}
    assert "measured 3" in messages["basics.exitcode-number"]
    assert "does not fit `expected`" in messages["basics.children"]


def test_validate_run_exit_codes(mini_pack_dir: Path, tmp_path: Path) -> None:
    assert mpquiz("pack", "validate", str(mini_pack_dir), "--run", "--yes").returncode == 0
    broken = tmp_path / "p"
    shutil.copytree(mini_pack_dir, broken)
    toml = broken / "questions" / "basics.toml"
    toml.write_text(toml.read_text().replace("answer = 3", "answer = 5"))
    result = mpquiz("pack", "validate", str(broken), "--run", "--yes")
    assert result.returncode == 1 and "basics.exitcode-number" in result.stderr


def test_every_builtin_key_is_confirmed_by_its_demo() -> None:
    pack = load_pack(paths.builtin_pack_dir(), demos_dir=paths.builtin_demos_dir())
    # One run of each demo proves each key here (22 s instead of 63 s of the suite's five
    # minutes); `pack validate --run`, which CI runs under every other CPython found,
    # repeats a demo whose output varies (VARYING_RUNS) and wants the key in each run.
    report = check_keys(pack, runs_when_varying=1)
    assert [str(p) for p in report.problems] == []
    asked = [q for q in pack.questions if not isinstance(q, ExerciseQuestion)]
    # exercises are proved by their own checks (tests/demos/test_exercises.py)
    assert report.questions == len(asked) and report.runs >= len({q.demo for q in asked})
