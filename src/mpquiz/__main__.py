"""`python -m mpquiz`."""

from mpquiz.cli.main import run

run()
