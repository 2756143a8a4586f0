"""Verdicts for each kind of question, with and without a demo run."""

from pathlib import Path

import pytest

from mpquiz.core.errors import AnswerError
from mpquiz.core.grading import RunFacts, grade, parse_answer
from mpquiz.core.model import Kind, MatchRule, NumericKey, Option, Question, Text
from mpquiz.core.proof import NO_RUN, NOT_SHOWN, SHOWN
from mpquiz.packs.loader import load_pack
from tests.support.questions import make_question


@pytest.fixture
def mini(mini_pack_dir: Path) -> dict[str, Question]:
    return {q.qid: q for q in load_pack(mini_pack_dir).questions}


def _q(kind: Kind = Kind.PREDICT, **kw: object) -> Question:
    return make_question(kind, **kw)


def test_choice_right_wrong_and_feedback(mini: dict[str, Question]) -> None:
    q = mini["basics.exitcode"]
    run = RunFacts("exitcode: 3", ok=True)
    assert grade(q, parse_answer(q, "1"), run, "en").correct is True
    wrong = grade(q, parse_answer(q, "2"), run, "es")
    assert wrong.correct is False
    assert [f.get("es") for f in wrong.feedback] == ["Solo si termina con normalidad."]
    assert wrong.evidence == (0,)


def test_choice_answer_parsing() -> None:
    q = _q(
        kind=Kind.CHOICE,
        options=(
            Option(Text({"en": "a"}), True),
            Option(Text({"en": "b"}), True),
            Option(Text({"en": "c"})),
        ),
    )
    assert parse_answer(q, "2, 1") == "1,2"
    assert parse_answer(q, "b a") == "1,2"
    assert grade(q, "1,2", None, "en").correct is True
    assert grade(q, "1", None, "en").correct is False
    with pytest.raises(AnswerError) as err:
        parse_answer(q, "4")
    assert err.value.key == "answer.no_such_option"
    with pytest.raises(AnswerError):
        parse_answer(q, "  ")


def test_numeric_key_and_run_value(mini: dict[str, Question]) -> None:
    q = mini["basics.exitcode-number"]
    assert parse_answer(q, " 3,0 ") == "3"
    verdict = grade(q, "3", RunFacts("exitcode: 3", ok=True), "en")
    assert verdict.correct is True and verdict.run_value == 3.0 and not verdict.notes
    assert verdict.proof is not None and verdict.proof.status == SHOWN
    contradicted = grade(q, "3", RunFacts("exitcode: 0", ok=True), "en")
    assert contradicted.correct is True  # graded by the key, never by one run
    assert contradicted.proof is not None and contradicted.proof.status == NOT_SHOWN
    assert contradicted.proof.facts[0].params == {"value": "0"}
    with pytest.raises(AnswerError):
        parse_answer(q, "three")
    with pytest.raises(AnswerError):
        parse_answer(q, "nan")


def test_numeric_ranges() -> None:
    assert NumericKey(max=99).accepts(37) and not NumericKey(max=99).accepts(100)
    assert NumericKey(value=0.5, tolerance=0.05).accepts(0.54)
    assert not NumericKey(value=0.5, tolerance=0.05).accepts(0.56)
    assert NumericKey(min=1, max=3).describe() == "1 … 3"


def test_predict_any_order_and_diff(mini: dict[str, Question]) -> None:
    q = mini["basics.children"]
    run = RunFacts("child 1\nchild 0\njoined 2\n", ok=True)
    right = grade(q, "child 0\nchild 1\njoined 2", run, "en")
    assert right.correct is True
    assert "verdict.output_varies" in [n.key for n in right.notes]
    wrong = grade(q, "joined 2\nchild 0", run, "en")
    assert wrong.correct is False
    assert {d.tag for d in wrong.diff} >= {"+"}


def test_predict_accepts_the_run_even_when_it_differs_from_the_key() -> None:
    q = _q(match=MatchRule.EXACT, expected="lost: yes")
    run = RunFacts("lost: no", ok=True)
    verdict = grade(q, "lost: no", run, "en")
    assert verdict.correct is True
    assert verdict.proof is not None and verdict.proof.status == NOT_SHOWN  # not the key
    # the key is accepted too: an unlucky run never marks a right prediction wrong
    assert grade(q, "lost: yes", run, "en").correct is True


def test_predict_pattern_and_candidates() -> None:
    q = _q(
        match=MatchRule.PATTERN,
        expected="pid {pid}\nok",
        candidates=("pid {pid}\nok", "ok\npid {pid}"),
    )
    assert parse_answer(q, "1") == "pid {pid}\nok"
    assert grade(q, parse_answer(q, "1"), RunFacts("pid 77\nok", True), "en").correct is True
    assert grade(q, parse_answer(q, "2"), RunFacts("pid 77\nok", True), "en").correct is False
    assert grade(q, "pid 12\nok", None, "en").correct is True


def test_no_run_and_failed_run(mini: dict[str, Question]) -> None:
    q = mini["basics.exitcode-number"]
    no_run = grade(q, "3", None, "en").proof
    assert no_run is not None and no_run.status == NO_RUN
    failed = grade(q, "3", RunFacts("", ok=False, problem="exited with code 1"), "en").proof
    assert failed is not None and failed.status == NOT_SHOWN and failed.reason is not None
    assert failed.reason.key == "proof.failed"
    assert failed.reason.params["problem"] == "exited with code 1"
    late = RunFacts("", ok=False, problem="timed out after 5 s", timed_out=True)
    timed_out = grade(q, "3", late, "en").proof
    assert timed_out is not None and timed_out.reason is not None
    assert timed_out.reason.key == "proof.timed_out"


def test_open_is_self_rated(mini: dict[str, Question]) -> None:
    q = mini["more.why"]
    verdict = grade(q, parse_answer(q, "it waits"), RunFacts("", True), "en")
    assert verdict.correct is None
    assert verdict.key == "To wait until the child ends."
