"""A command mpquiz tells the learner to type names the real pack, file or folder, never a
placeholder word ("mpquiz pack trust ID", "mpquiz pack add RUTA"): the help texts alone
show the syntax, and where the value is not known the message says what to give."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from mpquiz.i18n import LANGUAGES
from mpquiz.packs.scaffold import new_pack
from tests.support.catalogs import po

SRC = Path(__file__).resolve().parents[1] / "src" / "mpquiz"
COMMANDS = "review|exam|stats|config|db|class|pack|demo|exercise"
# A command and then an upper-case word, a PACK:NAME or a <name>, where a value belongs.
PLACEHOLDER = re.compile(
    rf"mpquiz (?:{COMMANDS})(?: [a-z][a-z-]*)* (?:--?[a-z-]+ )*"
    r"(?:[A-ZÑ]{2,}\b|[A-Z]+:[A-Z]+|<[^>]+>)"
)
SYNTAX_ONLY = {"settings.py"}
"""Files whose text shows a command's syntax, as a help text does: the settings file's own
header (`mpquiz config set KEY VALUE`, for any setting)."""


def _messages(lang: str) -> list[tuple[str, str]]:
    out = []
    for message in po(lang):
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        texts = message.string if isinstance(message.string, tuple | list) else [message.string]
        out.extend((key, text) for text in texts)
    return out


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_message_tells_to_type_a_placeholder(lang: str) -> None:
    found = [
        f"{key}: {text}"
        for key, text in _messages(lang)
        if not key.startswith("help.") and PLACEHOLDER.search(text)
    ]
    assert not found, "\n".join(found)


def test_no_hint_in_the_code_tells_to_type_a_placeholder() -> None:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        if str(path.relative_to(SRC)) in SYNTAX_ONLY:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        }
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docstrings
                and PLACEHOLDER.search(node.value)
            ):
                found.append(f"{path.relative_to(SRC)}:{node.lineno}: {node.value}")
    assert not found, "\n".join(found)


def test_a_new_packs_next_steps_name_its_own_id(tmp_path: Path) -> None:
    new_pack(tmp_path / "course", pack_id="my-course")
    readme = (tmp_path / "course" / "README.md").read_text(encoding="utf-8")
    assert "mpquiz pack trust my-course" in readme
    assert "mpquiz pack export my-course" in readme
    assert not PLACEHOLDER.search(readme), readme


def test_a_folder_without_pack_toml_is_told_the_command_for_it(tmp_path: Path) -> None:
    from mpquiz.packs.loader import load_pack
    from mpquiz.packs.problems import PackErrors

    empty = tmp_path / "empty folder"
    empty.mkdir()
    with pytest.raises(PackErrors) as err:
        load_pack(empty)
    assert err.value.problems[0].hint == f"mpquiz pack new '{empty}' writes a pack to start from"
