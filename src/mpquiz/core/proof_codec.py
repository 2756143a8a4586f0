"""A question's proof as its pack writes it (`proof = { ... }`), kept as written and read
into core.proof's types only when a run is judged, so that loading questions (the app's
first frame decodes one) costs nothing more for it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mpquiz.core.proof import Proof


@dataclass(frozen=True)
class ProofSpec:
    """A proof as data: the pack's table, as canonical JSON (so it compares and hashes)."""

    text: str

    @classmethod
    def of(cls, data: dict[str, Any]) -> ProofSpec:
        """The spec of a proof table (already checked by the pack loader)."""
        return cls(json.dumps(data, sort_keys=True, ensure_ascii=False))

    def to_dict(self) -> dict[str, Any]:
        """The table, as stored."""
        data: dict[str, Any] = json.loads(self.text)
        return data

    @cached_property
    def proof(self) -> Proof:
        """The proof it describes (see core.proof.proof_from_table)."""
        from mpquiz.core.proof import proof_from_table

        return proof_from_table(self.to_dict())


def proof_to_dict(spec: ProofSpec) -> dict[str, Any]:
    """A question's proof as stored in its JSON."""
    return spec.to_dict()


def proof_from_dict(data: dict[str, Any]) -> ProofSpec:
    """The inverse of proof_to_dict."""
    return ProofSpec.of(data)
