"""An added pack runs no demo until trusted, and again not after a demo file changes."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from mpquiz.core.errors import BadInput
from mpquiz.packs.install import add_pack, remove_pack
from mpquiz.packs.trust import CHANGED, UNTRUSTED, TrustStore, demo_hashes
from mpquiz.services import Services
from tests.conftest import T0


@pytest.fixture
def svc(db_url: str, tmp_path: Path, mini_pack_dir: Path) -> Services:
    services = Services(db_url=db_url, lang_option="en", learner="ana")
    add_pack(mini_pack_dir, services.store, services.packs_root, T0)
    yield services
    services.close()


def _demo_runs(svc: Services) -> int:
    with svc.store.engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM demo_run")).scalar_one()


def _answer_first(svc: Services) -> tuple[object, object]:
    session = svc.review_session(pack_id="mini", new_per_day=1)
    session.show()
    started = session.demo
    outcome = session.answer("1")
    session.rate()
    return started, outcome


def test_untrusted_pack_never_starts_a_demo(svc: Services) -> None:
    started, outcome = _answer_first(svc)
    assert started is None and outcome.run is None  # type: ignore[attr-defined]
    assert outcome.blocked == UNTRUSTED  # type: ignore[attr-defined]
    assert _demo_runs(svc) == 0 and svc.store.review_count(svc.learner_id) == 1


def test_trusted_pack_runs_until_a_demo_changes(svc: Services) -> None:
    pack = next(p for p in svc.store.packs() if p.id == "mini")
    demos = svc.demos_dir_for(pack)
    svc.trust.trust("mini", demo_hashes(demos))
    started, outcome = _answer_first(svc)
    assert started is not None and outcome.run.exit_code == 0  # type: ignore[attr-defined]
    assert _demo_runs(svc) == 1

    with (demos / "exitcode.py").open("a") as handle:
        handle.write("\nprint('something new')\n")
    assert svc.trust.check("mini", demos, "exitcode.py") == CHANGED
    assert svc.trust.check("mini", demos, "children.py") is None
    session = svc.review_session(pack_id="mini", new_per_day=5)
    session.show()  # the numeric question, whose demo file changed
    assert session.demo is None
    outcome = session.answer("3")
    assert outcome.blocked == CHANGED and _demo_runs(svc) == 1
    session.close()
    svc.trust.trust("mini", demo_hashes(demos))
    assert svc.trust.check("mini", demos, "exitcode.py") is None


def test_trust_file_is_per_machine_and_safe_when_damaged(tmp_path: Path) -> None:
    store = TrustStore(tmp_path / "trust.json")
    assert store.check("p", tmp_path, "x.py") == UNTRUSTED
    (tmp_path / "trust.json").write_text("{not json")
    assert store.trusted("p") == {}
    assert not store.revoke("p")


def test_versions_and_removal(svc: Services, mini_pack_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="raise its version"):
        add_pack(mini_pack_dir, svc.store, svc.packs_root, T0)
    _answer_first(svc)
    newer = tmp_path / "newer"
    import shutil

    shutil.copytree(mini_pack_dir, newer)
    toml = newer / "pack.toml"
    toml.write_text(toml.read_text().replace('version = "1.0.0"', 'version = "1.1.0"'))
    _, report = add_pack(newer, svc.store, svc.packs_root, T0)
    assert report.unchanged == 4 and report.added == 0
    assert svc.store.review_count(svc.learner_id) == 1
    assert remove_pack("mini", svc.store, svc.packs_root, T0) == 4
    assert not (svc.packs_root / "mini").exists()
    assert svc.store.review_count(svc.learner_id) == 1  # reviews are kept
    with pytest.raises(BadInput):
        remove_pack("mp-course", svc.store, svc.packs_root, T0)


def test_a_failed_add_changes_nothing(svc: Services, tmp_path: Path, mini_pack_dir: Path) -> None:
    import shutil

    broken = tmp_path / "broken"
    shutil.copytree(mini_pack_dir, broken)
    toml = broken / "pack.toml"
    toml.write_text(toml.read_text().replace('version = "1.0.0"', 'version = "2.0.0"'))
    (broken / "questions" / "basics.toml").write_text("[[question]]\nid = 1\n")
    before = sorted(p.name for p in svc.packs_root.iterdir())
    from mpquiz.packs.problems import PackErrors

    with pytest.raises(PackErrors):
        add_pack(broken, svc.store, svc.packs_root, T0)
    assert sorted(p.name for p in svc.packs_root.iterdir()) == before
    assert next(p for p in svc.store.packs() if p.id == "mini").version == "1.0.0"


def test_a_demo_file_runs_by_name_under_the_same_rules(svc: Services) -> None:
    launcher = svc.demo_launcher()
    assert launcher.start_file("mini", "exitcode.py") == (None, UNTRUSTED)
    assert launcher.start_file("nope", "exitcode.py") == (None, "demo.no_pack")
    pack = next(p for p in svc.store.packs() if p.id == "mini")
    svc.trust.trust("mini", demo_hashes(svc.demos_dir_for(pack)))
    launcher = svc.demo_launcher()
    assert launcher.start_file("mini", "absent.py") == (None, "demo.missing")
    demo, blocked = launcher.start_file("mini", "exitcode.py")
    assert blocked is None and demo is not None
    run = demo.wait()
    assert run.exit_code == 0 and "exitcode: 3" in run.output
    assert launcher.plan_file("mini", "exitcode.py").spec.timeout == pack.demo_timeout  # type: ignore[union-attr]
