"""Malformed packs never raise a traceback, always name a problem, and change nothing.

Generated packs start from the valid mini pack and break it: wrong types, missing and
unknown fields, huge strings, NUL bytes, odd ids, deep nesting, broken TOML, bad UTF-8.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from mpquiz.cli.main import app
from mpquiz.packs import toml_write
from mpquiz.packs.loader import load_pack
from mpquiz.packs.problems import PackErrors
from mpquiz.session.pack_install import add_pack
from mpquiz.store.engine import open_engine
from mpquiz.store.repository import Store
from tests.conftest import FIXTURES, T0
from tests.packs.helpers import snapshot

MINI = FIXTURES / "mini"
FUZZ = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

scalars = st.one_of(
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
    st.sampled_from(["", "\x00", "a\x00b.py", "../x.py", "é" * 3000, "x" * 200_000]),
    st.sampled_from(["choice", "numeric", "predict", "open", "essay", "Choice"]),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=12,
)


def _deep(depth: int) -> Any:
    value: Any = "x"
    for _ in range(depth):
        value = [value]
    return value


def _mini_data() -> tuple[dict[str, Any], list[dict[str, Any]]]:
    meta = tomllib.loads((MINI / "pack.toml").read_text(encoding="utf-8"))
    questions = tomllib.loads((MINI / "questions" / "basics.toml").read_text(encoding="utf-8"))
    return meta, questions["question"]


@st.composite
def broken_tables(draw: st.DrawFn) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The mini pack's data with a few random fields replaced, removed or added."""
    meta, questions = _mini_data()
    meta["pack"]["version"] = "9.0.0"  # so a valid result would be a real update
    for _ in range(draw(st.integers(1, 4))):
        target = draw(st.sampled_from(["pack", "topics", *range(len(questions))]))
        table = questions[target] if isinstance(target, int) else meta[target]
        action = draw(st.sampled_from(["replace", "remove", "add", "deep"])) if table else "add"
        name = draw(st.sampled_from(sorted(table))) if table else ""
        if action == "replace":
            table[name] = draw(values)
        elif action == "remove":
            del table[name]
        elif action == "add":
            table[draw(st.text(min_size=1, max_size=15))] = draw(values)
        else:
            table[name] = _deep(draw(st.integers(50, 120)))
    return meta, questions


def _write_pack(root: Path, meta: dict[str, Any], questions: list[dict[str, Any]]) -> None:
    (root / "questions").mkdir(parents=True)
    shutil.copytree(MINI / "demos", root / "demos")
    meta_text = "".join(
        f"[{name}]\n{toml_write.table(body)}\n" if isinstance(body, dict) else ""
        for name, body in meta.items()
    )
    (root / "pack.toml").write_text(meta_text, encoding="utf-8")
    (root / "questions" / "basics.toml").write_text(
        toml_write.question_file(
            [{k: v for k, v in q.items() if v is not None} for q in questions]
        ),
        encoding="utf-8",
    )


@contextmanager
def _scratch() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="mpquiz-fuzz-") as tmp:
        yield Path(tmp) / "pack"


def _assert_clear(problems: list[Any]) -> None:
    assert problems
    for problem in problems:
        shown = str(problem)
        assert "\n" not in shown and len(shown) < 1500
        assert problem.message.strip() and problem.file


def _load_outcome(root: Path) -> list[Any] | None:
    """The problems of the pack at `root`, or None when it happens to be valid."""
    try:
        load_pack(root)
    except PackErrors as exc:
        return exc.problems
    return None


@FUZZ
@given(broken_tables())
def test_broken_fields_give_clear_problems(
    data: tuple[dict[str, Any], list[dict[str, Any]]],
) -> None:
    with _scratch() as root:
        _write_pack(root, *data)
        problems = _load_outcome(root)
        if problems is not None:
            _assert_clear(problems)


raw_texts = st.one_of(
    st.binary(max_size=300),
    st.text(max_size=300).map(lambda s: s.encode("utf-8", "surrogatepass")),
    st.sampled_from(
        [
            b"a = " + b"[" * 2000 + b"]" * 2000,
            b"a = " + b"{b = " * 600 + b"1" + b"}" * 600,
            b'[pack]\nid = "x\x00"\n',
            b"\xff\xfe[pack]",
            b"[[question]]\nid = 'x'\n[[question]]\n[[question]]\nkind = 3\n",
            b"question = 5\n",
            b"question = [1, 'a', {}]\n",
            b"[pack\n",
            b"x" * (5 * 1024 * 1024),
        ]
    ),
)


@FUZZ
@given(raw_texts, st.sampled_from(["pack.toml", "questions/basics.toml"]), st.data())
def test_broken_files_give_clear_problems(raw: bytes, which: str, data: st.DataObject) -> None:
    with _scratch() as root:
        shutil.copytree(MINI, root)
        original = (root / which).read_bytes()
        cut = data.draw(st.integers(0, len(original)))
        # Either the random bytes alone, or spliced into the real file (broken TOML).
        blob = data.draw(st.sampled_from([raw, original[:cut] + raw + original[cut:]]))
        (root / which).write_bytes(blob)
        problems = _load_outcome(root)
        if problems is not None:
            _assert_clear(problems)


@FUZZ
@given(st.text(min_size=1, max_size=60))
def test_odd_question_ids_are_named_not_crashed_on(qid: str) -> None:
    meta, questions = _mini_data()
    questions[0]["id"] = qid
    questions[1]["id"] = qid  # a duplicate too, when it is valid
    with _scratch() as root:
        _write_pack(root, meta, questions)
        problems = _load_outcome(root)
        assert problems is not None  # two questions share the id, valid or not
        _assert_clear(problems)


@pytest.fixture
def installed(tmp_path: Path) -> Iterator[tuple[Store, Path]]:
    store = Store(open_engine(f"sqlite:///{tmp_path / 'fuzz.db'}"))
    packs_root = tmp_path / "packs"
    add_pack(MINI, store, packs_root, T0)
    yield store, packs_root
    store.close()


@FUZZ
@given(broken_tables())
def test_a_malformed_pack_leaves_database_and_files_unchanged(
    installed: tuple[Store, Path], data: tuple[dict[str, Any], list[dict[str, Any]]]
) -> None:
    store, packs_root = installed
    before = snapshot(store, packs_root)
    with _scratch() as root:
        _write_pack(root, *data)
        assume(_load_outcome(root) is not None)
        with pytest.raises(PackErrors) as err:
            add_pack(root, store, packs_root, T0)
        _assert_clear(err.value.problems)
    assert snapshot(store, packs_root) == before


@settings(FUZZ, max_examples=30)
@given(broken_tables())
def test_the_cli_exits_2_with_one_problem_per_line(
    data: tuple[dict[str, Any], list[dict[str, Any]]],
) -> None:
    with _scratch() as root:
        _write_pack(root, *data)
        problems = _load_outcome(root)
        assume(problems is not None)
        result = CliRunner(env={**os.environ}).invoke(app, ["pack", "validate", str(root)])
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == len(problems) + 1  # one per problem, then the count
    assert "Traceback" not in result.stderr and result.stdout == ""
