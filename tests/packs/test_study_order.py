"""New questions come in the study order of pack.toml's [topics], not by file name."""

from __future__ import annotations

import shutil
from pathlib import Path

from mpquiz.packs.loader import load_pack


def test_questions_follow_the_topic_order(mini_pack_dir: Path, tmp_path: Path) -> None:
    pack = tmp_path / "p"
    shutil.copytree(mini_pack_dir, pack)
    toml = pack / "pack.toml"
    # declare "more" first: its question must now come first, though its file sorts last
    text = toml.read_text()
    basics = 'basics = { es = "Básico", en = "Basics" }\n'
    more = 'more = { es = "Más", en = "More" }\n'
    toml.write_text(text.replace(basics + more, more + basics))
    loaded = load_pack(pack)
    assert [q.topic for q in loaded.questions] == ["more", "basics", "basics", "basics"]
    assert [q.position for q in loaded.questions] == [0, 1, 2, 3]
    assert [q.qid for q in loaded.questions][1:] == [
        "basics.exitcode",
        "basics.exitcode-number",
        "basics.children",
    ]
