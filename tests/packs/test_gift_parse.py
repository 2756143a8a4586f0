"""The GIFT parser on each construct of the format, as Moodle's importer reads it."""

from __future__ import annotations

import pytest

from mpquiz.packs.gift_parse import GiftAnswer, GiftNumber, blocks, parse_gift
from mpquiz.packs.gift_text import html_to_text, plain, protect, split_format


def one(source: str):
    (item,) = parse_gift(source)
    return item


def test_multiple_choice_with_feedback_and_general_feedback() -> None:
    item = one(
        "::Q2:: What's between orange and green?\n"
        "{ =yellow # right; good! ~red # wrong ~blue # wrong ####Colours of the rainbow.}"
    )
    assert (item.kind, item.title, item.text) == (
        "multichoice",
        "Q2",
        "What's between orange and green?",
    )
    assert item.answers == [
        GiftAnswer("yellow", 100.0, "right; good!", True),
        GiftAnswer("red", 0.0, "wrong"),
        GiftAnswer("blue", 0.0, "wrong"),
    ]
    assert item.general_feedback == "Colours of the rainbow."


def test_multiple_right_answers_with_weights() -> None:
    item = one("Pick two {~%50%a ~%50%b ~%-100%c#no ~%33.33333%d}")
    assert [(a.text, a.weight) for a in item.answers] == [
        ("a", 50.0),
        ("b", 50.0),
        ("c", -100.0),
        ("d", 33.33333),
    ]
    assert not any(a.marked_right for a in item.answers)


@pytest.mark.parametrize(
    ("answers", "truth", "wrong", "right"),
    [("T", True, "", ""), ("FALSE", False, "", ""), ("FALSE#no#yes", False, "no", "yes")],
)
def test_true_false(answers: str, truth: bool, wrong: str, right: str) -> None:
    item = one(f"The sun rises in the east.{{{answers}}}")
    assert (item.kind, item.truth, item.wrong_feedback, item.right_feedback) == (
        "truefalse",
        truth,
        wrong,
        right,
    )


def test_short_answer_with_weights() -> None:
    item = one("Who? {=Nazareth#Yes =%75%Nazereth#Misspelled =%0%*#No}")
    assert item.kind == "shortanswer"
    assert [(a.text, a.weight, a.feedback) for a in item.answers] == [
        ("Nazareth", 100.0, "Yes"),
        ("Nazereth", 75.0, "Misspelled"),
        ("*", 0.0, "No"),
    ]


@pytest.mark.parametrize(
    ("answers", "numbers"),
    [
        ("#4", [GiftNumber(4.0)]),
        ("#3:0.5", [GiftNumber(3.0, 0.5)]),
        ("#-2:-0.5", [GiftNumber(-2.0, 0.5)]),
        ("#1..5", [GiftNumber(None, 0.0, 1.0, 5.0)]),
        ("#5..1", [GiftNumber(None, 0.0, 1.0, 5.0)]),
        (
            "#=1822:0#Right =%50%1822:2#Close",
            [
                GiftNumber(1822.0, feedback="Right"),
                GiftNumber(1822.0, 2.0, weight=50.0, feedback="Close"),
            ],
        ),
        ("#\n =%100%4:0#ok\n ~#wrong", [GiftNumber(4.0, feedback="ok")]),
        ("#1e-3", [GiftNumber(0.001)]),
    ],
)
def test_numerical_forms(answers: str, numbers: list[GiftNumber]) -> None:
    item = one(f"How many? {{{answers}}}")
    assert item.kind == "numerical" and item.numbers == numbers


def test_numerical_wrong_feedback_and_bad_numbers() -> None:
    assert one("N? {#4~#Completely wrong}").wrong_feedback == "Completely wrong"
    bad = one("N? {#four}")
    assert bad.kind == "invalid" and "not a number" in bad.reason
    assert one("N? {#nan}").kind == "invalid"
    assert one("N? {#}").kind == "invalid"


@pytest.mark.parametrize(
    ("source", "kind"),
    [
        ("Why? {}", "essay"),
        ("Why? {####Model answer}", "essay"),
        ("Match {=a -> 1 =b -> 2}", "matching"),
        ("Grant is {~buried =entombed} in Grant's tomb.", "missingword"),
        ("Just text, no answers.", "description"),
        ("A cloze {1:MULTICHOICE:=a~b} here", "cloze"),
        ("Open but never closed {=a ~b", "invalid"),
        ("Closed but never opened }", "invalid"),
        ("Only one {~a}", "invalid"),
    ],
)
def test_what_mpquiz_cannot_use_is_still_an_item(source: str, kind: str) -> None:
    assert one(source).kind == kind


def test_answers_before_the_closing_punctuation_are_a_question() -> None:
    item = one("Jesus Christ was from {=Nazareth ~Jerusalem}.")
    assert item.kind == "multichoice" and item.text == "Jesus Christ was from _____."
    assert one("What is pi? {#3.14:0.01}.").text == "What is pi?"


def test_escapes_comments_titles_and_line_breaks() -> None:
    item = one(
        "// a comment line\n"
        "::Colon\\: title::Which is \\{x\\}?\\nSecond line {\n"
        "  ~ \\= 2 + 2 # \\= is escaped\n"
        "  = \\\\ # a backslash\\: right\n"
        "  ~ \\~ and \\#\n"
        "}"
    )
    assert item.title == "Colon: title"
    assert item.text == "Which is {x}?\nSecond line"
    assert [a.text for a in item.answers] == ["= 2 + 2", "\\", "~ and #"]
    assert item.answers[1].feedback == "a backslash: right"


def test_formats_are_stripped_html_made_plain() -> None:
    item = one(
        "::h::[html]<p>What does <code>p.join()</code> do?<br>Think.</p>{\n"
        "  =<p>waits &amp; returns</p>#<p>Yes</p>\n"
        "  ~[plain]<b>kept as is</b>\n"
        "}"
    )
    assert item.text == "What does `p.join()` do?\nThink."
    assert [a.text for a in item.answers] == ["waits & returns", "<b>kept as is</b>"]
    assert item.answers[0].feedback == "Yes"
    md = one("[markdown]Is **this** bold?{T}")
    assert md.text == "Is **this** bold?"
    assert one("Is 3 < 5 and 6 > 4?{T}").text == "Is 3 < 5 and 6 > 4?"


def test_categories_apply_to_the_questions_that_follow() -> None:
    items = parse_gift(
        "// question: 0  name: Switch category to $course$/top/A\n"
        "$CATEGORY: $course$/top/A\n\n"
        "Q1 {T}\n\n"
        "$CATEGORY: $course$/top/A/B\n"
        "Q2 {F}\n"
    )
    assert [(i.text, i.category) for i in items] == [
        ("Q1", "$course$/top/A"),
        ("Q2", "$course$/top/A/B"),
    ]


def test_blocks_and_their_lines() -> None:
    source = "// c\n\nQ1 {T}\n\n\nQ2 {\n=a\n\n~b\n}\n\n::Q3:: {\n=x\n\n::Q4:: y {T}\n"
    assert [(line, len(lines)) for line, lines in blocks(source)] == [
        (3, 1),
        (6, 5),  # a blank line inside the braces stays with its question
        (12, 2),  # an unclosed question does not swallow the next one
        (15, 1),
    ]
    assert [i.line for i in parse_gift(source.replace("\n", "\r\n"))] == [3, 6, 12, 15]


def test_text_helpers() -> None:
    assert protect("a\\:b\\\\n") == "a\ue005b\ue006n"
    assert plain(protect("a\\:b\\\\n"), "plain") == "a:b\\n"
    assert split_format("[HTML] <p>x</p>", "moodle") == ("html", "<p>x</p>")
    assert split_format("[latex]x", "moodle") == ("moodle", "[latex]x")
    assert html_to_text("<ul><li>one</li><li>two</li></ul>") == "- one\n- two"
    assert html_to_text('<a href="http://x/b.mp3">Listen</a>: <img src="a.png" alt="A">') == (
        "Listen (http://x/b.mp3): [image: A]"
    )
