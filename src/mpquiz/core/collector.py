"""Making many objects that stay, without the cyclic garbage collector walking them.

Loading a pack of 10,000 questions makes a few million objects (the parsed TOML, the
questions, their stored form) that all live until the load ends. While they are made,
the cyclic collector runs again and again over every one of them: a quarter to a third
of the time of loading or syncing such a pack. held() stops it for the span of such work
and hands it back after; reference counting frees everything else meanwhile, as always.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def held() -> Iterator[None]:
    """No cyclic collection inside the block (nothing changes if it is already off:
    mpquiz.startup's pause, or a caller's own held())."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
