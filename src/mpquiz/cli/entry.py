"""The `mpquiz` console script: pauses cyclic collection before anything is imported
(mpquiz.startup), then runs the command line."""

from __future__ import annotations


def run() -> None:
    """Console-script entry (see mpquiz.cli.main.run)."""
    from mpquiz import startup

    startup.pause()
    from mpquiz.cli.main import run as run_command

    run_command()
