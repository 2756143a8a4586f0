"""Print every command's --help as JSON, in the language MPQUIZ_LANG sets.

Run as a subprocess by tests/cli/test_cli.py: help texts are resolved when mpquiz's
commands are imported, so each language needs a fresh interpreter, but not one per
command.
"""

import json
import sys

from typer.testing import CliRunner

from mpquiz.cli.main import app

if __name__ == "__main__":
    runner = CliRunner()
    found = {}
    for command in json.loads(sys.argv[1]):
        result = runner.invoke(app, [*command, "--help"], terminal_width=100)
        found[" ".join(command)] = [result.exit_code, result.output]
    print(json.dumps(found))
