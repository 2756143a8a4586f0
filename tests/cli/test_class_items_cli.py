"""`mpquiz class report`'s item analysis as an instructor reads it: the table in Spanish,
the CSV of --part items, and a wrong --part."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from tests.cli.test_cli import mpquiz
from tests.session.test_classroom import item_class


def test_the_item_analysis_in_the_table_and_as_csv(tmp_path: Path, mini_pack_dir: Path) -> None:
    url = f"sqlite:///{tmp_path / 'class.db'}"
    svc, _questions, qids = item_class(url, mini_pack_dir)
    svc.close()
    table = mpquiz(
        "--db", url, "--lang", "es", "class", "report", "--pack", "mini", "--since", "3650"
    )
    assert table.returncode == 0, table.stderr
    assert "Análisis de preguntas (exámenes y primeras respuestas en repaso)" in table.stdout
    assert "todos la aciertan" in table.stdout and "Discriminación" in table.stdout
    rows = list(
        csv.DictReader(
            io.StringIO(mpquiz("--db", url, "class", "report", "--since", "3650", "--format", "csv",
                               "--part", "items").stdout)
        )
    )  # fmt: skip
    assert sorted(r["question"] for r in rows) == sorted(qids.values())
    everyone = [r for r in rows if r["second_look"] == "everyone_right"]
    assert len(everyone) == 1 and everyone[0]["facility"] == "1.000"
    assert everyone[0]["discrimination"] == ""
    wrong = mpquiz("--db", url, "--lang", "es", "class", "report", "--part", "nada")
    assert wrong.returncode == 2
    assert wrong.stderr.strip() == "mpquiz: parte desconocida 'nada': usa topics o items"
