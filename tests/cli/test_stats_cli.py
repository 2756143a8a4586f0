"""`mpquiz stats` as typed: true retention beside the desired one, when a fit is worth
running, and `--question` (one question's forgetting curve), in Spanish and as JSON."""

from __future__ import annotations

import json
from pathlib import Path

from mpquiz.services import Services
from tests.cli.test_cli import mpquiz
from tests.conftest import FakeClock
from tests.learner_history import history, store_history


def test_stats_and_a_questions_curve(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'ana.db'}"
    svc = Services(db_url=url, lang_option="en", learner="ana", clock=FakeClock())
    svc.open()
    store_history(svc, history(3, 4))
    first = svc.store.question_pool(svc.learner_id)[0].question.qid
    svc.close()
    base = ("--db", url, "--learner", "ana")
    table = mpquiz(*base, "--lang", "es", "stats")
    assert table.returncode == 0, table.stderr
    assert "Retención real: aún ninguna" in table.stdout and "deseada: 90%" in table.stdout
    assert "tras 388 repasos más, mpquiz optimize podrá ajustarlos a ti" in table.stdout
    as_json = json.loads(mpquiz(*base, "stats", "--json").stdout)
    assert as_json["scheduling"]["reviews_until_optimize"] == 388
    assert as_json["retention"]["desired"] == 0.9
    curve = mpquiz(*base, "--lang", "es", "stats", "--question", first)
    assert curve.returncode == 0, curve.stderr
    assert f"Curva de olvido de {first}" in curve.stdout
    assert curve.stdout.count("✓") + curve.stdout.count("✗") >= 4
    points = json.loads(mpquiz(*base, "stats", "--question", first, "--json").stdout)
    assert len(points["points"]) == 60 and len(points["answers"]) == 4
    unknown = mpquiz(*base, "--lang", "es", "stats", "--question", "nada.de.nada")
    assert unknown.returncode == 2
    assert unknown.stderr.strip() == "mpquiz: no hay ninguna pregunta 'nada.de.nada' en tus packs"
