"""What runs is decided on this machine: trust covers a pack's whole demos folder and how
its questions run, and a database row can never choose what runs.

The attacks are real: a question row edited in SQLite or PostgreSQL to run stdlib's
`timeit.py` with `-s CODE` (which executes CODE), pack rows edited to call a pack built
in or to point at another folder, helper modules changed after trust, links out of the
pack. Each must end with nothing run (a marker file the payload would write is absent)
and a reason naming the pack and question.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
import timeit
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from mpquiz.core.errors import BadInput
from mpquiz.i18n import reason
from mpquiz.packs.builtin_lock import read_lock
from mpquiz.packs.manifest import ManifestError, read_manifest
from mpquiz.packs.trust import TrustStore
from mpquiz.services import Services
from mpquiz.session.demos import CHANGED_STATE, TRUSTED, UNTRUSTED_STATE, DemoLauncher
from mpquiz.session.pack_install import add_pack, remove_pack
from tests.conftest import FIXTURES, T0
from tests.support.trusting import places_for, trust_installed


@pytest.fixture
def svc(db_url: str, mini_pack_dir: Path) -> Iterator[Services]:
    services = Services(db_url=db_url, lang_option="en", learner="ana")
    services.open()
    add_pack(mini_pack_dir, services.store, services.packs_root, T0)
    yield services
    services.close()


def _demo_runs(svc: Services) -> int:
    with svc.store.engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM demo_run")).scalar_one()


def _answer_first(
    svc: Services, pack: str = "mini", *, new: int = 1, answer: str = "1"
) -> tuple[object, object]:
    """Answer the first question due or new (`new`: today's new ones, counting those
    answered already)."""
    session = svc.review_session(pack_id=pack, new_per_day=new)
    session.show()
    started = session.demo
    outcome = session.answer(answer)
    session.rate()
    return started, outcome


def test_untrusted_pack_never_starts_a_demo(svc: Services) -> None:
    started, outcome = _answer_first(svc)
    assert started is None and outcome.run is None  # type: ignore[attr-defined]
    assert outcome.blocked.key == "trust.untrusted"  # type: ignore[attr-defined]
    assert "mpquiz pack trust mini" in reason(outcome.blocked, "en")  # type: ignore[attr-defined]
    assert _demo_runs(svc) == 0 and svc.store.review_count(svc.learner_id) == 1


def test_trust_covers_every_file_of_the_demos_folder(svc: Services) -> None:
    trust_installed(svc, "mini")
    started, outcome = _answer_first(svc)
    assert started is not None and outcome.run.exit_code == 0  # type: ignore[attr-defined]
    assert svc.trust_state(_pack(svc, "mini")) == TRUSTED

    # A data file beside the demos, not a .py, and not used by the question asked next.
    demos = svc.places.demos("mini")
    assert demos is not None
    (demos / "numbers.txt").write_text("1 2 3\n")
    assert svc.trust_state(_pack(svc, "mini")) == CHANGED_STATE
    session = svc.review_session(pack_id="mini", new_per_day=5)
    session.show()
    assert session.demo is None
    outcome = session.answer("3")
    assert outcome.blocked.key == "trust.changed"  # type: ignore[union-attr]
    assert "numbers.txt" in reason(outcome.blocked, "en")
    session.close()
    assert _demo_runs(svc) == 1

    trust_installed(svc, "mini")  # trusted again, exactly as it is now
    assert svc.trust_state(_pack(svc, "mini")) == TRUSTED


def test_a_changed_helper_module_blocks_the_demo_that_imports_it(
    db_url: str, tmp_path: Path
) -> None:
    pack = tmp_path / "helped"
    shutil.copytree(FIXTURES / "mini", pack)
    meta = pack / "pack.toml"
    meta.write_text(meta.read_text().replace('id = "mini"', 'id = "helped"'))
    (pack / "demos" / "helper.py").write_text("CODE = 3\n")
    exitcode = pack / "demos" / "exitcode.py"
    exitcode.write_text(
        exitcode.read_text()
        .replace("import sys\n", "import sys\n\nfrom helper import CODE\n")
        .replace("sys.exit(3)", "sys.exit(CODE)")
    )
    svc = Services(db_url=db_url, lang_option="en", learner="ana")
    svc.open()
    try:
        add_pack(pack, svc.store, svc.packs_root, T0)
        trust_installed(svc, "helped")
        _, outcome = _answer_first(svc, "helped")
        assert "exitcode: 3" in outcome.run.output  # type: ignore[attr-defined]

        installed = svc.places.demos("helped")
        assert installed is not None
        (installed / "helper.py").write_text("import os\nos.system('touch /tmp/x')\nCODE = 4\n")
        session = svc.review_session(pack_id="helped", new_per_day=2)
        session.show()
        assert session.demo is None
        outcome = session.answer("3")
        assert outcome.blocked.key == "trust.changed"  # type: ignore[union-attr]
        assert "(helper.py)" in reason(outcome.blocked, "en")
        session.close()
    finally:
        svc.close()


def _pack(svc: Services, pack_id: str):
    return next(p for p in svc.store.packs() if p.id == pack_id)


def _payload(marker: Path) -> dict[str, object]:
    """A row edit that runs code: stdlib timeit executes its `-s` setup statement."""
    code = f"open({str(marker)!r}, 'w').write('ran')"
    return {"demo": timeit.__file__, "args": ["-n", "1", "-s", code, "pass"]}


def _edit_question(svc: Services, pack: str, qid: str, /, **changes: object) -> None:
    with svc.store.engine.begin() as conn:
        row = conn.execute(
            text(
                "SELECT q.id, q.data FROM question q JOIN pack p ON p.id = q.pack_id "
                "WHERE p.id = :pack AND q.qid = :qid"
            ),
            {"pack": pack, "qid": qid},
        ).one()
        data = row.data if isinstance(row.data, dict) else json.loads(row.data)
        data.update(changes)
        conn.execute(
            text("UPDATE question SET data = :data WHERE id = :id"),
            {"data": json.dumps(data), "id": row.id},
        )


@pytest.mark.parametrize(
    "edit",
    [
        "timeit",  # a stdlib file by absolute path, arguments that run code
        "relative",  # a file outside the folder by `..`
        "args",  # the pack's own demo, other arguments
        "timeout",  # the pack's own demo and arguments, another timeout
    ],
)
def test_an_edited_builtin_question_row_runs_nothing(
    svc: Services, tmp_path: Path, edit: str
) -> None:
    marker = tmp_path / "ran"
    first = svc.review_session(new_per_day=1).show()
    assert first is not None and first.question.pack_id == "mp-course"
    qid = first.question.qid
    evil = tmp_path / "evil.py"
    evil.write_text(f"open({str(marker)!r}, 'w').write('ran')\n")
    changes = {
        "timeit": _payload(marker),
        "relative": {"demo": "../" * 12 + str(evil).lstrip("/")},
        "args": {"args": ["--workers", "99"]},
        "timeout": {"timeout": 59.0},
    }[edit]
    _edit_question(svc, "mp-course", qid, **changes)

    session = svc.review_session(new_per_day=1)
    shown = session.show()
    assert shown is not None and shown.question.qid == qid
    assert session.demo is None
    outcome = session.answer("1")
    session.rate()
    assert outcome.run is None
    assert outcome.blocked is not None and outcome.blocked.key == "demo.row_mismatch"
    said = reason(outcome.blocked, "en")
    assert f"question {qid} of pack mp-course" in said and "nothing was run" in said
    assert not marker.exists()
    assert _demo_runs(svc) == 0


def test_an_edited_row_of_a_trusted_pack_runs_nothing(svc: Services, tmp_path: Path) -> None:
    trust_installed(svc, "mini")
    marker = tmp_path / "ran"
    _edit_question(svc, "mini", "basics.exitcode", **_payload(marker))
    _, outcome = _answer_first(svc)
    assert outcome.blocked.key == "demo.row_mismatch"  # type: ignore[attr-defined]
    assert "basics.exitcode" in reason(outcome.blocked, "es")  # type: ignore[attr-defined]
    assert not marker.exists()


def test_a_question_row_the_pack_files_do_not_have_runs_nothing(
    svc: Services, tmp_path: Path
) -> None:
    trust_installed(svc, "mini")
    _edit_question(svc, "mini", "basics.exitcode", qid="basics.planted")
    _, outcome = _answer_first(svc)
    assert outcome.blocked.key == "demo.not_in_pack"  # type: ignore[attr-defined]


def test_pack_rows_decide_nothing(svc: Services, tmp_path: Path) -> None:
    """The `builtin` flag, `root` and `demos_dir` of a pack row are only a record."""
    marker = tmp_path / "ran"
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(svc.places.folder("mini"), elsewhere)  # type: ignore[arg-type]
    (elsewhere / "demos" / "exitcode.py").write_text(f"open({str(marker)!r}, 'w')\n")
    with svc.store.engine.begin() as conn:
        conn.execute(
            text(
                "UPDATE pack SET builtin = :yes, root = :root, demos_dir = :demos WHERE id = 'mini'"
            ),
            {"yes": True, "root": str(elsewhere), "demos": str(elsewhere / "demos")},
        )
    assert svc.trust_state(_pack(svc, "mini")) == UNTRUSTED_STATE
    _, outcome = _answer_first(svc)
    assert outcome.blocked.key == "trust.untrusted"  # type: ignore[attr-defined]
    trust_installed(svc, "mini")
    _, outcome = _answer_first(svc, new=2, answer="3")
    assert outcome.run is not None and "exitcode: 3" in outcome.run.output  # type: ignore[attr-defined]
    assert not marker.exists()


def test_a_pack_known_to_the_database_but_not_installed_here(svc: Services) -> None:
    """A classroom: another learner added the pack to the shared database."""
    shutil.rmtree(svc.places.folder("mini"))  # type: ignore[arg-type]
    _, outcome = _answer_first(svc)
    assert outcome.blocked.key == "demo.not_here"  # type: ignore[attr-defined]
    assert "not installed on this machine" in reason(outcome.blocked, "en")  # type: ignore[attr-defined]


def test_trusting_a_pack_whose_files_are_gone_says_why_in_the_learners_language(
    svc: Services,
) -> None:
    from mpquiz.i18n import error_text
    from mpquiz.session.pack_shelf import CannotTrust

    shutil.rmtree(svc.places.folder("mini"))  # type: ignore[arg-type]
    with pytest.raises(CannotTrust) as info:
        svc.pack_shelf().to_trust("mini")
    assert str(info.value) == "pack mini is not installed on this machine"
    assert error_text(info.value, "es") == "el paquete mini no está instalado en este equipo"


def test_the_builtin_pack_runs_only_as_shipped(tmp_path: Path) -> None:
    data, demos = tmp_path / "data", tmp_path / "demos"
    shutil.copytree(FIXTURES.parents[1] / "data", data)
    shutil.copytree(
        FIXTURES.parents[1] / "demos", demos, ignore=shutil.ignore_patterns("__pycache__")
    )
    places = places_for().__class__(tmp_path / "packs", "mp-course", data, demos)
    launcher = DemoLauncher(places, TrustStore(tmp_path / "trust.json"))
    question = _builtin_question("pool")
    assert launcher.plan(question).spec is not None

    (demos / "race_counter.py").write_text("print('not the course')\n")
    blocked = launcher.plan(question).blocked
    assert blocked is not None and blocked.key == "trust.builtin_changed"
    assert "demos/race_counter.py" in reason(blocked, "en")

    (demos / "race_counter.py").unlink()
    shutil.copy(FIXTURES.parents[1] / "demos" / "race_counter.py", demos)
    assert launcher.plan(question).spec is not None
    (data / "demos.lock.json").write_text("{}")
    blocked = launcher.plan(question).blocked
    assert blocked is not None and blocked.key == "trust.builtin_unsealed"


def _builtin_question(topic: str):
    from mpquiz import paths
    from mpquiz.packs.loader import load_pack

    pack = load_pack(paths.builtin_pack_dir(), demos_dir=paths.builtin_demos_dir())
    question = next(q for q in pack.questions if q.topic == topic)
    return dataclasses.replace(question, pack_id=pack.id)


def test_the_builtin_lock_is_up_to_date() -> None:
    """`make lock` records the built-in pack's manifest; it must match the tree."""
    from mpquiz.packs.builtin_lock import current_manifest

    lock, now = read_lock(), current_manifest()
    assert lock.changed_files(now) == [] and lock.runs == now.runs
    assert lock.digest == now.digest, "data/demos.lock.json is out of date: run `make lock`"


def test_links_out_of_the_demos_folder_block_the_pack(svc: Services, tmp_path: Path) -> None:
    trust_installed(svc, "mini")
    secret = tmp_path / "id_rsa"
    secret.write_text("secret")
    demos = svc.places.demos("mini")
    assert demos is not None
    (demos / "key").symlink_to(secret)
    _, outcome = _answer_first(svc)
    assert outcome.blocked.key == "trust.link_out"  # type: ignore[attr-defined]
    manifest = read_manifest(svc.places.folder("mini"))  # type: ignore[arg-type]
    assert manifest.escapes == ("key",) and "key" not in manifest.files
    with pytest.raises(ManifestError):
        read_manifest(svc.places.folder("nope"))  # type: ignore[arg-type]


def test_trust_file_is_per_machine_and_safe_when_damaged_or_old(tmp_path: Path) -> None:
    store = TrustStore(tmp_path / "trust.json")
    assert store.trusted("p") is None and not store.was_trusted("p")
    (tmp_path / "trust.json").write_text("{not json")
    assert store.trusted("p") is None
    assert not store.revoke("p")
    # Written by an older mpquiz: only .py files, which trusts nothing any more.
    (tmp_path / "trust.json").write_text(json.dumps({"p": {"demo.py": "0" * 64}}))
    assert store.trusted("p") is None and store.was_trusted("p")
    assert store.revoke("p") and not store.was_trusted("p")


def test_an_edited_trust_entry_trusts_nothing(svc: Services) -> None:
    trust_installed(svc, "mini")
    data = json.loads(svc.trust.path.read_text())
    data["packs"]["mini"]["runs"]["basics.exitcode"]["args"] = ["--evil"]
    svc.trust.path.write_text(json.dumps(data))
    assert svc.trust.trusted("mini") is None  # its digest no longer matches its content
    assert svc.trust_state(_pack(svc, "mini")) == CHANGED_STATE


def test_versions_and_removal(svc: Services, mini_pack_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="raise its version"):
        add_pack(mini_pack_dir, svc.store, svc.packs_root, T0)
    _answer_first(svc)
    newer = tmp_path / "newer"
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


def test_an_update_that_changes_how_a_question_runs_needs_trust_again(
    svc: Services, mini_pack_dir: Path, tmp_path: Path
) -> None:
    trust_installed(svc, "mini")
    newer = tmp_path / "newer"
    shutil.copytree(mini_pack_dir, newer)
    toml = newer / "pack.toml"
    toml.write_text(toml.read_text().replace('version = "1.0.0"', 'version = "1.1.0"'))
    questions = newer / "questions" / "basics.toml"
    questions.write_text(
        questions.read_text().replace(
            'demo = "children.py"\ncode = "main"',
            'demo = "children.py"\nargs = ["--children", "3"]\ncode = "main"',
        )
    )
    add_pack(newer, svc.store, svc.packs_root, T0)
    assert svc.trust_state(_pack(svc, "mini")) == CHANGED_STATE


def test_a_failed_add_changes_nothing(svc: Services, tmp_path: Path, mini_pack_dir: Path) -> None:
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
    launcher = svc.launcher
    demo, blocked = launcher.start_file("mini", "exitcode.py")
    assert demo is None and blocked is not None and blocked.key == "trust.untrusted"
    _, blocked = launcher.start_file("nope", "exitcode.py")
    assert blocked is not None and blocked.key == "demo.not_here"
    trust_installed(svc, "mini")
    _, blocked = launcher.start_file("mini", "absent.py")
    assert blocked is not None and blocked.key == "demo.missing"
    _, blocked = launcher.start_file("mini", "../../mini/demos/exitcode.py")
    assert blocked is not None and blocked.key == "demo.missing"
    demo, blocked = launcher.start_file("mini", "exitcode.py")
    assert blocked is None and demo is not None
    run = demo.wait()
    assert run.exit_code == 0 and "exitcode: 3" in run.output
    pack = _pack(svc, "mini")
    assert launcher.plan_file("mini", "exitcode.py").spec.timeout == pack.demo_timeout  # type: ignore[union-attr]


def test_bytecode_beside_a_demo_counts_as_a_file_of_the_pack(svc: Services) -> None:
    """Python would import a helper's cached bytecode instead of its source."""
    trust_installed(svc, "mini")
    demos = svc.places.demos("mini")
    assert demos is not None
    (demos / "__pycache__").mkdir()
    (demos / "__pycache__" / "helper.cpython-311.pyc").write_bytes(b"\x00" * 16)
    assert svc.trust_state(_pack(svc, "mini")) == CHANGED_STATE
    _, outcome = _answer_first(svc)
    assert "__pycache__/helper.cpython-311.pyc" in reason(outcome.blocked, "en")  # type: ignore[attr-defined]


def test_the_builtin_pack_id_is_read_from_the_lock_else_from_pack_toml(tmp_path: Path) -> None:
    from mpquiz.packs.places import builtin_pack_id

    assert builtin_pack_id() == "mp-course" == read_lock().pack_id
    (tmp_path / "pack.toml").write_text('[pack]\nid = "other-course"\n', encoding="utf-8")
    assert builtin_pack_id(tmp_path) == "other-course"  # no lock there: pack.toml says
    (tmp_path / "demos.lock.json").write_text("{not json", encoding="utf-8")
    assert builtin_pack_id(tmp_path) == "other-course"  # a broken lock: pack.toml says
    # An edited lock still names the pack for the first frame, and is refused before a run.
    edited = read_lock().to_dict() | {"pack": "edited"}
    (tmp_path / "demos.lock.json").write_text(json.dumps(edited), encoding="utf-8")
    assert builtin_pack_id(tmp_path) == "edited"
    with pytest.raises(ManifestError, match="digest"):
        read_lock(tmp_path)
