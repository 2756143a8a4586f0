"""Trust in tests: a services object's installed pack, or packs synced from a folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mpquiz.packs.manifest import run_plans
from mpquiz.packs.places import PackPlaces
from mpquiz.session.demos import DemoLauncher, TrustLocalFiles, TrustPolicy


def trust_installed(svc: Any, pack_id: str) -> None:
    """Trust the pack's files as they are now, as `mpquiz pack trust ID --yes` does."""
    svc.trust.trust(pack_id, svc.launcher.local_manifest(pack_id))


def places_for(*folders: Path) -> PackPlaces:
    """This install's places, with the packs in `folders` found where they are."""
    return PackPlaces.here().with_folders({run_plans(f)[0]: f for f in folders})


def launcher_for(*folders: Path, trust: TrustPolicy | None = None, **options: Any) -> DemoLauncher:
    """A launcher that finds the packs in `folders` where they are and, unless `trust` is
    given, runs whatever their files say."""
    return DemoLauncher(places_for(*folders), trust or TrustLocalFiles(), **options)
