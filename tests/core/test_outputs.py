"""Match rules for predicted outputs."""

from mpquiz.core.model import MatchRule
from mpquiz.core.outputs import matches, normalize


def test_normalize_strips_trailing_spaces_and_blank_ends() -> None:
    assert normalize("\n\na  \nb\n\n") == ["a", "b"]


def test_exact_needs_same_order() -> None:
    assert matches(MatchRule.EXACT, "a\nb", "a\nb\n")
    assert not matches(MatchRule.EXACT, "a\nb", "b\na")


def test_lines_accepts_any_order_but_same_multiset() -> None:
    assert matches(MatchRule.LINES, "a\nb\nb", "b\na\nb")
    assert not matches(MatchRule.LINES, "a\nb\nb", "a\nb")


def test_pattern_placeholders() -> None:
    expected = "parent {pid}\nchild of {pid}\ntime {float} s\nname {word}\n{any}"
    assert matches(
        MatchRule.PATTERN,
        expected,
        "parent 41\nchild of 41\ntime 0.25 s\nname Process-1\nwhatever here",
    )
    # the learner may type the placeholders themselves
    assert matches(MatchRule.PATTERN, expected, expected)
    assert not matches(MatchRule.PATTERN, expected, "parent x\nchild of 41\ntime 1 s\nname a\nz")
    assert not matches(MatchRule.PATTERN, "value {int}", "value 3 extra")


def test_pattern_escapes_regex_characters() -> None:
    assert matches(MatchRule.PATTERN, "a.b (c) [{int}]", "a.b (c) [7]")
    assert not matches(MatchRule.PATTERN, "a.b", "axb")
