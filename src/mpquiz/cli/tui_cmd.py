"""Opening the Textual app from the command line (Textual is imported only here, on use)."""

from __future__ import annotations

import sys

import typer

from mpquiz import startup
from mpquiz.cli.context import services


def interactive() -> bool:
    """True when both standard input and output are a terminal (the app needs one)."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def open_app(ctx: typer.Context, *, start: str = "home", **scope: object) -> None:
    """Run the app on this invocation's services, opening on `start` (see build_app)."""
    startup.pause()  # until the app is up (mpquiz.startup)
    from mpquiz.tui.factory import run_app

    run_app(services(ctx), start=start, **scope)
