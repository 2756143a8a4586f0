"""core.collector: the cyclic collector held off for a block, and handed back after."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from mpquiz.core import collector

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"


@pytest.fixture(autouse=True)
def _collector_back() -> Iterator[None]:
    was = gc.isenabled()
    yield
    if was:
        gc.enable()


def test_held_stops_the_collector_in_the_block_and_hands_it_back() -> None:
    gc.enable()
    with collector.held():
        assert not gc.isenabled()
        with collector.held():  # nested: the inner one changes nothing
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_held_hands_it_back_when_the_block_raises() -> None:
    gc.enable()
    with pytest.raises(ValueError), collector.held():
        raise ValueError("a broken pack")
    assert gc.isenabled()


def test_a_collector_already_off_stays_off() -> None:
    gc.disable()
    with collector.held():
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_loading_a_pack_holds_it_and_hands_it_back(monkeypatch: pytest.MonkeyPatch) -> None:
    from mpquiz.packs import loader

    seen: list[bool] = []
    real = loader._Loader.load

    def spy(self: loader._Loader, builtin: bool) -> object:
        seen.append(gc.isenabled())
        return real(self, builtin)

    monkeypatch.setattr(loader._Loader, "load", spy)
    gc.enable()
    pack = loader.load_pack(MINI)
    assert pack.questions
    assert seen == [False]
    assert gc.isenabled()
