"""core.item_analysis: facility and discrimination (Moodle's), checked against hand
computation on a small class."""

from __future__ import annotations

import math

import pytest

from mpquiz.core.item_analysis import MIN_ATTEMPTS, correlation, item_statistics

# Five exams of four questions (1 right, 0 wrong). Question 4: everyone right.
EXAMS = {
    1: {1: 1, 2: 1, 3: 1, 4: 1},
    2: {1: 1, 2: 1, 3: 0, 4: 1},
    3: {1: 0, 2: 1, 3: 0, 4: 1},
    4: {1: 0, 2: 0, 3: 0, 4: 1},
    5: {1: 1, 2: 0, 3: 1, 4: 1},
}


def _answers() -> list[tuple[object, int, bool]]:
    return [(("exam", e), q, bool(s)) for e, qs in EXAMS.items() for q, s in qs.items()]


def test_facility_and_discrimination_by_hand() -> None:
    stats = item_statistics(_answers())
    # Question 1: item scores x = 1 1 0 0 1 (facility 3/5). The rest of each exam (the
    # mean of the other three): y = 3/3 2/3 2/3 1/3 2/3. Deviations: dx = .4 .4 -.6 -.6 .4,
    # dy = 1/3 0 0 -1/3 0; cov = .4/3 + .6/3 = 1/3; var x = 1.2; var y = 2/9.
    # r = (1/3) / sqrt(1.2 * 2/9) = 0.6455.
    q1 = stats[1]
    assert (q1.attempts, q1.right, q1.facility) == (5, 3, 0.6)
    assert q1.discrimination == pytest.approx((1 / 3) / math.sqrt(1.2 * 2 / 9))
    assert q1.discrimination == pytest.approx(0.6455, abs=1e-4)
    assert q1.second_look is None
    # Question 2: x = 1 1 1 0 0; y = 3/3 2/3 1/3 1/3 3/3 (mean 2/3); dx = .4 .4 .4 -.6 -.6,
    # dy = 1/3 0 -1/3 -1/3 1/3; cov = (.4 - .4 + .6 - .6) / 3 = 0: r = 0, it separates no one.
    q2 = stats[2]
    assert q2.facility == 0.6 and q2.discrimination == pytest.approx(0.0)
    assert q2.second_look == "weak"
    # Question 3: x = 1 0 0 0 1; y = 1 1 2/3 1/3 2/3 (mean 11/15); dx = .6 -.4 -.4 -.4 .6,
    # dy = 4/15 4/15 -1/15 -6/15 -1/15; cov = (2.4 - 1.6 + .4 + 2.4 - .6)/15 = 0.2;
    # var x = 1.2, var y = (16+16+1+36+1)/225 = 70/225. r = 0.2 / sqrt(1.2 * 70/225).
    q3 = stats[3]
    assert q3.facility == 0.4
    assert q3.discrimination == pytest.approx(0.2 / math.sqrt(1.2 * 70 / 225))
    # Question 4: everyone right: no spread, no index, worth a second look.
    q4 = stats[4]
    assert (q4.facility, q4.discrimination, q4.second_look) == (1.0, None, "everyone_right")


def test_too_few_attempts_give_no_index_and_each_attempt_counts_once() -> None:
    few = [(("review", n), 1, n % 2 == 0) for n in range(MIN_ATTEMPTS - 1)]
    few += [(("review", n), 2, True) for n in range(MIN_ATTEMPTS - 1)]
    stats = item_statistics(few)
    assert stats[1].discrimination is None and stats[1].second_look is None
    # A second answer to the same question in the same attempt is not a new score.
    again = item_statistics([(("exam", 1), 7, False), (("exam", 1), 7, True)])
    assert (again[7].attempts, again[7].right) == (1, 0)
    everyone_wrong = item_statistics([(("review", n), 3, False) for n in range(MIN_ATTEMPTS)])
    assert everyone_wrong[3].second_look == "everyone_wrong"


def test_correlation() -> None:
    assert correlation([(0, 0), (1, 1), (2, 2)]) == pytest.approx(1.0)
    assert correlation([(0, 2), (1, 1), (2, 0)]) == pytest.approx(-1.0)
    assert correlation([(1, 0), (1, 1), (1, 2)]) is None
