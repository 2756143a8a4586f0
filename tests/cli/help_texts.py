"""Print every command's --help as JSON, in the language MPQUIZ_LANG sets.

Run as a subprocess by tests/cli/test_cli.py: the command line speaks one language per
run (Click's own messages are set for the process), so each language needs a fresh
interpreter, but not one per command.
"""

import json
import sys

from click.testing import CliRunner

from mpquiz.cli.context import set_run_language
from mpquiz.cli.language import cli_language
from mpquiz.cli.main import command

if __name__ == "__main__":
    runner = CliRunner()
    found = {}
    lang = cli_language([])
    set_run_language(lang)
    cli = command(lang)
    for words in json.loads(sys.argv[1]):
        result = runner.invoke(cli, [*words, "--help"], terminal_width=100, prog_name="mpquiz")
        found[" ".join(words)] = [result.exit_code, result.output]
    print(json.dumps(found))
