"""Layers point one way: the headless modules never load a UI, the core never loads SQL."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import mpquiz

UI_PACKAGES = ("mpquiz.cli", "mpquiz.tui", "mpquiz.render", "mpquiz.web", "mpquiz.__main__")


def _loaded_after_importing(modules: list[str]) -> set[str]:
    code = (
        "import importlib, json, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "print(json.dumps(sorted({n.split('.')[0] for n in sys.modules})))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(json.loads(out.stdout))


def _modules(prefix: str = "mpquiz.") -> list[str]:
    return [m.name for m in pkgutil.walk_packages(mpquiz.__path__, prefix)]


def test_headless_modules_never_import_a_ui() -> None:
    headless = [m for m in _modules() if not m.startswith(UI_PACKAGES)]
    assert "mpquiz.session.review" in headless and "mpquiz.store.repository" in headless
    loaded = _loaded_after_importing(headless)
    assert not loaded & {"textual", "typer", "rich", "click"}


def test_core_imports_no_sql_and_no_ui() -> None:
    core = [m for m in _modules() if m.startswith("mpquiz.core")]
    loaded = _loaded_after_importing(core)
    assert not loaded & {"sqlmodel", "sqlalchemy", "textual", "rich", "typer"}


def test_help_does_not_load_textual_or_sqlmodel() -> None:
    code = (
        "import sys\nsys.argv = ['mpquiz', '--help']\n"
        "from mpquiz.cli.main import app\n"
        "try:\n    app()\nexcept SystemExit:\n    pass\n"
        "print('LOADED', sorted({n.split('.')[0] for n in sys.modules} & "
        "{'textual', 'sqlmodel', 'sqlalchemy'}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "LOADED []" in out.stdout


def test_the_first_screen_needs_no_sql_library() -> None:
    """The app paints its first screen, and builds the sitting that answers its first
    question, before SQLAlchemy, SQLModel or pydantic load (about half a second of
    imports): the modules on that path must not pull them in."""
    launch = [
        "mpquiz.services",
        "mpquiz.settings",
        "mpquiz.store.first_look",
        "mpquiz.session.first_look",
        "mpquiz.session.review",
        "mpquiz.session.pending",
        "mpquiz.tui.factory",
        "mpquiz.tui.screens.home",
        "mpquiz.tui.screens.review",
    ]
    loaded = _loaded_after_importing(launch)
    assert "textual" in loaded
    assert not loaded & {"sqlalchemy", "sqlmodel", "pydantic", "psycopg"}
