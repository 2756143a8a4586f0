"""JSON written once: a question's payload is encoded for its content hash, and the same
text is what its row stores, instead of SQLAlchemy encoding the payload a second time."""

from __future__ import annotations

import hashlib
import json
from typing import Any


class JSONText(str):
    """Text that is already JSON; the store's JSON columns keep it as it is."""

    __slots__ = ()

    @classmethod
    def canonical(cls, data: Any) -> JSONText:
        """`data` as canonical JSON: sorted keys, no spaces, text as it is (not escaped)."""
        return cls(json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")))

    def digest(self) -> str:
        """The SHA-256 of this text (store.values.content_hash of the data it encodes)."""
        return hashlib.sha256(self.encode("utf-8")).hexdigest()


def dumps(value: Any) -> str:
    """The engines' JSON serializer: JSONText as written, anything else as SQLAlchemy
    writes it by default (json.dumps)."""
    if type(value) is JSONText:
        return str.__str__(value)
    return json.dumps(value)
