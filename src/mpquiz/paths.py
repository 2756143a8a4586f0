"""Where mpquiz finds its bundled pack and demos, and keeps its data and settings."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "mpquiz"


def _bundle_root() -> Path | None:
    # An installed wheel carries data/ and demos/ under mpquiz/_bundled.
    bundled = Path(__file__).resolve().parent / "_bundled"
    return bundled if (bundled / "data" / "pack.toml").is_file() else None


def _checkout_root() -> Path | None:
    # A source checkout (or an editable install) has them at the repository root.
    root = Path(__file__).resolve().parents[2]
    return root if (root / "data" / "pack.toml").is_file() else None


def resource_root() -> Path:
    """The folder holding the built-in pack's data/ and demos/: installed copy first."""
    root = _bundle_root() or _checkout_root()
    if root is None:
        raise FileNotFoundError("the built-in pack (data/pack.toml) is missing from this install")
    return root


def builtin_pack_dir() -> Path:
    """The built-in pack's folder (pack.toml and questions/)."""
    return resource_root() / "data"


def builtin_demos_dir() -> Path:
    """The built-in pack's demos."""
    return resource_root() / "demos"


def pack_demos_dir(pack_dir: Path) -> Path:
    """The demos folder of the pack in `pack_dir`: its own demos/, or, in the built-in
    course's layout (a data/ folder without demos/, with demos/ beside it: the repository
    root, and mpquiz/_bundled in the wheel), the demos/ beside it."""
    own = pack_dir / "demos"
    if own.exists():
        return own
    folder = pack_dir.resolve()
    beside = folder.parent / "demos"
    return beside if folder.name == "data" and beside.is_dir() else own


def data_dir() -> Path:
    """The user data folder (database, backups, added packs); MPQUIZ_HOME overrides it."""
    if home := os.environ.get("MPQUIZ_HOME"):
        return Path(home) / "data"
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def config_dir() -> Path:
    """The user config folder (config.toml); MPQUIZ_HOME overrides it."""
    if home := os.environ.get("MPQUIZ_HOME"):
        return Path(home) / "config"
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)


def default_db_url() -> str:
    """SQLite in the user data folder."""
    return f"sqlite:///{data_dir() / 'mpquiz.db'}"


def config_file() -> Path:
    """The settings file."""
    return config_dir() / "config.toml"
