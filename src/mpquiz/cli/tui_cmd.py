"""Opening the Textual app from the command line (Textual is imported only here, on use)."""

from __future__ import annotations

import os
import sys

import typer

from mpquiz import startup
from mpquiz.cli.context import services

WEB_DRIVER = "textual.drivers.web_driver:WebDriver"


def interactive() -> bool:
    """True when both standard input and output are a terminal (the app needs one), or
    when a tab of `mpquiz serve` runs the app through textual-serve's web driver."""
    if os.environ.get("TEXTUAL_DRIVER") == WEB_DRIVER:
        return True
    return sys.stdin.isatty() and sys.stdout.isatty()


def open_app(ctx: typer.Context, *, start: str = "home", **scope: object) -> None:
    """Run the app on this invocation's services, opening on `start` (see build_app)."""
    startup.pause()  # until the app is up (mpquiz.startup)
    from mpquiz.tui.factory import run_app

    run_app(services(ctx), start=start, **scope)
