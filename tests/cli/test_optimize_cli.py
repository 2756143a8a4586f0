"""`mpquiz optimize` as a learner types it: the report, --json, --dry-run, and the refusal
below the minimum in the learner's language."""

from __future__ import annotations

import json
from pathlib import Path

from mpquiz.services import Services
from tests.cli.test_cli import mpquiz
from tests.conftest import FakeClock
from tests.learner_history import history, store_history


def _database(tmp_path: Path, reviews: list) -> str:  # type: ignore[type-arg]
    url = f"sqlite:///{tmp_path / 'ana.db'}"
    svc = Services(db_url=url, lang_option="en", learner="ana", clock=FakeClock())
    svc.open()
    store_history(svc, reviews)
    svc.close()
    return url


def test_optimize_reports_the_fit_and_keeps_the_better_parameters(tmp_path: Path) -> None:
    url = _database(tmp_path, history(60, 8))
    dry = mpquiz("--db", url, "--learner", "ana", "optimize", "--json", "--dry-run")
    assert dry.returncode == 0, dry.stderr
    report = json.loads(dry.stdout)
    assert report["reviews"] == 480 and report["items"] == 420
    assert report["new"]["log_loss"] < report["default"]["log_loss"]
    assert report["current"] == report["default"]
    assert (report["better"], report["stored"], report["dry_run"]) == (True, False, True)
    assert len(report["parameters"]) == 21
    assert report["rescheduled"]["cards"] == 60 and report["rescheduled"]["moved"] > 0
    shown = mpquiz("--db", url, "--learner", "ana", "--lang", "es", "optimize")
    assert shown.returncode == 0, shown.stderr
    assert "FSRS ajustado a 480 repasos" in shown.stdout
    assert "Guardados: desde ahora tus repasos se programan" in shown.stdout
    assert "Reprogramadas con ellos: se movieron" in shown.stdout
    again = json.loads(mpquiz("--db", url, "--learner", "ana", "optimize", "--json").stdout)
    assert again["current"]["log_loss"] < again["default"]["log_loss"]  # now their own


def test_below_the_minimum_it_says_how_many_more_reviews(tmp_path: Path) -> None:
    url = _database(tmp_path, history(10, 5))
    refused = mpquiz("--db", url, "--learner", "ana", "--lang", "es", "optimize")
    assert refused.returncode == 1
    assert refused.stderr.strip() == (
        "mpquiz: Llevas 50 repasos: faltan 350 para que mpquiz pueda ajustar FSRS a ellos"
        " (400 en total)."
    )
    as_json = mpquiz("--db", url, "--learner", "ana", "optimize", "--json")
    assert as_json.returncode == 1
    assert json.loads(as_json.stdout) == {"reviews": 50, "needed": 350, "stored": False}


def test_a_learners_own_desired_retention(tmp_path: Path) -> None:
    url = _database(tmp_path, history(2, 2))
    base = ("--db", url, "--learner", "ana", "--lang", "es", "retention")
    assert mpquiz(*base).stdout.strip() == (
        "Retención deseada: 90% (la de los ajustes; mpquiz retention R fija la tuya)."
    )
    own = mpquiz(*base, "0.85")
    assert own.returncode == 0, own.stderr
    assert own.stdout.startswith("Retención deseada: 85%, la tuya")
    svc = Services(db_url=url, lang_option="en", learner="ana", clock=FakeClock())
    svc.open()
    assert svc.scheduler.desired_retention == 0.85
    other = Services(db_url=url, lang_option="en", learner="ben", clock=FakeClock())
    other.open()
    assert other.scheduler.desired_retention == 0.9  # another learner's is their own
    svc.close()
    other.close()
    refused = mpquiz(*base, "0.5")
    assert refused.returncode == 2
    assert refused.stderr.strip() == (
        "mpquiz: la retención deseada debe estar entre 0.7 y 0.99, no 0.5"
    )
    assert mpquiz(*base, "0.8", "--clear").returncode == 2
    back = mpquiz(*base, "--clear")
    assert back.stdout.startswith("Retención deseada: 90% (la de los ajustes")
