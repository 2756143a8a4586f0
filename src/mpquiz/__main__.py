"""`python -m mpquiz`."""

from mpquiz.cli.entry import run

run()
