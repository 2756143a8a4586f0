"""`mpquiz pack`: write, validate, add, list, remove, export, trust and convert packs."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mpquiz.cli.context import h, help_lang, opened, services
from mpquiz.cli.output import to_json
from mpquiz.cli.pack_validate import show_manifest, validate
from mpquiz.core.inert import inert
from mpquiz.i18n import error_text, t

if TYPE_CHECKING:
    from mpquiz.services import Services

app = typer.Typer(help=h("help.pack"), no_args_is_help=True, rich_markup_mode=None)

IdArg = Annotated[str, typer.Argument(metavar="ID", help=h("help.arg.pack_id"))]

app.command("validate", help=h("help.pack.validate"), epilog=h("help.pack.validate.example"))(
    validate
)


def _check_lang(lang: str | None, option: str = "--lang") -> None:
    if lang is not None and lang not in ("es", "en"):
        raise typer.BadParameter(t("pack.bad_lang", help_lang(), lang=lang), param_hint=option)


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

    from mpquiz.render.verdicts import text_console

    table = Table()
    for key in ("pack.list.col.id", "pack.list.col.version", "pack.list.col.questions",
                "pack.list.col.trust", "pack.list.col.title"):  # fmt: skip
        table.add_column(t(key, svc.lang), justify="right" if key.endswith("questions") else "left")
    for row in rows:
        trust = t(f"tui.trust.{row['trust']}", svc.lang)  # builtin, trusted, untrusted, changed
        table.add_row(row["id"], row["version"], str(row["questions"]), trust, row["title"])
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
            typer.echo(inert(problem.in_language(svc.lang)), err=True)
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
    show_manifest(svc, manifest, "pack.trust.header", pack.id, pack.version)
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
