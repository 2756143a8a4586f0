"""The TUI's pure helpers, its key descriptions in both languages, and how it is opened."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from textual.binding import Binding

import mpquiz.tui
from mpquiz.core.grading import answer_key
from mpquiz.core.model import Kind, NumericKey, Option, Text
from mpquiz.i18n import has_message, t
from mpquiz.tui import formatting as f
from mpquiz.tui.factory import build_app
from mpquiz.tui.widgets.heatmap import LABEL, Heatmap
from tests.conftest import ROOT
from tests.support.questions import make_question


def test_bars_percentages_and_durations() -> None:
    assert f.bar(0, 4) == "░░░░" and f.bar(1, 4) == "████"
    assert f.bar(0.5, 4) == "██░░" and f.bar(0.53, 10).startswith("█████▎")
    assert len(f.bar(0.37, 16)) == 16
    assert f.percent(None) == "—" and f.percent(0.526) == "53%"
    assert [f.duration(s) for s in (45, 720, 3900)] == ["45 s", "12 min", "1 h 05 min"]
    assert f.clock_text(timedelta(minutes=7, seconds=41.2)) == "07:42"
    assert f.clock_text(timedelta(seconds=-3)) == "00:00"


def test_heat_shades_have_a_legend_that_counts() -> None:
    steps = f.heat_thresholds(12)
    assert steps == [1, 3, 6, 9]
    assert [f.heat_shade(n, steps) for n in (0, 1, 3, 8, 12)] == ["·", "░", "▒", "▓", "█"]
    assert f.heat_legend(steps) == [
        ("·", "0"),
        ("░", "1–2"),
        ("▒", "3–5"),
        ("▓", "6–8"),
        ("█", "9+"),
    ]
    assert f.heat_thresholds(1) == [1, 2, 3, 4]  # still one range per shade


def test_changed_lines_and_keys_written_out() -> None:
    assert f.changed_lines(["a", "b"], ["a", "c", "d"]) == {1, 2}
    choice = make_question(
        Kind.CHOICE,
        options=(Option(Text({"en": "yes"}), True), Option(Text({"en": "no"}))),
    )
    numeric = make_question(
        Kind.NUMERIC, answer=NumericKey(value=0.5, tolerance=0.05), unit=Text({"en": "s"})
    )
    assert answer_key(choice, "en") == "1. yes"
    assert answer_key(numeric, "en") == "0.5 ± 0.05 s"
    assert f.one_line("first\nsecond", 20) == "first" and f.one_line("abcdef", 4) == "abc…"


def _tui_classes() -> list[type]:
    found = []
    for info in pkgutil.walk_packages(mpquiz.tui.__path__, "mpquiz.tui."):
        module = importlib.import_module(info.name)
        found += [
            c
            for _, c in inspect.getmembers(module, inspect.isclass)
            if c.__module__ == info.name and "BINDINGS" in c.__dict__
        ]
    return found


def test_every_key_description_exists_in_both_languages() -> None:
    classes = _tui_classes()
    assert len(classes) >= 10
    for cls in classes:
        for binding in cls.__dict__["BINDINGS"]:
            assert isinstance(binding, Binding), cls
            assert has_message(binding.description), (cls, binding.description)


def test_dynamic_message_keys_exist() -> None:
    keys = [f"tui.weekday.{d}" for d in range(7)] + [f"tui.month.{m}" for m in range(1, 13)]
    for state in ("builtin", "trusted", "untrusted", "changed"):
        keys += [f"tui.trust.{state}", f"tui.packs.explain_{state}"]
    keys += [f"tui.packs.col_{c}" for c in ("id", "version", "title", "questions", "trust")]
    keys += [f"tui.verdict.title_{v}" for v in ("confirmed", "corrected", "open")]
    keys += [
        f"tui.home.action.{a}"
        for a in ("review", "exam", "stats", "packs", "demos", "help", "quit")
    ]
    assert [k for k in keys if not has_message(k)] == []


def test_the_factory_knows_its_start_screens(svc: object) -> None:
    with pytest.raises(ValueError):
        build_app(svc, start="nowhere")  # type: ignore[arg-type]
    assert build_app(svc, start="review", topic="order").scope.topic == "order"  # type: ignore[arg-type]


def test_without_a_terminal_mpquiz_falls_back_to_the_plain_review(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "mpquiz", "--db", f"sqlite:///{tmp_path / 'x.db'}", "--lang", "en"],
        input="",
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert "Answered 0, right 0." in out.stdout


@pytest.mark.parametrize(
    ("weeks", "first_names"),
    [
        (53, ["Dec", "Jan"]),  # a single week of November at the left edge gives way
        (8, ["Oct", "Nov"]),  # the edge month has room for its name
    ],
)
def test_the_partial_month_at_the_left_edge_gives_way(weeks: int, first_names: list[str]) -> None:
    today = date(2026, 11, 25)
    heat = Heatmap("en")
    first = today - timedelta(days=today.weekday(), weeks=weeks - 1)
    names = heat._months(first, weeks, 1)[LABEL:].split()
    assert names[:2] == first_names


def test_a_month_name_at_the_right_edge_is_left_out_not_cut() -> None:
    heat = Heatmap("es")
    for weeks in range(4, 60):
        for weekday in range(7):
            today = date(2026, 3, 1) + timedelta(days=weekday)
            first = today - timedelta(days=today.weekday(), weeks=weeks - 1)
            row = heat._months(first, weeks, 1)
            names = {t(f"tui.month.{m}", "es") for m in range(1, 13)}
            assert len(row) == LABEL + weeks and all(w in names for w in row.split()), row
