"""The gettext catalogs as their .po files hold them (read with Babel), for the tests."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
LOCALE = ROOT / "src" / "mpquiz" / "locale"


def maintenance_tool():
    """tools/i18n.py, imported (it is no package)."""
    if str(ROOT / "tools") not in sys.path:
        sys.path.insert(0, str(ROOT / "tools"))
    import i18n

    return i18n


@cache
def po(lang: str) -> Catalog:
    """The catalog of `lang` from its .po file."""
    with (LOCALE / lang / "LC_MESSAGES" / "mpquiz.po").open("rb") as f:
        return read_po(f, locale=lang)


def catalog_keys() -> list[str]:
    """Every message key (the English catalog's ids)."""
    return sorted(m.id if isinstance(m.id, str) else m.id[0] for m in po("en") if m.id)
