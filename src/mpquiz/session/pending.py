"""The repository as a sitting begun on the first look sees it while it loads.

The app paints the first question from a read-only look and builds the sitting right
after (Services.early_review_session), while the repository loads in the background.
The sitting writes only once the learner has answered and rated, seconds later; these
handles wait for the repository at that point, and read the packs' facts on first use.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mpquiz.session.review_state import Ledger
    from mpquiz.store.values import PackInfo, ReviewRecord


class PendingLedger:
    """Writes through the repository `opened()` returns: it waits for it to be open (the
    app's loading thread runs that while the learner reads, so in practice nothing
    waits)."""

    def __init__(self, opened: Callable[[], Ledger]) -> None:
        self._opened = opened

    def record_review(self, record: ReviewRecord) -> int:
        """Store one answer (see Store.record_review), once the repository is open."""
        return self._opened().record_review(record)

    def undo_review(self, review_id: int) -> bool:
        """Take back a review (see Store.undo_review), once the repository is open."""
        return self._opened().undo_review(review_id)


class StoredPacks(Mapping[str, "PackInfo"]):
    """The installed packs by id, read with `read` on first use."""

    def __init__(self, read: Callable[[], Iterable[PackInfo]]) -> None:
        self._read_packs = read
        self._packs: dict[str, PackInfo] | None = None

    def _read(self) -> dict[str, PackInfo]:
        if self._packs is None:
            self._packs = {p.id: p for p in self._read_packs()}
        return self._packs

    def __getitem__(self, pack_id: str) -> PackInfo:
        return self._read()[pack_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._read())

    def __len__(self) -> int:
        return len(self._read())
