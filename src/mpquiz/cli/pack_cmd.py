"""`mpquiz pack`: write, validate, add, list, remove, export, trust and convert packs."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from mpquiz.cli.context import h, help_lang, opened, services
from mpquiz.cli.output import to_json
from mpquiz.core.inert import inert
from mpquiz.i18n import error_text, t

if TYPE_CHECKING:
    from mpquiz.core.model import Pack
    from mpquiz.packs.manifest import Manifest
    from mpquiz.packs.problems import PackProblem
    from mpquiz.services import Services
    from mpquiz.session.keycheck import KeyReport

app = typer.Typer(help=h("help.pack"), no_args_is_help=True, rich_markup_mode=None)

IdArg = Annotated[str, typer.Argument(metavar="ID", help=h("help.arg.pack_id"))]


def _kinds(pack: Pack) -> str:
    counts: dict[str, int] = {}
    for q in pack.questions:
        counts[q.kind.value] = counts.get(q.kind.value, 0) + 1
    return ", ".join(f"{n} {k}" for k, n in sorted(counts.items()))


def _check_lang(lang: str | None, option: str = "--lang") -> None:
    if lang is not None and lang not in ("es", "en"):
        raise typer.BadParameter(t("pack.bad_lang", help_lang(), lang=lang), param_hint=option)


@app.command("validate", help=h("help.pack.validate"), epilog=h("help.pack.validate.example"))
def validate(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(metavar="PATH", help=h("help.arg.pack_path"))],
    run: Annotated[bool, typer.Option("--run", help=h("help.opt.run"))] = False,
    as_json: Annotated[bool, typer.Option("--json", help=h("help.opt.problems_json"))] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help=h("help.opt.yes_run"))] = False,
    record: Annotated[bool, typer.Option("--record", help=h("help.opt.record"))] = False,
) -> None:
    """Check a pack folder or zip: exit 0 when clean, 1 when --run contradicts a key, 2 when
    invalid."""
    from mpquiz.packs.archive import pack_folder
    from mpquiz.packs.problems import PackErrors

    svc = services(ctx)
    lang = svc.lang
    if record and path.is_file():
        from mpquiz.core.errors import BadInput

        raise BadInput(t("pack.validate.record_folder", lang, path=path))
    report: dict[str, Any] = {"path": str(path), "valid": False, "pack": None, "problems": []}
    try:
        with pack_folder(path) as root:  # a zip is checked where it is unpacked
            code = _validate(
                svc, root, path, report, run=run or record, as_json=as_json, yes=yes,
                record=record,
            )  # fmt: skip
    except PackErrors as exc:
        report["problems"] = [p.to_dict() for p in exc.problems]
        if as_json:
            _emit(report, 2)
        for problem in exc.problems:
            typer.echo(inert(str(problem)), err=True)
        typer.echo(t("pack.validate.problems", lang, count=len(exc.problems), path=path), err=True)
        raise typer.Exit(2) from None
    if as_json:
        _emit(report, code)
    raise typer.Exit(code)


def _validate(
    svc: Services,
    root: Path,
    path: Path,
    report: dict[str, Any],
    *,
    run: bool,
    as_json: bool,
    yes: bool,
    record: bool = False,
) -> int:
    """Load (and with `run`, key-check; with `record`, keep a proving run of each
    question in the pack) the pack in `root`; fills `report`; the exit code."""
    from mpquiz import paths
    from mpquiz.packs.loader import load_pack

    lang = svc.lang
    builtin = path.resolve() == paths.builtin_pack_dir().resolve()
    warnings: list[PackProblem] = []
    demos = paths.builtin_demos_dir() if builtin else None
    pack = load_pack(root, demos_dir=demos, warnings=warnings)
    report |= {
        "valid": True,
        "pack": {"id": pack.id, "version": pack.version, "questions": len(pack.questions)},
        "warnings": [w.to_dict() for w in warnings],
    }
    if not as_json:
        for warning in warnings:
            typer.echo(inert(t("pack.validate.warning", lang, problem=str(warning))), err=True)
    if not as_json:
        typer.echo(
            t(
                "pack.validate.valid",
                lang,
                pack=pack.id,
                version=pack.version,
                count=len(pack.questions),
                kinds=_kinds(pack),
            )
        )
    if not run:
        return 0
    _confirm_running(svc, pack, yes=yes)
    return _run_keys(pack, lang, report, show=not as_json, record=record)


def _confirm_running(svc: Services, pack: Pack, *, yes: bool) -> None:
    """`--run` runs the pack's programs: unless this machine trusts exactly these files
    (or the built-in pack as shipped), show them and ask, or require --yes."""
    from mpquiz.core.errors import BadInput
    from mpquiz.packs.builtin_lock import read_lock
    from mpquiz.packs.manifest import ManifestError, read_manifest

    root, demos = Path(pack.root), Path(pack.demos_dir)
    try:
        manifest = read_manifest(root, demos)
        as_builtin = read_manifest(root, demos, bytecode=False)  # as the lock records it
    except ManifestError as exc:
        why = error_text(exc, svc.lang)
        raise BadInput(t("pack.trust.cannot", svc.lang, pack=pack.id, reason=why)) from None
    trusted = svc.trust.trusted(pack.id)
    try:
        shipped = read_lock().digest == as_builtin.digest
    except ManifestError:
        shipped = False
    if yes or shipped or (trusted is not None and trusted.digest == manifest.digest):
        return
    if manifest.escapes:
        reason = t("pack.trust.link_out", svc.lang, file=manifest.escapes[0])
        raise BadInput(t("pack.trust.cannot", svc.lang, pack=pack.id, reason=reason))
    if not sys.stdin.isatty():
        raise BadInput(t("pack.validate.need_yes", svc.lang, pack=pack.id))
    _show_manifest(svc, manifest, "pack.validate.run_header", pack.id, pack.version)
    if not typer.confirm(t("pack.validate.run_confirm", svc.lang), default=False):
        raise typer.Exit(1)


def _show_manifest(svc: Services, manifest: Manifest, header: str, pack: str, version: str) -> None:
    from mpquiz.core.inert import inert

    typer.echo(inert(t(header, svc.lang, pack=pack, version=version)))
    for name, digest in manifest.files.items():
        typer.echo(f"  {digest}  {inert(name)}")
    typer.echo(t("pack.trust.runs", svc.lang))
    for command in manifest.commands():
        typer.echo(f"  python {inert(command)}")


def _record(pack: Pack, result: KeyReport, lang: str, *, show: bool) -> list[str]:
    """Keep, for each question whose proof a run showed, that run in the pack."""
    from mpquiz.packs.recorded import write_recorded

    demos = Path(pack.demos_dir)
    written = []
    for qid, tally in result.proofs.items():
        run = tally.shown_in
        if run is None:
            continue
        processes = tuple(p.to_dict() for p in run.processes)
        write_recorded(
            demos, qid, run.output, exit_code=run.exit_code or 0, duration=run.duration,
            processes=processes,
        )  # fmt: skip
        written.append(qid)
    if show:
        typer.echo(t("pack.validate.recorded", lang, count=len(written), path=demos / "recorded"))
    return written


def _emit(report: dict[str, Any], code: int) -> None:
    typer.echo(to_json(report | {"exit_code": code}))
    raise typer.Exit(code)


def _run_keys(
    pack: Pack, lang: str, report: dict[str, Any], *, show: bool, record: bool = False
) -> int:
    from mpquiz.session.keycheck import check_keys

    if show and sys.stderr.isatty():
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
        with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
            task = bar.add_task("demos", total=None)
            result = check_keys(
                pack,
                progress=lambda demo, done, total: bar.update(
                    task, description=demo, completed=done, total=total
                ),
            )
    else:
        result = check_keys(pack)
    root = Path(pack.root)  # the path as given, as the loader names files
    report["run"] = {
        "runs": result.runs,
        "questions": result.questions,
        "proofs": {
            qid: {"proof": tally.status, "shown": tally.shown, "runs": tally.runs}
            for qid, tally in result.proofs.items()
        },
        "problems": [
            {
                "file": str(root / p.question.source.partition(":")[0]),
                "line": int(p.question.source.partition(":")[2] or 0) or None,
                "qid": p.question.qid,
                "message": p.message,
                "run": p.run,
            }
            for p in result.problems
        ],
    }
    if record:
        report["recorded"] = _record(pack, result, lang, show=show)
    if show:
        for problem in result.problems:
            typer.echo(inert(f"{root / str(problem)}"), err=True)
    if show and result.questions:  # not for a pack of exercises alone
        key = "pack.validate.keys_bad" if result.problems else "pack.validate.keys_ok"
        runs = t("count.demo_runs", lang, count=result.runs)
        questions = t("count.questions", lang, count=result.questions)
        problems = t("count.key_problems", lang, count=len(result.problems))
        typer.echo(t(key, lang, runs=runs, questions=questions, problems=problems))
    bad_exercises = _prove_exercises(pack, lang, report, show=show)
    return 1 if result.problems or bad_exercises else 0


def _prove_exercises(pack: Pack, lang: str, report: dict[str, Any], *, show: bool) -> int:
    """Check each exercise's starter (it must fail a check) and solution (it must pass
    every check measurable here), with every CPU and on one; the problems found."""
    from mpquiz.core.kinds import ExerciseQuestion
    from mpquiz.packs.places import PackPlaces
    from mpquiz.session.demos import DemoLauncher, TrustLocalFiles
    from mpquiz.session.exercise_proofs import prove_exercises

    if not any(isinstance(q, ExerciseQuestion) for q in pack.questions):
        return 0
    places = PackPlaces.here().with_folders({pack.id: Path(pack.root)})
    launcher = DemoLauncher(places, TrustLocalFiles())  # trusted above (_confirm_running)
    tell = None
    if show and sys.stderr.isatty():

        def tell(qid: str, done: int, total: int) -> None:
            sys.stderr.write(f"\r{inert(qid)} ({done}/{total})\x1b[K")
            sys.stderr.write("\r\x1b[K" if done == total else "")
            sys.stderr.flush()

    proofs = prove_exercises(pack, launcher, progress=tell)
    root = Path(pack.root)
    found = []
    exercises: dict[str, list[dict[str, object]]] = {}
    for proof in proofs:
        exercises.setdefault(proof.question.qid, []).append(proof.to_dict())
        for message in proof.problems():
            source = proof.question.source
            found.append(
                {
                    "file": str(root / source.partition(":")[0]),
                    "line": int(source.partition(":")[2] or 0) or None,
                    "qid": proof.question.qid,
                    "message": message,
                    "run": None,
                }
            )
            if show:
                typer.echo(inert(f"{root / source}: question {proof.question.qid}: {message}"),
                           err=True)  # fmt: skip
    run = report.setdefault("run", {})
    run["exercises"] = exercises
    run.setdefault("problems", []).extend(found)
    if show:
        if found:
            counted = t("count.exercises", lang, count=len(exercises))
            problems = t("count.problems", lang, count=len(found))
            typer.echo(t("pack.validate.exercises_bad", lang, exercises=counted, problems=problems))
        else:
            typer.echo(t("pack.validate.exercises_ok", lang, count=len(exercises)))
    return len(found)


@app.command("new", help=h("help.pack.new"))
def new(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(metavar="PATH", help=h("help.arg.new_pack"))],
    pack_id: Annotated[
        str | None, typer.Option("--id", metavar="ID", help=h("help.opt.new_id"))
    ] = None,
    title: Annotated[
        str | None, typer.Option("--title", metavar="TEXT", help=h("help.opt.new_title"))
    ] = None,
) -> None:
    """Write a new pack folder from the template."""
    from mpquiz.packs.scaffold import new_pack

    chosen = new_pack(path, pack_id=pack_id, title=title)
    typer.echo(t("pack.new.done", services(ctx).lang, pack=chosen, path=path))


@app.command("list", help=h("help.pack.list"))
def list_(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help=h("help.opt.json"))] = False,
) -> None:
    """Show the installed packs with their question counts and trust."""
    from mpquiz.core.inert import inert_tree

    svc = opened(ctx)
    places = svc.places
    rows = inert_tree(
        [
            {
                "id": pack.id,
                "version": pack.version,
                "questions": pack.active_questions,
                "title": pack.title.get(svc.lang),
                "builtin": places.is_builtin(pack.id),
                "trust": svc.trust_state(pack),
                "path": str(places.folder(pack.id) or ""),
            }
            for pack in svc.store.packs()
        ]
    )
    if as_json:
        typer.echo(to_json(rows))
        return
    from rich.table import Table

    from mpquiz.render import text_console

    table = Table()
    for key in ("pack.list.col.id", "pack.list.col.version", "pack.list.col.questions",
                "pack.list.col.trust", "pack.list.col.title"):  # fmt: skip
        table.add_column(t(key, svc.lang), justify="right" if key.endswith("questions") else "left")
    for row in rows:
        table.add_row(row["id"], row["version"], str(row["questions"]), row["trust"], row["title"])
    text_console().print(table)


@app.command("add", help=h("help.pack.add"))
def add(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(metavar="PATH|ZIP", help=h("help.arg.pack_source"))],
    force: Annotated[bool, typer.Option("--force", help=h("help.opt.force"))] = False,
) -> None:
    """Install a pack folder or zip, or update it to a higher version."""
    from mpquiz.packs.problems import PackErrors
    from mpquiz.session.pack_install import add_pack, installed_pack

    svc = opened(ctx)
    try:
        pack, report = add_pack(path, svc.store, svc.packs_root, svc.clock.now(), force=force)
    except PackErrors as exc:
        for problem in exc.problems:
            typer.echo(inert(str(problem)), err=True)
        typer.echo(t("pack.add.failed", svc.lang, count=len(exc.problems), path=path), err=True)
        raise typer.Exit(2) from None
    typer.echo(
        t(
            "pack.add.done",
            svc.lang,
            pack=pack.id,
            version=pack.version,
            added=report.added,
            updated=report.updated,
            retired=report.retired,
            unchanged=report.unchanged,
        )
    )
    if svc.trust_state(installed_pack(svc.store, pack.id)) != "trusted":
        typer.echo(t("pack.add.trust_hint", svc.lang, pack=pack.id))


@app.command("remove", help=h("help.pack.remove"))
def remove(ctx: typer.Context, pack_id: IdArg) -> None:
    """Retire a pack's questions (reviews are kept) and delete its files."""
    from mpquiz.session.pack_install import remove_pack

    svc = opened(ctx)
    retired = remove_pack(pack_id, svc.store, svc.packs_root, svc.clock.now())
    svc.trust.revoke(pack_id)
    typer.echo(t("pack.remove.done", svc.lang, pack=pack_id, count=retired))


@app.command("export", help=h("help.pack.export"))
def export(
    ctx: typer.Context,
    pack_id: IdArg,
    out: Annotated[
        Path, typer.Option("--output", "-o", metavar="FILE.zip", help=h("help.opt.zip_out"))
    ],
) -> None:
    """Zip an installed pack so that `pack add` takes it back."""
    from mpquiz.session.pack_install import export_pack, installed_pack

    svc = opened(ctx)
    info = installed_pack(svc.store, pack_id)
    folder = _folder(svc, info.id)
    count = export_pack(info, folder, svc.places.demos(info.id) or folder / "demos", out)
    typer.echo(
        t("pack.export.done", svc.lang, pack=info.id, version=info.version, count=count, path=out)
    )


@app.command("trust", help=h("help.pack.trust"))
def trust(
    ctx: typer.Context,
    pack_id: IdArg,
    yes: Annotated[bool, typer.Option("--yes", "-y", help=h("help.opt.yes"))] = False,
) -> None:
    """List a pack's demo files with their SHA-256 and trust them."""
    from mpquiz.core.errors import BadInput
    from mpquiz.packs.manifest import ManifestError
    from mpquiz.session.pack_install import installed_pack

    svc = opened(ctx)
    pack = installed_pack(svc.store, pack_id)
    if svc.places.is_builtin(pack.id):
        typer.echo(t("pack.trust.builtin", svc.lang))
        return
    try:
        manifest = svc.launcher.local_manifest(pack.id)
    except ManifestError as exc:
        why = error_text(exc, svc.lang)
        raise BadInput(t("pack.trust.cannot", svc.lang, pack=pack.id, reason=why)) from None
    if manifest.escapes:
        reason = t("pack.trust.link_out", svc.lang, file=manifest.escapes[0])
        raise BadInput(t("pack.trust.cannot", svc.lang, pack=pack.id, reason=reason))
    _show_manifest(svc, manifest, "pack.trust.header", pack.id, pack.version)
    if not yes:
        if not sys.stdin.isatty():
            raise BadInput(t("pack.trust.need_yes", svc.lang))
        if not typer.confirm(t("pack.trust.confirm", svc.lang), default=False):
            raise typer.Exit(1)
    svc.trust.trust(pack.id, manifest)
    typer.echo(t("pack.trust.done", svc.lang, pack=pack.id, count=len(manifest.files)))


@app.command("untrust", help=h("help.pack.untrust"))
def untrust(ctx: typer.Context, pack_id: IdArg) -> None:
    """Withdraw trust: the pack's demos stop running."""
    svc = services(ctx)
    key = "pack.untrust.done" if svc.trust.revoke(pack_id) else "pack.untrust.not_trusted"
    typer.echo(t(key, svc.lang, pack=pack_id))


@app.command("schema", help=h("help.pack.schema"))
def schema(
    kind: Annotated[
        str, typer.Option("--kind", metavar="pack|question", help=h("help.opt.schema_kind"))
    ] = "question",
) -> None:
    """Print the JSON Schema of pack.toml or of a question file."""
    from mpquiz.packs.json_schema import json_schema

    if kind == "pack":
        schema_of = json_schema("pack")
    elif kind == "question":
        schema_of = json_schema("question")
    else:
        raise typer.BadParameter(
            t("pack.bad_schema_kind", help_lang(), kind=kind), param_hint="--kind"
        )
    typer.echo(json.dumps(schema_of, ensure_ascii=False, indent=2))


def _folder(svc: Services, pack_id: str) -> Path:
    """The installed pack's folder on this machine (never the one the database names)."""
    from mpquiz.core.errors import BadInput

    folder = svc.places.folder(pack_id)
    if folder is None or not svc.places.installed(pack_id):
        raise BadInput(t("pack.not_here", svc.lang, pack=pack_id))
    return folder
