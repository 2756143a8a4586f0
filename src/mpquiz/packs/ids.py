"""Ids made from free text (folder names, Moodle titles and categories)."""

from __future__ import annotations

import re
import unicodedata

from mpquiz.core.errors import BadInput
from mpquiz.i18n import keyed


def slug(text: str, limit: int = 80) -> str:
    """A lowercase id from any text: "Défaut pour X/Locks" -> "defaut-pour-x-locks"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^a-z0-9._-]+", "-", ascii_text.lower()).strip("-._")
    return cleaned[:limit].rstrip("-._")


_PACK_ID = re.compile(r"[a-z0-9][a-z0-9._-]{0,79}")


def check_pack_id(pack_id: str) -> str:
    """`pack_id` when it is a valid pack id.

    Raises:
        BadInput: it is not (lowercase letters, digits, '.', '_', '-'; at most 80).
    """
    if not _PACK_ID.fullmatch(pack_id):
        raise keyed(BadInput, "pack.bad_id", pack=pack_id)
    return pack_id
