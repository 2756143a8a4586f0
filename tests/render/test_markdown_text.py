"""A pack's inline Markdown in the app: code, strong and emphasis styled, nothing else read."""

from __future__ import annotations

from rich.console import Console

from mpquiz.render.markdown_text import CODE_STYLE, pack_text
from mpquiz.tui.widgets.candidate_answer import Barred


def _styled(text: str) -> list[tuple[str, str]]:
    rendered = pack_text(text)
    return [(rendered.plain[s.start : s.end], str(s.style)) for s in rendered.spans]


def test_backticks_strong_and_emphasis_become_styles() -> None:
    text = "Call `p.join()` **before** reading *x*."
    assert pack_text(text).plain == "Call p.join() before reading x."
    assert _styled(text) == [("p.join()", CODE_STYLE), ("before", "bold"), ("x", "italic")]


def test_python_names_links_and_html_stay_as_written() -> None:
    for text in (
        'Quitas el if __name__ == "__main__": de mp_worker.py',
        "storing 2**31 in a Value('i')",
        "[a link](http://example.org) and <b>html</b>",
        "a backslash \\` and an unclosed `tick",
    ):
        assert pack_text(text).plain.replace("\\`", "`") == text.replace("\\`", "`")
        assert _styled(text) == []


def test_lines_and_their_leading_spaces_are_kept() -> None:
    text = "first `a`\n    indented `b`\nlast"
    assert pack_text(text).plain == "first a\n    indented b\nlast"


def test_a_long_candidate_line_wraps_behind_its_bar_instead_of_being_cut() -> None:
    line = "pid=12345 is the child: True and pid=678 is the parent: False"
    console = Console(width=40, record=True)
    console.print(Barred(["short", line]))
    shown = console.export_text().splitlines()
    assert all(row.startswith("    │ ") for row in shown) and len(shown) == 3
    assert " ".join(row[6:].strip() for row in shown[1:]) == line
