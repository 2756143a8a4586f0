"""The trust state of an installed pack, as the packs screen and the demo browser show it.

The same rule as `mpquiz pack list`: the built-in pack is always trusted; another pack is
trusted when this machine trusts exactly its current demo files, "changed" when it trusted
other versions of them, and untrusted otherwise.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mpquiz.packs.trust import demo_hashes

if TYPE_CHECKING:
    from mpquiz.services import PackInfo, Services

BUILTIN, TRUSTED, UNTRUSTED, CHANGED = "builtin", "trusted", "untrusted", "changed"


def trust_state(services: Services, pack: PackInfo) -> str:
    """One of BUILTIN, TRUSTED, UNTRUSTED or CHANGED."""
    if pack.builtin:
        return BUILTIN
    trusted = services.trust.trusted(pack.id)
    if not trusted:
        return UNTRUSTED
    return TRUSTED if trusted == demo_hashes(services.demos_dir_for(pack)) else CHANGED


def demo_blocked(services: Services, pack: PackInfo, demo: str) -> str | None:
    """None when the pack's demo file may run here, else why not (a message key)."""
    if pack.builtin:
        return None
    return services.trust.check(pack.id, services.demos_dir_for(pack), demo)
