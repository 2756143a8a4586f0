"""`pack new`: a new pack folder from the template, valid and passing `validate --run`.

The template (packs/template/) is itself a valid pack with id "example-pack"; a new pack
is a copy with its own id and title, so what the tests check is exactly what is written.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from mpquiz.core.errors import BadInput
from mpquiz.i18n import keyed
from mpquiz.packs.ids import check_pack_id, slug

TEMPLATE = Path(__file__).resolve().parent / "template"
TEMPLATE_ID = "example-pack"
_TEMPLATE_TITLE = 'title = { es = "Mi paquete", en = "My pack" }'


def pack_id_from(name: str) -> str:
    """A valid pack id made from a folder name: "Mi Ñandú!" -> "mi-nandu"."""
    return slug(name)


def _toml_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + re.sub(r"[\x00-\x1f\x7f]", lambda m: f"\\u{ord(m.group()):04x}", escaped) + '"'


def new_pack(target: Path, *, pack_id: str | None = None, title: str | None = None) -> str:
    """Write a new pack into `target` (absent or empty); return its id.

    Raises:
        BadInput: `target` is a non-empty folder or a file, or the id is not valid.
    """
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise keyed(BadInput, "pack.target_not_empty", path=target)
    chosen = check_pack_id(pack_id or pack_id_from(target.resolve().name))
    shown = title or target.resolve().name
    shutil.copytree(
        TEMPLATE,
        target,
        dirs_exist_ok=True,
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
    )
    meta = target / "pack.toml"
    text = meta.read_text(encoding="utf-8")
    text = text.replace(f'id = "{TEMPLATE_ID}"', f'id = "{chosen}"', 1)
    text = text.replace(
        _TEMPLATE_TITLE, f"title = {{ es = {_toml_string(shown)}, en = {_toml_string(shown)} }}", 1
    )
    meta.write_text(text, encoding="utf-8")
    readme = target / "README.md"
    heading = readme.read_text(encoding="utf-8").replace("# My pack", f"# {shown}", 1)
    # Its next steps name the pack by its own id (the template's commands name its own).
    readme.write_text(heading.replace(TEMPLATE_ID, chosen), encoding="utf-8")
    return chosen
