"""The plain first paint of code (PlainCode) looks exactly as rich's Syntax draws it."""

from __future__ import annotations

import pytest
from rich.console import Console

from mpquiz.tui.widgets.code_view import PlainCode, syntax

SAMPLES = [
    "x = 1",
    "def work(name, items):\n    global counter\n    counter += 1\n",
    "\n\nleading blank lines\n\n\nand inner ones\n\n",
    "\tindented with a tab\n\t\ttwice\n",
    "a line long enough to be wrapped at every width tried here, word after word after"
    " word, and then some more words\nshort",
    "".join(f"line {n}\n" for n in range(1, 120)),  # three-digit numbers
    "print('ñandú, 漢字 and emoji 🎉 take their width')\n",
    "averyveryveryveryveryveryveryveryveryveryveryverylongwordwithoutanyspaceinsideitatall",
]


def _drawn(renderable: object, width: int) -> str:
    console = Console(width=width, record=True, color_system="truecolor", force_terminal=True)
    console.print(renderable)
    return console.export_text(styles=True)


@pytest.mark.parametrize("code", SAMPLES)
@pytest.mark.parametrize("width", [20, 41, 78, 120])
def test_plain_code_is_drawn_as_syntax_draws_text(code: str, width: int) -> None:
    assert _drawn(PlainCode(code), width) == _drawn(syntax(code, "text"), width)


@pytest.mark.parametrize("code", SAMPLES)
def test_plain_code_measures_as_syntax(code: str) -> None:
    console = Console(width=80)
    options = console.options
    plain = PlainCode(code).__rich_measure__(console, options)
    real = syntax(code, "text").__rich_measure__(console, options)
    assert (plain.minimum, plain.maximum) == (real.minimum, real.maximum)
